// Foundation benchmark (issue 2): demo load time on PostgreSQL and PGlite, and the latency of the client
// list and client card through HTTP next to the bare SQL those endpoints run, plus the server's RSS.
// usage: npm run bench -- [--engines pglite,postgres]   env: BENCH_CLIENTS (100000), BENCH_YEARS (3),
//        BENCH_SAMPLES (200), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: a fresh
//        database rapport_bench is created beside it), BENCH_DIR (./bench/out)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { databaseOn, type Database } from '../src/db/database.js';
import { openPglite } from '../src/db/engine/pglite.js';
import { openPostgres } from '../src/db/engine/postgres.js';
import type { Engine } from '../src/db/engine/types.js';
import { migrate } from '../src/db/migrate.js';
import { organizations } from '../src/db/schema/index.js';
import { systemActor, type Actor } from '../src/services/actor.js';
import { createUser } from '../src/services/access/users.js';
import { getClientCard } from '../src/services/clients/client-card.js';
import { findClients } from '../src/services/clients/clients.js';
import { loadDemo } from '../src/services/demo/load-demo.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');
const engines = arg('engines', 'postgres,pglite').split(',');
const PASSWORD = 'bench-password-1';
const ms = (x: number) => Math.round(x * 100) / 100;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Records the statements a service runs so the bench can replay them bare, without the API. */
function recording(engine: Engine) {
  let log: { text: string; params: unknown[]; rowMode?: 'array' }[] | null = null;
  const wrapped: Engine = {
    ...engine,
    query: (text, params = [], opts) => {
      log?.push({ text, params, ...(opts?.rowMode ? { rowMode: opts.rowMode } : {}) });
      return engine.query(text, params, opts);
    },
  };
  return {
    engine: wrapped,
    async capture(work: () => Promise<unknown>) {
      log = [];
      await work();
      const captured = log;
      log = null;
      return captured;
    },
  };
}

const REUSE = process.env.BENCH_REUSE === '1';

/** BENCH_REUSE=1 measures again on the database a previous run loaded (the load takes minutes). */
async function reuseLoaded(
  db: Database,
): Promise<{ actor: Actor; email: string; seconds: number; lines: number; clients: number }> {
  const {
    rows: [org],
  } = await db.engine.query<{ id: number }>(
    "SELECT id FROM organizations WHERE name = 'Bench' ORDER BY id DESC LIMIT 1",
  );
  if (!org) throw new Error('no Bench organisation to reuse: run without BENCH_REUSE first');
  const {
    rows: [user],
  } = await db.engine.query<{ id: number; email: string }>(
    "SELECT id, email FROM users WHERE org_id = $1 AND role = 'owner' LIMIT 1",
    [org.id],
  );
  const { hashPassword } = await import('../src/services/access/secrets.js');
  await db.engine.query('UPDATE users SET password_hash = $1 WHERE org_id = $2 AND id = $3', [
    await hashPassword(PASSWORD),
    org.id,
    user!.id,
  ]);
  const {
    rows: [n],
  } = await db.engine.query<{ clients: number; lines: number }>(
    'SELECT (SELECT count(*) FROM clients WHERE org_id = $1) AS clients, (SELECT count(*) FROM order_lines WHERE org_id = $1) AS lines',
    [org.id],
  );
  return {
    actor: { orgId: org.id, userId: user!.id, role: 'owner' },
    email: user!.email,
    seconds: Number.NaN,
    lines: Number(n!.lines),
    clients: Number(n!.clients),
  };
}

