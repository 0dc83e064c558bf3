// Import benchmark: a 1C-style sales CSV (bench/sales-file.ts) imported through the whole pipeline (read,
// decode, map, validate every cell, stage by COPY, merge set-based, one transaction) next to a bare COPY of
// the same file into a table of text columns, on PostgreSQL and PGlite; then the same file again (nothing
// changes) and the analytics rebuild that follows a large import. The import runs from the compiled server in a
// process of its own (bench/import-run.mjs), whose resident memory is sampled throughout.
// usage: node --import tsx bench/import.ts [--engines postgres,pglite]   env: BENCH_LINES (1000000),
//        BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/test: a fresh database rapport_bench_import
//        is created beside it), BENCH_DIR (./bench/out)
import { spawnSync } from 'node:child_process';
import { cpSync, createReadStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writeSalesFile } from './sales-file.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');
const engines = arg('engines', 'postgres')
  .split(',')
  .map((e) => e.trim())
  .filter(Boolean);
const GOALS = { linesPerSecondPg: 100_000, rssMb: 300 };
const rawColumns = [
  'document',
  'day',
  'client',
  'inn',
  'manager',
  'item',
  'code',
  'qty',
  'price',
  'amount',
  'cost',
  'deleted',
];
const s = (ms: number) => Math.round(ms / 10) / 100;

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
    await pipeline(
      createReadStream(file, { start: headerOffset(file) }),
      client.query(copyFrom(`COPY bare_copy FROM STDIN WITH (${options})`)),
    );
    const ms = performance.now() - t;
    await client.end();
    return ms;
  }
  const lite = await PGlite.create();
  await lite.exec(`CREATE TABLE bare_copy (${columns})`);
  const bytes = readFileSync(file).subarray(headerOffset(file));
  const t = performance.now();
  // In slices of about 32 MB cut at line ends, as the engine copies. An in-memory PGlite in this thread
  // takes minutes over a million lines of twelve text columns (measured 250–260 s, whole or sliced):
  // on PGlite this floor says little, the import itself is the figure to read.
  for (let start = 0, first = true; start < bytes.length; first = false) {
    let end = Math.min(bytes.length, start + 32 * 1024 * 1024);
    if (end < bytes.length) end = bytes.indexOf(0x0a, end) + 1 || bytes.length;
    const header = first ? options : options.replace(', HEADER true', '');
    await lite.query(`COPY bare_copy FROM '/dev/blob' WITH (${header})`, [], {
      blob: new Blob([bytes.subarray(start, end)]),
    });
    start = end;
  }
  const ms = performance.now() - t;
  await lite.close();
  return ms;
}

function headerOffset(file: string): number {
  const head = readFileSync(file).subarray(0, 4096).toString('utf8');
  const at = head.indexOf('Документ;');
  return Buffer.byteLength(head.slice(0, at));
}

/**
 * The server compiled as it ships (tsc, migrations beside it) into bench/out/build: the import runs
 * from there in a child process, so its memory is measured without the TypeScript loader this
 * script runs under (about 50 MB of it).
 */
function buildServer(): string {
  const build = path.join(OUT, 'build');
  rmSync(build, { recursive: true, force: true });
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [path.resolve('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', build],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('server build failed');
  cpSync(path.resolve('src/db/migrations'), path.join(build, 'db', 'migrations'), { recursive: true });
  process.stderr.write(`server compiled in ${s(performance.now() - t)} s\n`);
  return build;
}

type Run = {
  importMs: number;
  analyticsMs: number;
  reimportMs: number;
  importPeakRssMb: number;
  analyticsPeakRssMb: number;
  first: { status: string; rowsRead: number; rowsValid: number; analytics: string; outcome: Record<string, number> };
  again: { status: string; outcome: Record<string, number> };
};

function runImportProcess(build: string, engine: string, file: string, url: string | null, dataDir: string): Run {
  const r = spawnSync(
    process.execPath,
    [path.resolve('bench/import-run.mjs'), JSON.stringify({ build, engine, url, dataDir, file })],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`the import process failed (${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

async function benchEngine(engine: string, build: string, file: string, fileBytes: number) {
  const url = engine === 'postgres' ? await freshPostgres() : null;
  const dataDir = path.join(OUT, 'pglite-import');
  if (engine === 'pglite') rmSync(dataDir, { recursive: true, force: true });
  // PGlite's bare COPY runs on a PGlite of its own in this process: it goes after the import.
  let copyMs = engine === 'postgres' ? await bareCopy(engine, file, url) : 0;
  const run = runImportProcess(build, engine, file, url, dataDir);
  if (engine !== 'postgres') copyMs = await bareCopy(engine, file, url);
  process.stderr.write(`  ${engine}: bare COPY ${s(copyMs)} s\n`);
  const r = run.first;
  const result = {
    engine,
    lines: r.rowsValid,
    fileMb: Math.round(fileBytes / 1048576),
    bareCopySeconds: s(copyMs),
    bareCopyLinesPerSecond: Math.round(r.rowsRead / (copyMs / 1000)),
    importSeconds: s(run.importMs),
    importLinesPerSecond: Math.round(r.rowsRead / (run.importMs / 1000)),
    importOverBareCopy: Math.round((run.importMs / copyMs) * 100) / 100,
    peakRssMb: run.importPeakRssMb,
    analyticsRebuildSeconds: s(run.analyticsMs),
    analytics: r.analytics,
    analyticsPeakRssMb: run.analyticsPeakRssMb,
    reimportSeconds: s(run.reimportMs),
    reimportOutcome: run.again.outcome,
    outcome: r.outcome,
  };
  console.log(JSON.stringify(result));
  if (engine === 'postgres') {
    const goalMet = result.importLinesPerSecond >= GOALS.linesPerSecondPg && result.peakRssMb < GOALS.rssMb;
    console.log(
      `  goal ≥ ${GOALS.linesPerSecondPg} lines/s and RSS < ${GOALS.rssMb} MB on PostgreSQL: ${goalMet ? 'met' : 'NOT met'} (${result.importLinesPerSecond} lines/s, ${result.peakRssMb} MB)`,
    );
  }
  if (r.status !== 'done' || r.outcome.linesWritten !== r.rowsValid)
    throw new Error(`the import did not write every line: ${JSON.stringify(r)}`);
  if (run.again.outcome.documentsCreated !== 0 || run.again.outcome.documentsUpdated !== 0)
    throw new Error('re-importing the same file changed documents');
  writeFileSync(path.join(OUT, `import-${engine}.json`), JSON.stringify(result, null, 2));
  return result;
}

mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, `sales-${LINES}.csv`);
const t = performance.now();
const bytes = await writeSalesFile(file, { lines: LINES });
process.stderr.write(
  `sales file: ${LINES} lines, ${Math.round(bytes / 1048576)} MB, written in ${s(performance.now() - t)} s\n`,
);
const build = buildServer();
for (const engine of engines) await benchEngine(engine, build, file, bytes);
rmSync(file, { force: true });
