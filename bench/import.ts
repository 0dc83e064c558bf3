// Import benchmark: a 1C-style sales CSV (bench/sales-file.ts) imported through the whole pipeline (read,
// decode, map, validate every cell, stage by COPY, merge set-based, one transaction) next to a bare COPY of
// the same file into a table of text columns, on PostgreSQL and PGlite; then the same file again (nothing
// changes) and the analytics rebuild that follows a large import. Resident memory is sampled throughout.
// usage: node --import tsx bench/import.ts [--engines postgres,pglite]   env: BENCH_LINES (1000000),
//        BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: a fresh database rapport_bench_import
//        is created beside it), BENCH_DIR (./bench/out)
import { createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { databaseOn, type Database } from '../src/db/database.js';
import { openPglite } from '../src/db/engine/pglite.js';
import { openPostgres } from '../src/db/engine/postgres.js';
import { migrate } from '../src/db/migrate.js';
import { organizations } from '../src/db/schema/index.js';
import { systemActor } from '../src/services/actor.js';
import { runImport, type ImportPhase } from '../src/services/import/run-import.js';
import { writeSalesFile } from './sales-file.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');
const engines = arg('engines', 'postgres').split(',').map((e) => e.trim()).filter(Boolean);
const GOALS = { linesPerSecondPg: 100_000, rssMb: 300 };
const rawColumns = ['document', 'day', 'client', 'inn', 'manager', 'item', 'code', 'qty', 'price', 'amount', 'cost', 'deleted'];
const s = (ms: number) => Math.round(ms / 10) / 100;

/** Peak resident memory while `work` runs, sampled every 50 ms. */
async function watched<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t = performance.now();
  try {
    const value = await work();
    return { value, ms: performance.now() - t, peakRssMb: Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576) };
  } finally {
    clearInterval(timer);
  }
}

async function freshPostgres(): Promise<string> {
  const url = new URL(ADMIN_URL);
  url.pathname = '/rapport_bench_import';
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS rapport_bench_import WITH (FORCE)');
  await admin.query('CREATE DATABASE rapport_bench_import');
  await admin.end();
  return url.toString();
}

/** The floor: the same bytes into a table of text columns by COPY, nothing parsed, checked or merged. */
async function bareCopy(engine: string, file: string, url: string | null): Promise<number> {
  const columns = rawColumns.map((c) => `${c} text`).join(', ');
  const options = "FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'UTF8'";
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: url! });
    await client.connect();
    await client.query(`CREATE UNLOGGED TABLE IF NOT EXISTS bare_copy (${columns}); TRUNCATE bare_copy`);
    const t = performance.now();
    // The two title lines above the header are skipped the way COPY can: by starting after them.
    await pipeline(createReadStream(file, { start: headerOffset(file) }), client.query(copyFrom(`COPY bare_copy FROM STDIN WITH (${options})`)));
    const ms = performance.now() - t;
    await client.end();
    return ms;
  }
  const lite = await PGlite.create();
  await lite.exec(`CREATE TABLE bare_copy (${columns})`);
  const blob = new Blob([readFileSync(file).subarray(headerOffset(file))]);
  const t = performance.now();
  await lite.query(`COPY bare_copy FROM '/dev/blob' WITH (${options})`, [], { blob });
  const ms = performance.now() - t;
  await lite.close();
  return ms;
}

function headerOffset(file: string): number {
  const head = readFileSync(file).subarray(0, 4096).toString('utf8');
  const at = head.indexOf('Документ;');
  return Buffer.byteLength(head.slice(0, at));
}

async function benchEngine(engine: string, file: string, fileBytes: number) {
  const url = engine === 'postgres' ? await freshPostgres() : null;
  const dataDir = path.join(OUT, 'pglite-import');
  if (engine === 'pglite') rmSync(dataDir, { recursive: true, force: true });
  const db: Database = databaseOn(engine === 'postgres' ? openPostgres(url!) : await openPglite({ dataDir }));
  try {
    await migrate(db.engine);
    const [org] = await db.orm.insert(organizations).values({ name: 'Bench import' }).returning();
    const actor = systemActor(org!.id);
    // PGlite's bare COPY runs in this thread on a PGlite of its own, whose memory stays with the process:
    // it goes after the import so the import's resident memory is measured alone.
    let copyMs = engine === 'postgres' ? await bareCopy(engine, file, url) : 0;

    let importEnd = 0;
    const started = performance.now();
    const phases: Partial<Record<ImportPhase, number>> = {};
    const first = await watched(() => runImport(db, actor, { path: file, kind: 'sales' }, (p) => {
      if (phases[p.phase] === undefined) { phases[p.phase] = performance.now() - started; process.stderr.write(`  ${engine}: ${p.phase} at ${s(phases[p.phase]!)} s\n`); }
      if (p.phase === 'analytics' && !importEnd) importEnd = performance.now() - started;
    }));
    const importMs = importEnd || first.ms;
    const analyticsMs = importEnd ? first.ms - importEnd : 0;
    const again = await watched(() => runImport(db, actor, { path: file, kind: 'sales' }));
    if (engine !== 'postgres') copyMs = await bareCopy(engine, file, url);
    process.stderr.write(`  ${engine}: bare COPY ${s(copyMs)} s\n`);
    const r = first.value;
    const result = {
      engine, lines: r.rowsValid, fileMb: Math.round(fileBytes / 1048576),
      bareCopySeconds: s(copyMs), bareCopyLinesPerSecond: Math.round(r.rowsRead / (copyMs / 1000)),
      importSeconds: s(importMs), importLinesPerSecond: Math.round(r.rowsRead / (importMs / 1000)),
      importOverBareCopy: Math.round((importMs / copyMs) * 100) / 100,
      readAndStageSeconds: s(phases.writing ?? 0), mergeSeconds: s((importEnd || first.ms) - (phases.writing ?? 0)),
      analyticsRebuildSeconds: s(analyticsMs), analytics: r.analytics,
      peakRssMb: first.peakRssMb,
      reimportSeconds: s(again.ms), reimportOutcome: again.value.outcome,
      outcome: r.outcome,
    };
    console.log(JSON.stringify(result));
    const goalMet = engine !== 'postgres' || (result.importLinesPerSecond >= GOALS.linesPerSecondPg && result.peakRssMb < GOALS.rssMb);
    if (engine === 'postgres') {
      console.log(`  goal ≥ ${GOALS.linesPerSecondPg} lines/s and RSS < ${GOALS.rssMb} MB on PostgreSQL: ${goalMet ? 'met' : 'NOT met'} (${result.importLinesPerSecond} lines/s, ${result.peakRssMb} MB)`);
    }
    if (again.value.outcome.documentsCreated !== 0 || again.value.outcome.documentsUpdated !== 0) throw new Error('re-importing the same file changed documents');
    writeFileSync(path.join(OUT, `import-${engine}.json`), JSON.stringify(result, null, 2));
    return result;
  } finally {
    await db.engine.close();
  }
}

mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, `sales-${LINES}.csv`);
const t = performance.now();
const bytes = await writeSalesFile(file, { lines: LINES });
process.stderr.write(`sales file: ${LINES} lines, ${Math.round(bytes / 1048576)} MB, written in ${s(performance.now() - t)} s\n`);
for (const engine of engines) await benchEngine(engine, file, bytes);
rmSync(file, { force: true });
