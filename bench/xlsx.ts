// XLSX benchmark (docs/decisions/0005-xlsx-reader.md): our reader (src/files/xlsx-source.ts: a worker thread
// inflating the sheet with fflate and scanning its XML itself) against ExcelJS's streaming WorkbookReader, the
// maintained streaming reader on npm, on a workbook of BENCH_ROWS sales lines written by our writer (inline
// strings, as our exports) and one written by ExcelJS (shared strings, as Excel saves). Both writers are timed
// too: ours whole in memory (toXlsx, as the command line writes rejects), streamed from an array of rows
// (xlsxStream, as the HTTP exports are) and streamed from rows made as they are taken (as ExcelJS is given
// them). Each run is a process of its own from the compiled sources (bench/xlsx-run.mjs), so its peak resident
// memory is the reader's own; the fastest of BENCH_RUNS runs is shown, by the clock and by CPU time (all of the
// process's threads: steadier than the clock on a busy machine), with the highest peak of them.
// ExcelJS is not a dependency of the project: it is measured when it resolves (installed, or BENCH_EXCELJS
// names its folder, e.g. one where `npm i exceljs` ran), and our figures are printed alone otherwise.
// usage: node --import tsx bench/xlsx.ts   env: BENCH_ROWS (200000), BENCH_RUNS (2), BENCH_EXCELJS,
//        BENCH_DIR (./bench/out)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');

type Run = {
  rows: number;
  cells: number;
  chars?: number;
  broken?: number;
  seconds: number;
  cpuSeconds: number;
  rssStartMb: number;
  peakRssMb: number;
};

/** ExcelJS's main module, or null when it is not to be had. */
function findExceljs(): { main: string; version: string } | null {
  try {
    const main = createRequire(import.meta.url).resolve(process.env.BENCH_EXCELJS ?? 'exceljs');
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(main), 'package.json'), 'utf8')) as { version: string };
    return { main, version: pkg.version };
  } catch {
    return null;
  }
}

/**
 * The readers and the writer compiled as they ship (tsc, just src/files and what it imports), inside the
 * project whatever BENCH_DIR says: the compiled modules find fflate and the package's "type" from there.
 */
function build(): string {
  const dir = path.resolve('bench/out/xlsx-build');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const config = path.resolve('bench/out/tsconfig.xlsx.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: path.resolve('tsconfig.json'),
      compilerOptions: { noEmit: false, outDir: dir, rootDir: path.resolve('src'), declaration: false },
      include: [],
      files: ['src/files/spreadsheet.ts', 'src/files/xlsx-source.ts', 'src/files/xlsx-worker.ts'].map((f) =>
        path.resolve(f),
      ),
    }),
  );
  const r = spawnSync(process.execPath, [path.resolve('node_modules/typescript/bin/tsc'), '-p', config], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('build failed');
  return dir;
}

function run(job: Record<string, unknown>): Run {
  const r = spawnSync(process.execPath, [path.resolve('bench/xlsx-run.mjs'), JSON.stringify(job)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`${String(job.task)} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

/** The fastest of the runs by the clock and by CPU time, with the highest peak memory any of them reached. */
function best(job: Record<string, unknown>): Run {
  const runs = Array.from({ length: RUNS }, () => run(job));
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return {
    ...fastest,
    cpuSeconds: Math.min(...runs.map((r) => r.cpuSeconds)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
}

const exceljs = findExceljs();
const dir = build();
const files = { ours: path.join(OUT, 'sales-ours.xlsx'), exceljs: path.join(OUT, 'sales-exceljs.xlsx') };
const base = { build: dir, exceljs: exceljs?.main, rows: ROWS };
const rate = (r: Run, seconds: number) => String(Math.round(r.rows / seconds)).padStart(7);
const show = (what: string, r: Run, file?: string) => {
  const size = file ? `, ${(statSync(file).size / 1048576).toFixed(1)} MB file` : '';
  const broken = r.broken === undefined ? '' : `, ${r.broken} cells with a broken character`;
  console.log(
    `${what.padEnd(32)} ${rate(r, r.seconds)} rows/s (${r.seconds.toFixed(2)} s), ${rate(r, r.cpuSeconds)} rows per CPU-second, peak RSS ${String(r.peakRssMb).padStart(5)} MB (${r.rssStartMb} at start)${size}${broken}`,
  );
};

const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
console.log(
  `XLSX, ${ROWS.toLocaleString('en')} sales lines, best of ${RUNS}; node ${process.version}, ${os.cpus().length} cores, load ${load}; ExcelJS ${exceljs ? exceljs.version : 'not found: our figures alone'}`,
);
show('write: ours (toXlsx)', best({ ...base, task: 'write-ours', file: files.ours }), files.ours);
show('write: ours (xlsxStream)', best({ ...base, task: 'write-ours-stream', file: files.ours }), files.ours);
show('write: ours (xlsxStream, lazy)', best({ ...base, task: 'write-ours-lazy', file: files.ours }), files.ours);
if (exceljs)
  show('write: ExcelJS WorkbookWriter', best({ ...base, task: 'write-exceljs', file: files.exceljs }), files.exceljs);
for (const [written, file] of Object.entries(files)) {
  if (written === 'exceljs' && !exceljs) continue;
  const seen: Run[] = [];
  for (const reader of exceljs ? ['ours', 'exceljs'] : ['ours']) {
    const r = best({ ...base, task: `read-${reader}`, file });
    seen.push(r);
    show(`read ${written === 'ours' ? 'our file' : "ExcelJS's file"}: ${reader === 'ours' ? 'ours' : 'ExcelJS'}`, r);
  }
  // Both readers must have seen the same cells, or the figures compare nothing.
  const [a, b] = seen;
  if (a && b && (a.rows !== b.rows || a.cells !== b.cells || a.chars !== b.chars))
    console.log(
      `  the readers differ: ${JSON.stringify(seen.map(({ rows, cells, chars }) => ({ rows, cells, chars })))}`,
    );
}
