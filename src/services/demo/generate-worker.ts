// Generates demo slices off the main thread, so the next slice is made while the database COPYs the
// last one (two cores: one generates, one loads).
import { parentPort, workerData } from 'node:worker_threads';
import { demoSlice, type DemoOptions, type IdBase } from './generate.js';

type Job = {
  orgId: number;
  opts: DemoOptions;
  base: IdBase;
  catalogue: { managers: number; prices: { listPrice: number; cost: number }[] };
  sliceSize: number;
};
const job = workerData as Job;
const counters = { order: 0, payment: 0, interaction: 0, legalEntity: 0, contact: 0 };
let from = 0;

parentPort!.on('message', () => {
  if (from >= job.opts.clients) {
    parentPort!.postMessage(null);
    return;
  }
  const to = Math.min(job.opts.clients, from + job.sliceSize);
  const slice = demoSlice(job.orgId, job.opts, job.base, job.catalogue, from, to, counters);
  // One string per table: a string crosses threads as one copy, an array of millions would not.
  const csv = Object.fromEntries(
    Object.entries(slice).map(([table, rows]) => [table, rows.length ? rows.join('\n') + '\n' : '']),
  );
  const counts = Object.fromEntries(Object.entries(slice).map(([table, rows]) => [table, rows.length]));
  parentPort!.postMessage({ to, csv, counts });
  from = to;
});
