import type { Database } from '../../db/database.js';
import { spawnWorker } from '../../runtime/spawn-worker.js';
import {
  beginDirectAttempt,
  copyDirect,
  createDirectStage,
  finishDirectSales,
  joinSharedDocuments,
  lastOrderId,
  managersByName,
  newOrderIds,
  ordersNamed,
  repeatedRows,
  resolveBatchKeys,
  undoDirectAttempt,
} from '../../db/queries/imports/direct-sales.js';
import { analyzeStage } from '../../db/queries/imports/stage.js';
import { foreignKeyTriggers } from '../../db/queries/maintenance.js';
import type { MergeTouch, SalesOutcome } from '../../db/queries/imports/merge-sales.js';
import { lineStart, splitCsv } from '../../files/csv-source.js';
import {
  FINGERPRINT_BITS,
  type DirectAnswer,
  type DirectAsk,
  type DirectJob,
  type DirectOutput,
  type DirectResult,
} from './direct-reader.js';
import { csvLine } from './staging.js';
import { errorFromWorker, type PostedError } from '../../files/limits.js';
import type { RejectedCell, StageJob } from './stage-rows.js';
import { repeatedLinesWarning, type ImportWarning } from './warnings.js';

/**
 * Lines per batch a reader resolves at once: large enough that the few statements resolving a
 * batch's new keys are amortised, small enough that the first lines reach the database early.
 */
const BATCH_LINES = 16_000;
const WORKER_HEAP_MB = 256;
const ORDER_ID_BLOCK = 8192;

export type DirectImport =
  | {
      status: 'merged';
      rowsRead: number;
      rowsValid: number;
      rowsSkipped: number;
      rejectedRows: number;
      rejects: RejectedCell[];
      warnings: ImportWarning[];
      outcome: SalesOutcome;
      touch: MergeTouch;
    }
  | {
      status: 'rejected';
      rowsRead: number;
      rowsValid: number;
      rowsSkipped: number;
      rejectedRows: number;
      rejects: RejectedCell[];
      warnings: ImportWarning[];
    }
  /** The file needs the staged path (a document differs between parts, a total past 2^53, a reader out of memory): nothing is left of this attempt. */
  | { status: 'fallback' };

/**
 * A sales CSV imported all or nothing with order lines written as the file is read: readers (worker
 * threads, one per part of the file) parse and check the rows, ask this thread for the ids of the
 * clients, products and documents each batch meets first, and hand back final order_lines rows,
 * which go in by COPY while the readers go on. Only documents the organisation already has are
 * staged and compared at the end, as the staged path does for every document; repeated rows are
 * found from fingerprints in the database. The two paths give the same data: the staged one's
 * merge (INSERT … SELECT over staged lines) cost as much again as reading the file.
 * Runs inside the import's transaction, under a savepoint it rolls back to when it falls back.
 * Needs foreign-key triggers off (session_replication_role): lines go in before their orders.
 */
export async function importSalesDirect(
  db: Database,
  orgId: number,
  job: StageJob,
  readers: number,
  onProgress: (done: number, rowsRead: number, rejected: number) => void,
): Promise<DirectImport> {
  await beginDirectAttempt(db);
  let fallback = false;
  try {
    const result = await run(db, orgId, job, readers, onProgress);
    if (result) return result;
    fallback = true;
  } catch (e) {
    if (
      !(e instanceof Error) ||
      !/ERR_WORKER_OUT_OF_MEMORY|out of memory|reader stopped/i.test(`${(e as { code?: string }).code} ${e.message}`)
    )
      throw e;
    fallback = true;
  } finally {
    if (fallback) await undoDirectAttempt(db);
  }
  return { status: 'fallback' };
}

