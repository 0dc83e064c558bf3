// Reads one part of a large file in a thread of its own: parsing and checking a million rows is CPU
// work that would otherwise stall the server, and two parts read at once use both cores.
import { parentPort, workerData } from 'node:worker_threads';
import { postedError } from '../../files/limits.js';
import { stageRows, type StageJob } from './stage-rows.js';

const port = parentPort!;
let credit = 0;
let waiting: (() => void) | null = null;
// The main thread grants chunks as the COPY takes them, so a slow database never piles text up here.
port.on('message', (m: { credit: number }) => {
  credit += m.credit;
  waiting?.();
  waiting = null;
});

const emit = async (csv: string) => {
  while (credit <= 0)
    await new Promise<void>((resolve) => {
      waiting = resolve;
    });
  credit--;
  port.postMessage({ type: 'chunk', csv });
};

stageRows(workerData as StageJob, emit, (done, total, rowsRead, rejected) =>
  port.postMessage({ type: 'progress', done, total, rowsRead, rejected }),
)
  .then((result) => port.postMessage({ type: 'done', result }))
  .catch((e: unknown) => port.postMessage({ type: 'error', ...postedError(e) }));
