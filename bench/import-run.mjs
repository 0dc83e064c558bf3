// The import of bench/import.ts, run in a process of its own from the compiled server (as `rapport
// import` and `npm start` run it), so its resident memory is the product's and not the TypeScript
// loader's. Prints one line of JSON: phase times, peak resident memory during the import itself and
// during the analytics rebuild that follows, and the outcome of a first and a second import.
// usage: node bench/import-run.mjs '{"build": "...", "engine": "postgres"|"pglite", "url": "...", "dataDir": "...", "file": "..."}'
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const job = JSON.parse(process.argv[2]);
const from = (module) => import(pathToFileURL(path.join(job.build, module)).href);
const { databaseOn } = await from('db/database.js');
const { openPglite } = await from('db/engine/pglite.js');
const { openPostgres } = await from('db/engine/postgres.js');
const { migrate } = await from('db/migrate.js');
const { organizations } = await from('db/schema/index.js');
const { systemActor } = await from('services/actor.js');
const { runImport } = await from('services/import/run-import.js');

const db = databaseOn(job.engine === 'postgres' ? openPostgres(job.url) : await openPglite({ dataDir: job.dataDir }));
await migrate(db.engine);
const [org] = await db.orm.insert(organizations).values({ name: 'Bench import' }).returning();
const actor = systemActor(org.id);

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 25);
const started = performance.now();
const phases = {};
let importPeak = 0;
const first = await runImport(db, actor, { path: job.file, kind: 'sales' }, (p) => {
  if (phases[p.phase] !== undefined) return;
  phases[p.phase] = performance.now() - started;
  if (p.phase === 'analytics') {
    sample();
    importPeak = peak;
    peak = 0;
  }
});
const total = performance.now() - started;
sample();
const analyticsPeak = peak;
const t = performance.now();
const again = await runImport(db, actor, { path: job.file, kind: 'sales' });
const reimport = performance.now() - t;
clearInterval(timer);
await db.engine.close();
const importMs = phases.analytics ?? total;
console.log(
  JSON.stringify({
    importMs,
    analyticsMs: phases.analytics === undefined ? 0 : total - phases.analytics,
    reimportMs: reimport,
    importPeakRssMb: Math.round((importPeak || analyticsPeak) / 1048576),
    analyticsPeakRssMb: Math.round(analyticsPeak / 1048576),
    first: {
      status: first.status,
      rowsRead: first.rowsRead,
      rowsValid: first.rowsValid,
      analytics: first.analytics,
      outcome: first.outcome,
    },
    again: { status: again.status, outcome: again.outcome },
  }),
);