async function run(
  db: Database,
  orgId: number,
  job: StageJob,
  readers: number,
  onProgress: (done: number, rowsRead: number, rejected: number) => void,
): Promise<DirectImport | null> {
  await createDirectStage(db);
  await foreignKeyTriggers(db, 'off');
  const before = await lastOrderId(db, orgId);
  const managers = await managersByName(db, orgId);
  const dataStart = await lineStart(job.path, job.headerRowNo + 1);
  const ranges = await splitCsv(job.path, dataStart, job.headerRowNo + 1, readers);

  const connection = connectionQueue();
  // New order ids are taken from the sequence a block at a time, so most batches are answered without a round trip.
  let ids: number[] = [];
  const orderIdsFor = async (n: number) => {
    if (ids.length < n) ids = [...ids, ...(await newOrderIds(db, Math.max(ORDER_ID_BLOCK, n - ids.length)))];
    const taken = ids.slice(0, n);
    ids = ids.slice(n);
    return taken;
  };
  const clientIds = new Map<string, number>();
  const knownItems = new Map<string, { id: number; cost: number }>();
  const counts = {
    clients: { created: 0, matched: 0 },
    items: { created: 0, matched: 0 },
    linesWritten: 0,
    existing: 0,
  };

  const answer = async (ask: DirectAsk): Promise<DirectAnswer> => {
    const clients = ask.clientLines.filter((_, i) => !clientIds.has(ask.clientKeys[i]!)).join('');
    const items = ask.itemLines.filter((_, i) => !knownItems.has(ask.itemKeys[i]!)).join('');
    if (clients || items) {
      const r = await resolveBatchKeys(db, orgId, { clients, items });
      counts.clients.created += r.clients.created;
      counts.clients.matched += r.clients.matched;
      counts.items.created += r.items.created;
      counts.items.matched += r.items.matched;
      r.clients.keys.forEach((k, i) => clientIds.set(k, r.clients.ids[i]!));
      r.items.keys.forEach((k, i) => knownItems.set(k, { id: r.items.ids[i]!, cost: r.items.costs[i]! }));
    }
    // A document the organisation had before (by 1C id, else number and day; the lowest id when several match).
    const existing: (number | undefined)[] = ask.docKeys.map(() => undefined);
    if (before.any && ask.docKeys.length) {
      const found = await ordersNamed(
        db,
        orgId,
        before.last,
        [...new Set(ask.docNumbers.filter((n): n is string => n !== null))],
        ask.docExts.filter((e): e is string => e !== null),
      );
      const byExt = new Map<string, number>(),
        byNumber = new Map<string, number>();
      for (const o of found) {
        if (o.ext !== null && !byExt.has(o.ext)) byExt.set(o.ext, o.id);
        if (!byNumber.has(`${o.number}|${o.day}`)) byNumber.set(`${o.number}|${o.day}`, o.id);
      }
      ask.docKeys.forEach((_, i) => {
        const ext = ask.docExts[i];
        existing[i] =
          (ext !== null && ext !== undefined ? byExt.get(ext) : undefined) ??
          byNumber.get(`${ask.docNumbers[i]}|${ask.docDays[i]}`);
      });
    }
    const fresh = await orderIdsFor(existing.filter((e) => e === undefined).length);
    counts.existing += existing.length - fresh.length;
    let next = 0;
    return {
      itemIds: ask.itemKeys.map((k) => knownItems.get(k)!.id),
      itemCosts: ask.itemKeys.map((k) => knownItems.get(k)!.cost),
      orderIds: existing.map((e) => e ?? fresh[next++]!),
      clientIds: ask.docClientKeys.map((k) => clientIds.get(k)!),
      existing: existing.map((e) => e !== undefined),
    };
  };

  const done = ranges.map(() => 0),
    read = ranges.map(() => 0),
    refused = ranges.map(() => 0);
  const workers = ranges.map((range, part) =>
    spawnWorker(
      import.meta.url,
      'direct-worker',
      { ...job, range, part, orgId, batchLines: BATCH_LINES, managers, alone: ranges.length === 1 } satisfies DirectJob,
      { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    ),
  );
  const results = workers.map(
    (worker, part) =>
      new Promise<DirectResult>((resolve, reject) => {
        const fail = (e: unknown) => reject(e instanceof Error ? e : new Error(String(e)));
        worker.on(
          'message',
          (
            m: {
              type: string;
              no?: number;
              ask?: DirectAsk;
              out?: DirectOutput;
              done?: number;
              rowsRead?: number;
              rejected?: number;
              result?: DirectResult;
            } & Partial<PostedError>,
          ) => {
            if (m.type === 'ask') {
              connection
                .first(() => answer(m.ask!))
                .then((a) => worker.postMessage({ type: 'answer', no: m.no, answer: a }), fail);
            } else if (m.type === 'out') {
              connection
                .then(async () => {
                  const out = m.out!;
                  // Once a row is refused the import is cancelled: nothing more need go in but the
                  // fingerprints, so the report names every repeated row as the staged path does.
                  if (out.fps.length) await copyDirect(db, 's_fps', out.fps);
                  if (sum(refused) > 0) return;
                  if (out.lines.length) {
                    await copyDirect(db, 'order_lines', out.lines);
                    counts.linesWritten += lineCount(out.lines);
                  }
                  if (out.orders.length) await copyDirect(db, 'orders', out.orders);
                  if (out.docs.length) await copyDirect(db, 's_docs', out.docs);
                  if (out.staged.length) await copyDirect(db, 's_lines', out.staged);
                })
                .then(() => worker.postMessage({ credit: 1 }), fail);
            } else if (m.type === 'progress') {
              done[part] = m.done!;
              read[part] = m.rowsRead!;
              refused[part] = m.rejected!;
              onProgress(sum(done), sum(read), sum(refused));
            } else if (m.type === 'done') connection.then(async () => m.result!).then(resolve, fail);
            else if (m.type === 'error') fail(errorFromWorker(m as PostedError));
          },
        );
        worker.on('error', fail);
        worker.on('exit', (code) => fail(new Error(`reader stopped (${code})`)));
        worker.postMessage({ credit: 3 });
      }),
  );
  let parts: DirectResult[];
  try {
    parts = await Promise.all(results);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await connection.then(async () => undefined).catch(() => undefined);
  }
  if (parts.some((p) => p.unsafe)) return null;
  const all = parts;
  const rejects = all.flatMap((p) => p.rejects);
  const tally = {
    rowsRead: sum(all.map((p) => p.rowsRead)),
    rowsValid: sum(all.map((p) => p.rowsValid)),
    rowsSkipped: sum(all.map((p) => p.rowsSkipped)),
    rejectedRows: sum(all.map((p) => p.rejectedRows)),
  };
  // Repeated lines stay lines of their own (one article twice in a document), reported as the staged way reports them.
  const warnings = repeatedLinesWarning(await repeatedRows(db, repeatBits(all), FINGERPRINT_BITS));
  rejects.sort((a, b) => a.rowNo - b.rowNo);
  if (tally.rejectedRows > 0) return { status: 'rejected', ...tally, rejects, warnings };

  const corrections = all.flatMap((p) =>
    p.corrections.orderIds.map((id, i) =>
      csvLine([id, p.corrections.totals[i]!, p.corrections.costs[i]!, p.corrections.lines[i]!]),
    ),
  );
  if (corrections.length) await copyDirect(db, 's_totals', corrections.join(''));
  // One reader meets every document whole; two may each meet part of one.
  if (ranges.length > 1 && !(await joinSharedDocuments(db, orgId))) return null;
  // Temporary tables get no statistics by themselves; the end compares staged lines with orders by joins.
  if (counts.existing > 0) await analyzeStage(db, ['s_clients', 's_items', 's_docs', 's_lines']);
  const merged = await finishDirectSales(db, orgId, counts);
  return { status: 'merged', ...tally, rejects, warnings, ...merged };
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The transaction's one connection runs one statement at a time. A reader waits for the answer
 * about its keys, but not for the COPY of its earlier lines: answers go before queued COPYs.
 */
function connectionQueue() {
  const urgent: (() => Promise<void>)[] = [],
    queued: (() => Promise<void>)[] = [];
  let running = false;
  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (let job = urgent.shift() ?? queued.shift(); job; job = urgent.shift() ?? queued.shift()) await job();
    } finally {
      running = false;
    }
  };
  const add = <T>(lane: (() => Promise<void>)[], work: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      lane.push(() => work().then(resolve, reject));
      void pump();
    });
  return {
    first: <T>(work: () => Promise<T>) => add(urgent, work),
    then: <T>(work: () => Promise<T>) => add(queued, work),
  };
}

/** The filter bits where a row may repeat another: hit twice within a part, or set by two parts. */
function repeatBits(parts: DirectResult[]): number[] {
  const bits = parts.flatMap((p) => p.repeatBits);
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = parts[i]!.filter,
        b = parts[j]!.filter;
      if (!a || !b) continue;
      for (let k = 0; k < a.length; k++) {
        const both = a[k]! & b[k]!;
        if (both) for (let bit = 0; bit < 8; bit++) if (both & (1 << bit)) bits.push(k * 8 + bit);
      }
    }
  }
  return bits;
}

/** Lines of order_lines CSV (numbers and dates only: no line break inside a field). */
function lineCount(pieces: readonly Uint8Array[]): number {
  let n = 0;
  for (const csv of pieces) for (let i = csv.indexOf(10); i >= 0; i = csv.indexOf(10, i + 1)) n++;
  return n;
}
