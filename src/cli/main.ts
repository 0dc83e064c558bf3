import { Command, InvalidArgumentError } from 'commander';
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
import { isRussianLocale, say, type MessageKey } from './messages.js';
import { progressBar } from './progress.js';
import { importCommand } from './import-command.js';
import { congratulationsCommand } from './calendar-command.js';
import { addBackupCommands } from './backup.js';

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number is expected');
  return n;
};

async function openMigrated(config: Config): Promise<Database> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const report = await migrate(db.engine);
  console.log(
    report.applied.length ? say('migrated', report.applied.join(', '), report.total) : say('upToDate', report.total),
  );
  return db;
}

async function resolveOrg(db: Database, orgId?: number): Promise<number> {
  const orgs = await db.orm.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.id));
  const chosen = orgId ?? orgs[0]?.id;
  if (!chosen || !orgs.some((o) => o.id === chosen))
    throw new DomainError('not_found', say('noOrg', orgId ?? '', orgs.map((o) => o.id).join(', ') || '—'));
  return chosen;
}

const describeDemo = (s: DemoSummary) =>
  Object.entries(s)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');

async function serve(config: Config): Promise<void> {
  const db = await openMigrated(config);
  console.log(config.databaseUrl ? say('enginePostgres') : say('engineEmbedded', config.dataDir));
  const bar = progressBar('demo');
  const first = await prepareFirstStart(db, {
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
    loadDemo: config.loadDemo,
    onProgress: (done, total) => {
      if (done === 0) console.log(say('demoLoading', total));
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
  });
  await app.listen({ port: config.port, host: config.host });
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`;
  console.log(say('listening', address));
  console.log(say('apiDocs', `${address}/api/docs`));
  if (first.created) {
    if (first.demo) {
      console.log(say('demoLoaded', describeDemo(first.demo)));
      console.log(say('demoRemoveHint'));
    }
    console.log(
      say('firstLogin', first.adminEmail, first.passwordGenerated ? first.adminPassword : '(RAPPORT_ADMIN_PASSWORD)'),
    );
    if (first.passwordGenerated) console.log(say('passwordNote'));
  }
  stopOnSignals(app, {
    closeDatabase: () => db.engine.close(),
    say: { stopping: say('stopping'), forced: say('stopForced') },
  });
}

export function program(): Command {
  const cli = new Command('rapport').description(say('description')).showHelpAfterError();
  cli
    .command('serve')
    .description(say('serve'))
    .option('-p, --port <port>', 'PORT', positiveInt)
    .action(async (o: { port?: number }) => serve({ ...readConfig(), ...(o.port ? { port: o.port } : {}) }));
  cli
    .command('migrate')
    .description(say('migrate'))
    .action(async () => {
      const db = await openMigrated(readConfig());
      await db.engine.close();
    });
  cli
    .command('demo')
    .description(say('demo'))
    .option('--clients <n>', 'clients', positiveInt, 300)
    .option('--years <n>', 'years of history', positiveInt, 3)
    .option('--seed <n>', 'random seed: the same seed gives the same data', positiveInt, 1)
    .option('--until <date>', 'last day of the history (YYYY-MM-DD, default today)')
    .option('--org <id>', 'organisation id (default: the first)', positiveInt)
    .option('--remove', 'take the demo company out')
    .action(
      async (o: { clients: number; years: number; seed: number; until?: string; org?: number; remove?: boolean }) => {
        const db = await openMigrated(readConfig());
        try {
          const orgId = await resolveOrg(db, o.org);
          if (o.remove) {
            const r = await removeDemo(db, orgId);
            console.log(say('demoRemoved', r.clients));
            return;
          }
          const until = o.until ?? new Date().toISOString().slice(0, 10);
          if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until)))
            throw new InvalidArgumentError('--until must be a date YYYY-MM-DD');
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
            say('demoLoaded', describeDemo(summary)),
            `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
          );
        } finally {
          await db.engine.close();
        }
      },
    );
  cli
    .command('analyze')
    .description(say('analyze'))
    .option('--org <id>', 'organisation id (default: the first)', positiveInt)
    .option('--refresh-only', 'recompute figures and classes from the rollups, without re-reading the documents')
    .action(async (o: { org?: number; refreshOnly?: boolean }) => {
      const db = await openMigrated(readConfig());
      try {
        const orgId = await resolveOrg(db, o.org);
        const bars = new Map<string, ReturnType<typeof progressBar>>();
        const onProgress = (step: string, done: number, total: number) => {
          let bar = bars.get(step);
          if (!bar) {
            for (const b of bars.values()) b.stop();
            bar = progressBar(say(`step_${step}` as MessageKey));
            bars.set(step, bar);
          }
          bar.update(done, total);
        };
        const r = o.refreshOnly
          ? await refreshAnalytics(db, orgId, { full: true, onProgress })
          : await rebuildAnalytics(db, orgId, onProgress);
        for (const b of bars.values()) b.stop();
        const rub = (k: number) =>
          new Intl.NumberFormat(isRussianLocale ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 0 }).format(k / 100);
        console.log(
          say(
            'analyzed',
            r.periodFrom,
            r.asOf,
            r.clients,
            r.buyingClients,
            rub(r.revenue),
            rub(r.profit),
            (r.durationMs / 1000).toFixed(1),
          ),
        );
        const { rows } = await db.engine.query<{ stage: string; n: number }>(
          'SELECT ladder_stage AS stage, count(*) AS n FROM client_figures WHERE org_id = $1 GROUP BY 1 ORDER BY 2 DESC',
          [orgId],
        );
        console.log(
          say(
            'ladderLine',
            rows
              .map(
                (x) =>
                  `${ladderStageLabels[x.stage as LadderStage]?.[isRussianLocale ? 'ru' : 'en'] ?? x.stage} ${x.n}`,
              )
              .join(', '),
          ),
        );
      } finally {
        await db.engine.close();
      }
    });
  addBackupCommands(cli, { openMigrated, resolveOrg, positiveInt });
  importCommand(cli, { open: () => openMigrated(readConfig()), resolveOrg });
  congratulationsCommand(cli, { open: () => openMigrated(readConfig()), resolveOrg });
  const user = cli.command('user').description(say('userAdd'));
  user
    .command('add')
    .description(say('userAdd'))
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .requiredOption('--password <password>')
    .option('--role <role>', 'owner | head_of_sales | manager | analyst | read_only', 'manager')
    .option('--org <id>', 'organisation id (default: the first)', positiveInt)
    .action(async (o: { email: string; name: string; password: string; role: string; org?: number }) => {
      const db = await openMigrated(readConfig());
      try {
        const orgId = await resolveOrg(db, o.org);
        const roles = ['owner', 'head_of_sales', 'manager', 'analyst', 'read_only'];
        if (!roles.includes(o.role)) throw new InvalidArgumentError(`--role must be one of ${roles.join(', ')}`);
        if (o.password.length < 10) throw new InvalidArgumentError('--password must have at least 10 characters');
        const u = await createUser(db, systemActor(orgId), {
          email: o.email,
          name: o.name,
          password: o.password,
          role: o.role as 'manager',
        });
        console.log(say('userAdded', u.email, u.role, orgId));
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
      console.error(isRussianLocale ? e.text.ru : e.text.en);
      process.exit(FOLDER_BUSY_EXIT_CODE);
    }
    if (e instanceof DomainError) {
      console.error(e.message);
      process.exit(1);
    }
    if (e instanceof InvalidArgumentError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
