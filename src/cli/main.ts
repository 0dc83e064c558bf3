import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { roles } from '../core/vocabulary.js';
import { asc } from 'drizzle-orm';
import { DomainError } from '../core/errors.js';
import { openDatabase, type Database } from '../db/database.js';
import { DataFolderBusy, FOLDER_BUSY_EXIT_CODE } from '../db/engine/data-dir-lock.js';
import { migrate } from '../db/migrate.js';
import { organizations } from '../db/schema/index.js';
import { buildApp } from '../server/app.js';
import { stopOnSignals } from '../server/lifecycle.js';
import { closeInterruptedImports } from '../services/import/jobs.js';
import { readConfig, type Config } from '../config.js';
import { systemActor } from '../services/actor.js';
import { createUser } from '../services/access/users.js';
import { prepareFirstStart } from '../services/demo/first-start.js';
import { loadDemo, removeDemo, type DemoSummary } from '../services/demo/load-demo.js';
import { ladderStageLabels } from '../core/analytics/labels.js';
import type { LadderStage } from '../core/analytics/segments.js';
import { rebuildAnalytics, refreshAnalytics } from '../services/analytics/refresh.js';
import { translateCode } from '../core/messages/index.js';
import { withMinusSign } from '../core/text/minus.js';
import { cliLang, refusalText, say } from './messages.js';
import { progressBar } from './progress.js';
import { importCommand } from './import-command.js';
import type { ImportTuning } from '../services/import/run-import.js';
import { congratulationsCommand } from './calendar-command.js';
import { addBackupCommands } from './backup.js';
import { localiseCommander } from './help.js';
import { placeholder as ph } from './messages.js';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(say('cli.invalid.positive'));
  return n;
};

async function openMigrated(config: Config): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, clock: config.clock });
  const report = await migrate(db.engine);
  console.log(
    report.applied.length
      ? say('cli.migrated', { applied: report.applied.join(', '), total: report.total })
      : say('cli.upToDate', { total: report.total }),
  );
  return db;
}

/** How large import files are read, as the configuration says. */
const importTuning = (c: Config): ImportTuning => ({
  direct: c.importDirect ? undefined : false,
  readerThreads: c.importReaders,
});

async function resolveOrg(db: Database, orgId?: number): Promise<number> {
  const orgs = await db.orm.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.id));
  const chosen = orgId ?? orgs[0]?.id;
  if (!chosen || !orgs.some((o) => o.id === chosen))
    throw new DomainError('not_found', 'cli.noOrg', {
      org: orgId ?? '',
      orgs: orgs.map((o) => o.id).join(', ') || '—',
    });
  return chosen;
}

const describeDemo = (s: DemoSummary) =>
  Object.entries(s)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');