async function freshPostgres(): Promise<string> {
  if (REUSE) {
    const url = new URL(ADMIN_URL);
    url.pathname = '/rapport_bench';
    return url.toString();
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE rapport_bench');
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = '/rapport_bench';
  return url.toString();
}

async function load(
  db: Database,
): Promise<{ actor: Actor; email: string; seconds: number; lines: number; clients: number }> {
  await migrate(db.engine);
  const [org] = await db.orm.insert(organizations).values({ name: 'Bench' }).returning();
  const actor = systemActor(org!.id);
  const email = `bench-${Date.now()}@bench.rapport`;
  const user = await createUser(db, actor, { name: 'Bench', email, role: 'owner', password: PASSWORD });
  const started = performance.now();
  let lastPrint = 0;
  const summary = await loadDemo(
    db,
    org!.id,
    { clients: CLIENTS, years: YEARS, seed: 42, until: '2026-11-01' },
    (done, total) => {
      if (done - lastPrint >= total / 10 || done === total) {
        lastPrint = done;
        process.stderr.write(
          `  loaded ${done}/${total} clients, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }
    },
  );
  return {
    actor: { ...actor, userId: user.id },
    email,
    seconds: (performance.now() - started) / 1000,
    lines: summary.order_lines,
    clients: summary.clients,
  };
}

/** The list queries a user makes: filtered, sorted, searched, and paged deep. */
function listQueries(regions: string[]) {
  return [
    { name: 'list sorted by name', query: { sort: 'name' } },
    { name: 'list filtered + sorted', query: { status: 'active' as const, region: regions[0], sort: '-updatedAt' } },
    { name: 'list searched', query: { q: 'строй' } },
    { name: 'list searched by ИНН prefix', query: { q: '7701' } },
  ];
}

async function timeBare(engine: Engine, statements: { text: string; params: unknown[]; rowMode?: 'array' }[]) {
  const t = performance.now();
  await Promise.all(
    statements.map((s) => engine.query(s.text, s.params, s.rowMode ? { rowMode: s.rowMode } : undefined)),
  );
  return performance.now() - t;
}

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [path.resolve('bin/rapport.mjs'), 'serve'], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', RAPPORT_DEMO: '0', LOG_LEVEL: 'warn', LANG: 'C' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d;
      const m = /running at (http:\/\/\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
  });
  return { child, url };
}
const rssMb = (pid: number) =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

async function measureApi(
  db: Database,
  rec: ReturnType<typeof recording>,
  actor: Actor,
  email: string,
  serverEnv: Record<string, string>,
) {
  const { rows: regionRows } = await db.engine.query<{ region: string }>(
    'SELECT region FROM clients WHERE org_id = $1 AND region IS NOT NULL GROUP BY region ORDER BY count(*) DESC LIMIT 3',
    [actor.orgId],
  );
  const { rows: ids } = await db.engine.query<{ id: number }>(
    'SELECT id FROM clients WHERE org_id = $1 ORDER BY random() LIMIT 50',
    [actor.orgId],
  );
  const recDb = databaseOn(rec.engine);
  const cases: { name: string; path: string; bare: { text: string; params: unknown[]; rowMode?: 'array' }[] }[] = [];
  for (const c of listQueries(regionRows.map((r) => r.region))) {
    const qs = new URLSearchParams(
      Object.entries(c.query).filter(([, v]) => v !== undefined) as [string, string][],
    ).toString();
    cases.push({
      name: c.name,
      path: `/api/v1/clients?${qs}`,
      bare: await rec.capture(() => findClients(recDb, actor, c.query)),
    });
  }
  const cardId = ids[0]!.id;
  cases.push({
    name: 'client card',
    path: `/api/v1/clients/${cardId}/card`,
    bare: await rec.capture(() => getClientCard(recDb, actor, cardId)),
  });

  const server = await startServer(serverEnv);
  try {
    const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const results = [];
    for (const c of cases) {
      const http: number[] = [];
      const bare: number[] = [];
      for (let i = 0; i < Math.min(10, SAMPLES); i++) {
        await fetch(server.url + c.path, { headers: { cookie } }).then((r) => r.arrayBuffer());
        await timeBare(db.engine, c.bare);
      }
      for (let i = 0; i < SAMPLES; i++) {
        const t = performance.now();
        const r = await fetch(server.url + c.path, { headers: { cookie } });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${c.path}: ${r.status}`);
        http.push(performance.now() - t);
        bare.push(await timeBare(db.engine, c.bare));
      }
      const p95 = percentile(http, 95);
      const bare95 = percentile(bare, 95);
      results.push({
        endpoint: c.name,
        http_p50_ms: ms(percentile(http, 50)),
        http_p95_ms: ms(p95),
        sql_p50_ms: ms(percentile(bare, 50)),
        sql_p95_ms: ms(bare95),
        overhead_p95: ms(p95 / bare95),
      });
    }
    return { results, serverRssMb: rssMb(server.child.pid!) };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
}

console.log(
  `Rapport foundation benchmark: ${CLIENTS} clients, ${YEARS} years of orders, ${SAMPLES} samples per endpoint`,
);
for (const engineName of engines) {
  console.log(`\n## ${engineName}`);
  let db: Database;
  let serverEnv: Record<string, string>;
  if (engineName === 'postgres') {
    const url = await freshPostgres();
    db = databaseOn(openPostgres(url));
    serverEnv = { DATABASE_URL: url };
  } else {
    const dir = path.join(OUT, 'pglite');
    if (!REUSE) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    db = databaseOn(await openPglite({ dataDir: dir }));
    serverEnv = { RAPPORT_DATA_DIR: dir };
  }
  const loaded = REUSE ? await reuseLoaded(db) : await load(db);
  console.log(
    `load: ${loaded.clients} clients, ${loaded.lines} order lines in ${loaded.seconds.toFixed(1)} s (${Math.round(loaded.lines / loaded.seconds)} lines/s, bulk COPY)`,
  );
  if (engineName === 'pglite') await db.engine.close(); // one process at a time may open a PGlite folder
  const measureDb = engineName === 'pglite' ? databaseOn(await openPglite({ dataDir: path.join(OUT, 'pglite') })) : db;
  if (engineName === 'pglite') {
    // The server needs the folder to itself: measure the bare SQL here, then close it for the server.
    const rec = recording(measureDb.engine);
    const bareOnly = databaseOn(rec.engine);
    const times: number[] = [];
    const st = await rec.capture(() => findClients(bareOnly, loaded.actor, { q: 'строй' }));
    for (let i = 0; i < SAMPLES; i++) times.push(await timeBare(measureDb.engine, st));
    console.log(
      `bare SQL of a searched client list on PGlite: p50 ${ms(percentile(times, 50))} ms, p95 ${ms(percentile(times, 95))} ms`,
    );
    await measureDb.engine.close();
    continue;
  }
  const rec = recording(measureDb.engine);
  const { results, serverRssMb } = await measureApi(measureDb, rec, loaded.actor, loaded.email, serverEnv);
  console.table(results);
  console.log(`server resident memory after the run: ${serverRssMb} MB`);
  await measureDb.engine.close();
}
