// Analytics benchmark: the org-wide refresh from the rollups next to the bare per-client aggregation over
// the raw lines (PostgreSQL, PGlite and DuckDB on the same data), the full rebuild, one client's upkeep
// and read after a new order, and the client list sorted and filtered by any figure.
// usage: node --import tsx bench/analytics.ts [--engines postgres,pglite]   env: BENCH_CLIENTS (100000),
//        BENCH_YEARS (3), BENCH_SAMPLES (200), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test:
//        a fresh database rapport_bench is created beside it), BENCH_DIR (./bench/out), BENCH_REUSE=1
//        (measure again on the 'Bench' organisation a previous run of this bench or bench/foundation.ts loaded)
import { DuckDBInstance } from '@duckdb/node-api';
import { createWriteStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { FiguresListQueryT } from '../src/contract/analytics.js';
import { databaseOn, type Database } from '../src/db/database.js';
import { fixedClock, systemClock } from '../src/core/clock.js';
import { openPglite } from '../src/db/engine/pglite.js';
import { openPostgres } from '../src/db/engine/postgres.js';
import type { Engine } from '../src/db/engine/types.js';
import { migrate } from '../src/db/migrate.js';
import { organizations } from '../src/db/schema/index.js';
import { systemActor, type Actor } from '../src/services/actor.js';
import { createUser } from '../src/services/access/users.js';
import { rebuildAnalytics, refreshAnalytics } from '../src/services/analytics/refresh.js';
import { findClientFigures, getClientAnalytics } from '../src/services/analytics/reports.js';
import { keepAnalytics } from '../src/services/analytics/upkeep.js';
import { loadDemo } from '../src/services/demo/load-demo.js';

/** The day the figures count from: RAPPORT_TODAY pins it, as it does for the server. */
const clock = process.env.RAPPORT_TODAY ? fixedClock(process.env.RAPPORT_TODAY) : systemClock;
import { createOrder } from '../src/services/sales/orders.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');
const REUSE = process.env.BENCH_REUSE === '1';
const engines = arg('engines', 'postgres')
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean);
const ms = (x: number) => Math.round(x * 100) / 100;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (xs: number[]) => percentile(xs, 50);
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const GOALS = { refreshPgMs: 3000, refreshOverDuckdb: 2, upkeepPlusReadMs: 20, listP95Ms: 50 };

/** Times `work`, in milliseconds. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work();
  return performance.now() - t;
}

/** The same aggregation the figures would need if computed from the raw lines on every read. */
const bareAggregation = (
  org: number,
) => `SELECT client_id, sum(amount), sum(cost_amount), count(*), count(DISTINCT order_id), min(order_date), max(order_date)
  FROM order_lines WHERE org_id = ${org} GROUP BY client_id`;

/** Records the statements a service runs, so a slow one can be explained. */
function recording(engine: Engine) {
  let log: { text: string; params: unknown[] }[] | null = null;
  const wrapped: Engine = {
    ...engine,
    query: (text, params = [], opts) => {
      log?.push({ text, params });
      return engine.query(text, params, opts);
    },
  };
  return {
    db: databaseOn(wrapped, clock),
    async capture(work: () => Promise<unknown>) {
      log = [];
      await work();
      const captured = log;
      log = null;
      return captured;
    },
  };
}

type Loaded = { actor: Actor; clients: number; lines: number; loadSeconds: number | null };

async function benchDatabaseUrl(): Promise<string> {
  const url = new URL(ADMIN_URL);
  url.pathname = '/rapport_bench';
  if (REUSE) return url.toString();
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS rapport_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE rapport_bench');
  await admin.end();
  return url.toString();
}

/** BENCH_REUSE=1: the 'Bench' organisation a previous run loaded (this bench or the foundation one). */
async function reuseLoaded(db: Database): Promise<Loaded> {
  await migrate(db.engine); // a database loaded by an older checkout gets the newer indexes
  const {
    rows: [org],
  } = await db.engine.query<{ id: number }>(
    "SELECT id FROM organizations WHERE name = 'Bench' ORDER BY id DESC LIMIT 1",
  );
  if (!org) throw new Error('no Bench organisation to reuse: run without BENCH_REUSE first');
  const {
    rows: [user],
  } = await db.engine.query<{ id: number }>(
    "SELECT id FROM users WHERE org_id = $1 AND role = 'owner' ORDER BY id LIMIT 1",
    [org.id],
  );
  const {
    rows: [n],
  } = await db.engine.query<{ clients: number; lines: number }>(
    'SELECT (SELECT count(*) FROM clients WHERE org_id = $1) AS clients, (SELECT count(*) FROM order_lines WHERE org_id = $1) AS lines',
    [org.id],
  );
  return {
    actor: { orgId: org.id, userId: user?.id ?? null, role: 'owner' },
    clients: Number(n!.clients),
    lines: Number(n!.lines),
    loadSeconds: null,
  };
}

