// One reader of a direct sales import in a thread of its own (see direct-sales.ts): parsing and
// checking a million rows is CPU work, and two parts read at once use both cores.
import { parentPort, workerData } from 'node:worker_threads';
import { postedError } from '../../files/limits.js';
import {
  readSalesDirect,
  type DirectAnswer,
  type DirectAsk,
  type DirectJob,
  type DirectOutput,
} from './direct-reader.js';

const port = parentPort!;
let credit = 0;
let waiting: (() => void) | null = null;
const answers = new Map<number, (answer: DirectAnswer) => void>();
let asked = 0;
// The main thread grants output chunks as its COPY takes them, so a slow database never piles text up here.
port.on('message', (m: { credit: number } | { type: 'answer'; no: number; answer: DirectAnswer }) => {
  if ('credit' in m) {
    credit += m.credit;
    waiting?.();
    waiting = null;
    return;
  }
  answers.get(m.no)?.(m.answer);
  answers.delete(m.no);
});

readSalesDirect(workerData as DirectJob, {
  ask: (ask: DirectAsk) =>
    new Promise<DirectAnswer>((resolve) => {
      const no = asked++;
      answers.set(no, resolve);
      port.postMessage({ type: 'ask', no, ask });
    }),
  async emit(out: DirectOutput) {
    while (credit <= 0)
      await new Promise<void>((resolve) => {
        waiting = resolve;
      });
    credit--;
    const buffers = [...out.lines, ...out.orders, ...out.docs, ...out.staged, ...out.fps].map(
      (b) => b.buffer as ArrayBuffer,
    );
    port.postMessage({ type: 'out', out }, buffers);
  },
  progress: (done, total, rowsRead, rejected) =>
    port.postMessage({ type: 'progress', done, total, rowsRead, rejected }),
})
  .then((result) => port.postMessage({ type: 'done', result }))
  .catch((e: unknown) => port.postMessage({ type: 'error', ...postedError(e) }));
