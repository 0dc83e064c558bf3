// Reads an XLSX workbook in a thread of its own (see xlsx-source.ts): inflating and scanning a sheet
// is CPU work that would otherwise hold up every other request of the server.
import { parentPort, workerData } from 'node:worker_threads';
import { runXlsxJob, type XlsxJob, type XlsxMessage } from './xlsx-source.js';

const port = parentPort!;
let credit = 0;
let waiting: (() => void) | null = null;
// The main thread grants batches as it takes them, so rows never pile up here faster than they are used.
port.on('message', (m: { credit: number }) => {
  credit += m.credit;
  waiting?.();
  waiting = null;
});

void runXlsxJob(workerData as XlsxJob, async (m: XlsxMessage) => {
  if (m.type === 'rows') {
    while (credit <= 0)
      await new Promise<void>((resolve) => {
        waiting = resolve;
      });
    credit--;
  }
  port.postMessage(m);
});