async function load(db: Database): Promise<Loaded> {
  await migrate(db.engine);
  const [org] = await db.orm.insert(organizations).values({ name: 'Bench' }).returning();
  const actor = systemActor(org!.id);
  const user = await createUser(db, actor, {
    name: 'Bench',
    email: `bench-${Date.now()}@bench.rapport`,
    role: 'owner',
    password: 'bench-password-1',
  });
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
    clients: summary.clients,
    lines: summary.order_lines,
    loadSeconds: (performance.now() - started) / 1000,
  };
}

async function rowCounts(db: Database, orgId: number) {
  const {
    rows: [n],
  } = await db.engine.query<Record<string, number>>(
    `SELECT
    (SELECT count(*) FROM clients WHERE org_id = $1) AS clients, (SELECT count(*) FROM order_lines WHERE org_id = $1) AS order_lines,
    (SELECT count(*) FROM client_months WHERE org_id = $1) AS client_months, (SELECT count(*) FROM client_figures WHERE org_id = $1) AS client_figures`,
    [orgId],
  );
  return {
    clients: Number(n!.clients),
    order_lines: Number(n!.order_lines),
    client_months: Number(n!.client_months),
    client_figures: Number(n!.client_figures),
  };
}

/** Heap size and dead rows of the derived tables (every refresh rewrites client_figures), and the server settings that matter here. */
async function storage(db: Database) {
  const { rows } = await db.engine.query<{ relname: string; mb: number; live: number; dead: number }>(`
    SELECT relname, round(pg_table_size(relid) / 1048576.0, 1)::float8 AS mb, n_live_tup AS live, n_dead_tup AS dead FROM pg_stat_user_tables
    WHERE relname IN ('client_figures', 'client_months', 'client_stage_changes', 'order_settlements', 'order_lines') ORDER BY relname`);
  const { rows: settings } = await db.engine.query<{ name: string; setting: string }>(`
    SELECT name, setting FROM pg_settings WHERE name IN ('jit', 'autovacuum', 'work_mem', 'shared_buffers', 'max_parallel_workers_per_gather') ORDER BY name`);
  return {
    tables: Object.fromEntries(
      rows.map((r) => [r.relname, { mb: Number(r.mb), live: Number(r.live), dead: Number(r.dead) }]),
    ),
    settings: Object.fromEntries(settings.map((r) => [r.name, r.setting])),
  };
}

/** (b) on DuckDB: the org's lines exported from PostgreSQL to CSV, loaded in memory, aggregated. */
async function duckdbAggregation(url: string, orgId: number) {
  const file = path.join(OUT, `order-lines-${orgId}.csv`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const exportStarted = performance.now();
  try {
    const source = client.query(
      copyTo(`COPY (SELECT org_id, order_id, line_no, client_id, order_date, product_id, quantity, amount, cost_amount
      FROM order_lines WHERE org_id = ${orgId}) TO STDOUT WITH (FORMAT csv)`),
    );
    await pipeline(source, createWriteStream(file));
  } finally {
    await client.end();
  }
  const exportMs = performance.now() - exportStarted;
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const loadMs = await timed(() =>
      con.run(`CREATE TABLE order_lines AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = false, columns = {
      'org_id': 'BIGINT', 'order_id': 'BIGINT', 'line_no': 'INTEGER', 'client_id': 'BIGINT', 'order_date': 'DATE',
      'product_id': 'BIGINT', 'quantity': 'DECIMAL(14,3)', 'amount': 'BIGINT', 'cost_amount': 'BIGINT'})`),
    );
    const times: number[] = [];
    let groups = 0;
    let revenue = 0n;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const r = await con.runAndReadAll(bareAggregation(orgId));
      const rows = r.getRows();
      times.push(performance.now() - t);
      groups = rows.length;
      revenue = rows.reduce((s, row) => s + BigInt(row[1] as bigint), 0n);
    }
    return { times, groups, revenue, exportMs, loadMs, csvMb: Math.round(statSync(file).size / 1024 / 1024) };
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(file, { force: true });
  }
}

