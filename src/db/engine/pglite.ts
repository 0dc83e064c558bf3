import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock.js';
import { spawnWorker } from '../../runtime/spawn-worker.js';
import { SerialLock } from './serial-lock.js';
import { DatabaseError, type Engine, type QueryOptions, type QueryResult } from './types.js';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** Rows per COPY: PGlite reads the whole blob into wasm memory, so bulk loads go in slices. */
const COPY_SLICE_BYTES = 32 * 1024 * 1024;

/**
 * Embedded PostgreSQL (PGlite) running in a worker thread.
 * `dataDir` persists to a folder, which this process then holds alone (data-dir-lock.ts: another
 * process opening it is refused with DataFolderBusy); omitted, the database lives in memory (tests).
 */
export async function openPglite(
  options: { dataDir?: string; loadDataDir?: Blob } = {},
): Promise<Engine & { dump(): Promise<Blob> }> {
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = await lockDataDir(options.dataDir);
  }
  try {
    return await start(options, unlock);
  } catch (e) {
    unlock();
    throw e;
  }
}

async function start(
  options: { dataDir?: string; loadDataDir?: Blob },
  unlock: () => void,
): Promise<Engine & { dump(): Promise<Blob> }> {
  const worker = spawnWorker(import.meta.url, 'pglite-worker', {
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  await new Promise<void>((resolve, reject) => {
    const onError = (e: unknown) => reject(e);
    worker.once('error', onError);
    worker.once('message', (m: { ready?: boolean }) => {
      if (m.ready) {
        worker.off('error', onError);
        resolve();
      }
    });
  });
  worker.on(
    'message',
    (m: {
      id: number;
      result?: unknown;
      error?: { message: string; code?: string; constraint?: string; detail?: string };
    }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.reject(new DatabaseError(m.error.message, m.error.code, m.error.constraint, m.error.detail));
      else p.resolve(m.result);
    },
  );
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });

  const call = <T>(msg: Record<string, unknown>): Promise<T> => {
    if (closed) return Promise.reject(new DatabaseError('The database is closed', '57P01'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...msg, id });
    });
  };

  const lock = new SerialLock();
  const inTransaction = new AsyncLocalStorage<true>();
  // Outside a transaction each statement takes the lock for itself; inside, the transaction holds it.
  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (inTransaction.getStore()) return work();
    const release = await lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };

  const engine: Engine & { dump(): Promise<Blob> } = {
    kind: 'pglite',
    query: <T>(text: string, params: unknown[] = [], opts?: QueryOptions) =>
      exclusive(() => call<QueryResult<T>>({ op: 'query', text, params, rowMode: opts?.rowMode })),
    exec: (text) => exclusive(() => call<void>({ op: 'exec', text })),
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      if (inTransaction.getStore()) return work();
      const release = await lock.acquire();
      try {
        return await inTransaction.run(true, async () => {
          await call({ op: 'exec', text: 'BEGIN' });
          try {
            const result = await work();
            await call({ op: 'exec', text: 'COMMIT' });
            return result;
          } catch (e) {
            await call({ op: 'exec', text: 'ROLLBACK' }).catch(() => undefined);
            throw e;
          }
        });
      } finally {
        release();
      }
    },
    async copyCsv(table, columns, chunks) {
      const text = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
      let slice: (string | Uint8Array)[] = [];
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        const csv = slice.every((c) => typeof c === 'string') ? slice.join('') : slice;
        slice = [];
        size = 0;
        await exclusive(() => call({ op: 'copy', text, csv }));
      };
      for await (const chunk of chunks) {
        slice.push(chunk);
        size += chunk.length;
        if (size >= COPY_SLICE_BYTES) await flush();
      }
      await flush();
    },
    dump: () => exclusive(() => call<Blob>({ op: 'dump' })),
    async close() {
      if (closed) return;
      const release = await lock.acquire();
      try {
        await call({ op: 'close' }).catch(() => undefined);
        closed = true;
        await worker.terminate();
      } finally {
        release();
        if (closed) unlock();
      }
    },
  };
  return engine;
}