async function serve(config: Config): Promise<void> {
  const db = await openMigrated(config);
  console.log(config.databaseUrl ? say('cli.enginePostgres') : say('cli.engineEmbedded', { dir: config.dataDir }));
  const bar = progressBar('demo');
  const first = await prepareFirstStart(db, {
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
    loadDemo: config.loadDemo,
    onProgress: (done, total) => {
      if (done === 0) console.log(say('cli.demoLoading', { clients: total }));
      bar.update(done, total);
    },
  });
  bar.stop();
  // The embedded database has one server process: an import it shows as running died with the last
  // one (its transaction never committed). On PostgreSQL another process may still be running it.
  if (db.engine.kind === 'pglite') await closeInterruptedImports(db);
  const app = await buildApp({
    db,
    secureCookies: config.secureCookies,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    analyticsRefreshSeconds: config.analyticsRefreshSeconds,
    trustProxy: config.trustProxy,
    importTuning: importTuning(config),
  });
  await app.listen({ port: config.port, host: config.host });
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`;
  console.log(say('cli.listening', { address }));
  console.log(say('cli.apiDocs', { address: `${address}/api/docs` }));
  if (first.created) {
    if (first.demo) {
      console.log(say('cli.demoLoaded', { summary: describeDemo(first.demo) }));
      console.log(say('cli.demoRemoveHint'));
    }
    console.log(
      say('cli.firstLogin', {
        email: first.adminEmail,
        password: first.passwordGenerated ? first.adminPassword : '(RAPPORT_ADMIN_PASSWORD)',
      }),
    );
    if (first.passwordGenerated) console.log(say('cli.passwordNote'));
  }
  stopOnSignals(app, {
    closeDatabase: () => db.engine.close(),
    say: { stopping: say('cli.stopping'), forced: say('cli.stopForced') },
  });
}

/** The version of the package this CLI belongs to (package.json, two folders up from src/cli and dist/cli alike). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function program(): Command {
  const cli = localiseCommander(new Command('rapport'), packageVersion()).description(say('cli.description'));
  cli
    .command('serve')
    .description(say('cli.serve'))
    .option(`-p, --port ${ph('cli.arg.port')}`, say('cli.option.port'), positiveInt)
    .action(async (o: { port?: number }) => serve({ ...readConfig(), ...(o.port ? { port: o.port } : {}) }));
  cli
    .command('migrate')
    .description(say('cli.migrate'))
    .action(async () => {
      const db = await openMigrated(readConfig());
      await db.engine.close();
    });
  cli
    .command('demo')
    .description(say('cli.demo'))
    .option(`--clients ${ph('cli.arg.n')}`, say('cli.option.clients'), positiveInt, 300)
    .option(`--years ${ph('cli.arg.n')}`, say('cli.option.years'), positiveInt, 3)
    .option(`--seed ${ph('cli.arg.n')}`, say('cli.option.seed'), positiveInt, 1)
    .option(`--until ${ph('cli.arg.date')}`, say('cli.option.until'))
    .option(`--org ${ph('cli.arg.id')}`, say('cli.option.org'), positiveInt)
    .option('--remove', say('cli.option.remove'))
    .action(
      async (o: { clients: number; years: number; seed: number; until?: string; org?: number; remove?: boolean }) => {
        const db = await openMigrated(readConfig());
        try {
          const orgId = await resolveOrg(db, o.org);
          if (o.remove) {
            const r = await removeDemo(db, orgId);
            console.log(say('cli.demoRemoved', { clients: r.clients }));
            return;
          }
          const until = o.until ?? new Date().toISOString().slice(0, 10);
          if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until)))
            throw new InvalidArgumentError(say('cli.invalid.until'));
          const bar = progressBar('clients');
          const started = performance.now();
          const summary = await loadDemo(
            db,
            orgId,
            { clients: o.clients, years: o.years, seed: o.seed, until },
            (d, t) => bar.update(d, t),
          );
          bar.stop();
          console.log(
            say('cli.demoLoaded', { summary: describeDemo(summary) }),
            `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
          );
        } finally {
          await db.engine.close();
        }
      },
    );
  cli
    .command('analyze')
    .description(say('cli.analyze'))
    .option(`--org ${ph('cli.arg.id')}`, say('cli.option.org'), positiveInt)
    .option('--refresh-only', say('cli.option.refreshOnly'))
    .action(async (o: { org?: number; refreshOnly?: boolean }) => {
      const db = await openMigrated(readConfig());
      try {
        const orgId = await resolveOrg(db, o.org);
        const bars = new Map<string, ReturnType<typeof progressBar>>();
        const onProgress = (step: string, done: number, total: number) => {
          let bar = bars.get(step);
          if (!bar) {
            for (const b of bars.values()) b.stop();
            bar = progressBar(translateCode(cliLang, `cli.step.${step}`));
            bars.set(step, bar);
          }
          bar.update(done, total);
        };
        const r = o.refreshOnly
          ? await refreshAnalytics(db, orgId, { full: true, onProgress })
          : await rebuildAnalytics(db, orgId, onProgress);
        for (const b of bars.values()) b.stop();
        const rub = (k: number) =>
          withMinusSign(
            new Intl.NumberFormat(cliLang === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 0 }).format(k / 100),
          );
        console.log(
          say('cli.analyzed', {
            from: r.periodFrom,
            to: r.asOf,
            clients: r.clients,
            buying: r.buyingClients,
            revenue: rub(r.revenue),
            profit: rub(r.profit),
            seconds: (r.durationMs / 1000).toFixed(1),
          }),
        );
        const { rows } = await db.engine.query<{ stage: string; n: number }>(
          'SELECT ladder_stage AS stage, count(*) AS n FROM client_figures WHERE org_id = $1 GROUP BY 1 ORDER BY 2 DESC',
          [orgId],
        );
        console.log(
          say('cli.ladderLine', {
            stages: rows
              .map((x) => `${ladderStageLabels[x.stage as LadderStage]?.[cliLang] ?? x.stage} ${x.n}`)
              .join(', '),
          }),
        );
      } finally {
        await db.engine.close();
      }
    });
  addBackupCommands(cli, { openMigrated, resolveOrg, positiveInt });
  importCommand(cli, { open: () => openMigrated(readConfig()), resolveOrg, tuning: () => importTuning(readConfig()) });
  congratulationsCommand(cli, { open: () => openMigrated(readConfig()), resolveOrg });
  const user = cli.command('user').description(say('cli.user'));
  user
    .command('add')
    .description(say('cli.userAdd'))
    .requiredOption(`--email ${ph('cli.arg.email')}`, say('cli.userAdd.email'))
    .requiredOption(`--name ${ph('cli.arg.name')}`, say('cli.userAdd.name'))
    .requiredOption(`--password ${ph('cli.arg.password')}`, say('cli.userAdd.password'))
    .option(`--role ${ph('cli.arg.role')}`, say('cli.userAdd.role', { roles: roles.join(' | ') }), 'manager')
    .option(`--org ${ph('cli.arg.id')}`, say('cli.option.org'), positiveInt)
    .action(async (o: { email: string; name: string; password: string; role: string; org?: number }) => {
      const db = await openMigrated(readConfig());
      try {
        const orgId = await resolveOrg(db, o.org);
        if (!(roles as readonly string[]).includes(o.role))
          throw new InvalidArgumentError(say('cli.invalid.role', { roles: roles.join(', ') }));
        if (o.password.length < 10) throw new InvalidArgumentError(say('cli.invalid.password'));
        const u = await createUser(db, systemActor(orgId), {
          email: o.email,
          name: o.name,
          password: o.password,
          role: o.role as 'manager',
        });
        console.log(say('cli.userAdded', { email: u.email, role: u.role, org: orgId }));
      } finally {
        await db.engine.close();
      }
    });
  return cli;
}

/**
 * Runs the CLI; domain errors print their message and exit 1 (2 for bad arguments, 75 when the
 * embedded database folder is held by another process: a script may try again later).
 */
export async function main(argv = process.argv): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof DataFolderBusy) {
      console.error(refusalText(e));
      process.exit(FOLDER_BUSY_EXIT_CODE);
    }
    if (e instanceof DomainError) {
      console.error(refusalText(e));
      process.exit(1);
    }
    if (e instanceof InvalidArgumentError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