/** The list queries: sorted and filtered by figures, classes and search. */
const listKinds: { name: string; query: FiguresListQueryT }[] = [
  { name: '-profit', query: { sort: '-profit' } },
  { name: 'revenue', query: { sort: 'revenue' } },
  { name: '-costToServe abcProfit=C', query: { sort: '-costToServe', abcProfit: 'C' } },
  { name: 'recencyDays ladderStage=lost', query: { sort: 'recencyDays', ladderStage: 'lost' } },
  { name: '-managerMinutes category=insignificant', query: { sort: '-managerMinutes', category: 'insignificant' } },
  { name: '-avgDelayDays minRevenue=100000', query: { sort: '-avgDelayDays', minRevenue: '100000' } },
  { name: '-marginPct rfmSegment=at_risk', query: { sort: '-marginPct', rfmSegment: 'at_risk' } },
  { name: '-profit q=строй', query: { sort: '-profit', q: 'строй' } },
];

async function benchEngine(engineName: string) {
  let db: Database;
  let url: string | null = null;
  if (engineName === 'postgres') {
    url = await benchDatabaseUrl();
    db = databaseOn(openPostgres(url), clock);
  } else if (engineName === 'pglite') {
    const dir = path.join(OUT, 'pglite');
    if (!REUSE) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    db = databaseOn(await openPglite({ dataDir: dir }), clock);
  } else {
    throw new Error(`unknown engine "${engineName}" (postgres, pglite)`);
  }
  try {
    const loaded = REUSE ? await reuseLoaded(db) : await load(db);
    const { actor } = loaded;
    const orgId = actor.orgId;
    console.log(
      loaded.loadSeconds === null
        ? `reused: ${loaded.clients} clients, ${loaded.lines} order lines`
        : `load (demo + rebuild): ${loaded.clients} clients, ${loaded.lines} order lines in ${loaded.loadSeconds.toFixed(1)} s`,
    );

    // (a) the org-wide refresh from the rollups: as the server runs it after writes, and in full
    const refreshTimes: number[] = [];
    for (let i = 0; i < 3; i++) refreshTimes.push(await timed(() => refreshAnalytics(db, orgId)));
    const refreshMs = median(refreshTimes);
    const fullTimes: number[] = [];
    for (let i = 0; i < 3; i++) fullTimes.push(await timed(() => refreshAnalytics(db, orgId, { full: true })));
    const fullMs = median(fullTimes);

    // (b) the bare per-client aggregation over the raw lines
    const bareTimes: number[] = [];
    let bareGroups = 0;
    let bareLines = 0;
    let bareRevenue = 0n;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const { rows } = await db.engine.query<unknown[]>(bareAggregation(orgId), [], { rowMode: 'array' });
      bareTimes.push(performance.now() - t);
      bareGroups = rows.length;
      bareRevenue = rows.reduce((s, row) => s + BigInt(String(row[1])), 0n);
      bareLines = rows.reduce((s, row) => s + Number(row[3]), 0);
    }
    const bareMs = median(bareTimes);
    const duck = engineName === 'postgres' && url ? await duckdbAggregation(url, orgId) : null;
    const duckMs = duck ? median(duck.times) : null;
    if (duck && (duck.groups !== bareGroups || duck.revenue !== bareRevenue)) {
      throw new Error(
        `DuckDB and ${engineName} disagree: ${duck.groups} vs ${bareGroups} clients, revenue ${duck.revenue} vs ${bareRevenue}`,
      );
    }

    // (c) the full rebuild from the raw lines
    const rebuildMs = await timed(() => rebuildAnalytics(db, orgId));

    // (d) one client's figures after a new order
    const today = db.clock.today();
    const sampleClients = Math.max(20, Math.round(SAMPLES / 10));
    const { rows: picked } = await db.engine.query<{ id: number }>(
      `
      SELECT c.id FROM clients c WHERE c.org_id = $1 AND EXISTS (SELECT 1 FROM orders o WHERE o.org_id = c.org_id AND o.client_id = c.id)
      ORDER BY random() LIMIT $2`,
      [orgId, sampleClients + 1],
    );
    const { rows: productRows } = await db.engine.query<{ id: number }>(
      'SELECT id FROM products WHERE org_id = $1 ORDER BY id LIMIT 50',
      [orgId],
    );
    if (picked.length < 2 || productRows.length === 0)
      throw new Error('no clients with orders or no products to sample');
    const order: number[] = [];
    const upkeep: number[] = [];
    const read: number[] = [];
    const upkeepRead: number[] = [];
    const stamp = Date.now();
    for (const [i, { id }] of picked.entries()) {
      // the first is a warm-up, not counted
      const productId = Number(productRows[i % productRows.length]!.id);
      const o = await timed(() =>
        createOrder(db, actor, {
          clientId: Number(id),
          number: `BENCH-${stamp}-${i}`,
          orderDate: today,
          lines: [{ productId, quantity: 2 }],
        }),
      );
      const u = await timed(() => keepAnalytics(db, orgId, { clientIds: [Number(id)], days: [today] }));
      const r = await timed(() => getClientAnalytics(db, actor, Number(id)));
      if (i === 0) continue;
      order.push(o);
      upkeep.push(u);
      read.push(r);
      upkeepRead.push(u + r);
    }
    const stats = (xs: number[]) => ({
      p50_ms: ms(percentile(xs, 50)),
      p95_ms: ms(percentile(xs, 95)),
      max_ms: ms(Math.max(...xs)),
    });
    const clientAfterOrder = {
      samples: order.length,
      createOrder: stats(order),
      upkeep: stats(upkeep),
      read: stats(read),
      upkeepPlusRead: stats(upkeepRead),
    };

    // (e) the client list sorted and filtered by any figure
    const variants = listKinds.flatMap((k) =>
      [1, 3].map((page) => ({ kind: k.name, query: { ...k.query, pageSize: 50, page } })),
    );
    for (const v of variants) await findClientFigures(db, actor, v.query); // warm-up, not counted
    const byKind = new Map<string, number[]>(listKinds.map((k) => [k.name, []]));
    const totals = new Map<string, number>();
    const all: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const v = variants[i % variants.length]!;
      let total = 0;
      const t = await timed(async () => {
        total = (await findClientFigures(db, actor, v.query)).total;
      });
      byKind.get(v.kind)!.push(t);
      totals.set(v.kind, total);
      all.push(t);
    }
    const lists = [...byKind]
      .filter(([, xs]) => xs.length > 0)
      .map(([kind, xs]) => ({
        query: kind,
        matches: totals.get(kind) ?? 0,
        n: xs.length,
        p50_ms: ms(percentile(xs, 50)),
        p95_ms: ms(percentile(xs, 95)),
        max_ms: ms(Math.max(...xs)),
        over_target: percentile(xs, 95) > GOALS.listP95Ms,
      }));
    const listP95 = all.length > 0 ? percentile(all, 95) : Number.NaN;

    // The plans of the statements behind a list query over target (PostgreSQL), for the report.
    const slowPlans: { query: string; statement: string; plan: string }[] = [];
    if (engineName === 'postgres') {
      const rec = recording(db.engine);
      for (const slow of lists.filter((l) => l.over_target)) {
        const query = { ...listKinds.find((k) => k.name === slow.query)!.query, pageSize: 50, page: 3 };
        const statements = await rec.capture(() => findClientFigures(rec.db, actor, query));
        for (const s of statements.filter(
          (st) => /\bclient_figures\b/.test(st.text) && !/org_analytics/.test(st.text),
        )) {
          const { rows } = await db.engine.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
            s.params,
          );
          slowPlans.push({
            query: slow.query,
            statement: s.text.trim(),
            plan: rows.map((r) => r['QUERY PLAN']).join('\n'),
          });
        }
      }
    }

    const counts = await rowCounts(db, orgId);
    const stored = await storage(db);
    const rss = rssMb();
    const result = {
      engine: engineName,
      clients: loaded.clients,
      years: YEARS,
      samples: SAMPLES,
      reused: REUSE,
      load_seconds: loaded.loadSeconds === null ? null : ms(loaded.loadSeconds),
      counts,
      storage: stored,
      refresh: {
        median_ms: ms(refreshMs),
        runs_ms: refreshTimes.map(ms),
        full_median_ms: ms(fullMs),
        full_runs_ms: fullTimes.map(ms),
        goal_ms: engineName === 'postgres' ? GOALS.refreshPgMs : null,
      },
      bare_aggregation: {
        engine_median_ms: ms(bareMs),
        engine_runs_ms: bareTimes.map(ms),
        lines: bareLines,
        groups: bareGroups,
        duckdb: duck
          ? {
              median_ms: ms(duckMs!),
              runs_ms: duck.times.map(ms),
              csv_export_ms: ms(duck.exportMs),
              load_ms: ms(duck.loadMs),
              csv_mb: duck.csvMb,
            }
          : null,
        refresh_over_duckdb: duckMs ? ms(refreshMs / duckMs) : null,
        full_refresh_over_duckdb: duckMs ? ms(fullMs / duckMs) : null,
        refresh_over_engine_aggregation: ms(refreshMs / bareMs),
        goal_ratio: GOALS.refreshOverDuckdb,
      },
      rebuild_ms: ms(rebuildMs),
      client_after_order: { ...clientAfterOrder, goal_upkeep_plus_read_ms: GOALS.upkeepPlusReadMs },
      lists: { queries: lists, overall_p95_ms: ms(listP95), goal_p95_ms: GOALS.listP95Ms, slow_plans: slowPlans },
      rss_mb: rss,
    };

    const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');
    const goal = (t: number) =>
      engineName === 'postgres' ? `, goal < ${GOALS.refreshPgMs} ms: ${mark(t < GOALS.refreshPgMs)}` : '';
    console.log(
      `(a) refreshAnalytics (after writes): median ${ms(refreshMs)} ms (runs ${refreshTimes.map((t) => Math.round(t)).join(', ')} ms)${goal(refreshMs)}`,
    );
    console.log(
      `    refreshAnalytics { full: true }: median ${ms(fullMs)} ms (runs ${fullTimes.map((t) => Math.round(t)).join(', ')} ms)${goal(fullMs)}`,
    );
    console.log(
      `(b) bare per-client aggregation over ${bareLines} lines → ${bareGroups} clients: ${engineName} median ${ms(bareMs)} ms` +
        (duck
          ? `, DuckDB median ${ms(duckMs!)} ms (CSV ${duck.csvMb} MB, export ${Math.round(duck.exportMs)} ms, load ${Math.round(duck.loadMs)} ms, not counted)`
          : ''),
    );
    if (duckMs)
      console.log(
        `    refresh ÷ DuckDB aggregation = ${ms(refreshMs / duckMs)} (goal ≤ ${GOALS.refreshOverDuckdb}: ${mark(refreshMs / duckMs <= GOALS.refreshOverDuckdb)}), full ${ms(fullMs / duckMs)}; refresh ÷ ${engineName} aggregation = ${ms(refreshMs / bareMs)}`,
      );
    else
      console.log(
        `    refresh ÷ ${engineName} aggregation = ${ms(refreshMs / bareMs)} (DuckDB compared on postgres only)`,
      );
    console.log(`(c) rebuildAnalytics (full, from raw lines): ${ms(rebuildMs)} ms`);
    console.log(`(d) one client after a new order, ${order.length} clients (+1 warm-up):`);
    console.table(
      Object.fromEntries(
        (['createOrder', 'upkeep', 'read', 'upkeepPlusRead'] as const).map((k) => [k, clientAfterOrder[k]]),
      ),
    );
    console.log(
      `    upkeep + read p95 ${ms(percentile(upkeepRead, 95))} ms, goal < ${GOALS.upkeepPlusReadMs} ms: ${mark(percentile(upkeepRead, 95) < GOALS.upkeepPlusReadMs)}`,
    );
    console.log(`(e) findClientFigures, pageSize 50, pages 1 and 3, ${all.length} samples:`);
    console.table(lists.map(({ over_target, ...l }) => ({ ...l, goal: mark(!over_target) })));
    console.log(`    overall p95 ${ms(listP95)} ms, goal < ${GOALS.listP95Ms} ms: ${mark(listP95 < GOALS.listP95Ms)}`);
    const slowKinds = lists.filter((l) => l.over_target).map((l) => l.query);
    if (slowKinds.length > 0)
      console.log(
        `    over target: ${slowKinds.join('; ')}${slowPlans.length ? ' (EXPLAIN ANALYZE in the JSON file)' : ''}`,
      );
    console.log(
      `rows: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `heap MB (dead rows): ${Object.entries(stored.tables)
        .map(([k, v]) => `${k} ${v.mb} (${v.dead})`)
        .join(', ')}`,
    );
    console.log(
      `server: ${Object.entries(stored.settings)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
    );
    console.log(`process resident memory after the run: ${rss} MB`);
    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `analytics-${engineName}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`figures written to ${path.relative(process.cwd(), file)}`);
  } finally {
    await db.engine.close();
  }
}

console.log(
  `Rapport analytics benchmark: ${CLIENTS} clients, ${YEARS} years of orders, ${SAMPLES} samples${REUSE ? ' (reusing the loaded database)' : ''}, today ${clock.today()}`,
);
mkdirSync(OUT, { recursive: true });
for (const engineName of engines) {
  console.log(`\n## ${engineName}`);
  await benchEngine(engineName);
}
