// Owns the embedded PGlite database in a worker_thread: PGlite blocks the thread for the whole of a
// query, so keeping it off the main thread keeps the HTTP server answering (stack-check §3).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

type Request =
  | { id: number; op: 'query'; text: string; params: unknown[]; rowMode?: 'array' }
  | { id: number; op: 'exec'; text: string }
  | { id: number; op: 'copy'; text: string; csv: string | (string | Uint8Array)[] }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

const { dataDir, loadDataDir } = workerData as { dataDir?: string; loadDataDir?: Blob | File };
const raw = (v: string) => v;
const db = await PGlite.create({
  ...(dataDir ? { dataDir } : {}),
  ...(loadDataDir ? { loadDataDir } : {}),
  // fsync stays as PGlite sets it: it never calls fsync on Node anyway (README: backups). A process
  // crash loses nothing acknowledged all the same: the NodeFS data folder is written with write(2)
  // as PostgreSQL writes (synchronous_commit on: the WAL at each COMMIT), so the kernel holds it, and
  // the next start replays the WAL (test/faults/pglite-kill.test.ts SIGKILLs a server mid-writes).
  startParams: [...PGlite.defaultStartParams, '-c', 'work_mem=64MB', '-c', 'TimeZone=UTC'],
  // Same wire values as the pg engine: dates and timestamps as text, int8 as a JS number.
  parsers: {
    [types.DATE]: raw,
    [types.TIMESTAMP]: raw,
    [types.TIMESTAMPTZ]: raw,
    [types.INT8]: (v: string) => Number(v),
  },
});

function reply(id: number, result: unknown) {
  parentPort!.postMessage({ id, result });
}
function fail(id: number, e: unknown) {
  const err = e as { message?: string; code?: string; constraint?: string; detail?: string };
  parentPort!.postMessage({
    id,
    error: { message: err.message ?? String(e), code: err.code, constraint: err.constraint, detail: err.detail },
  });
}

parentPort!.on('message', async (req: Request) => {
  try {
    switch (req.op) {
      case 'query': {
        const r = await db.query(req.text, req.params, req.rowMode ? { rowMode: req.rowMode } : undefined);
        reply(req.id, { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) });
        break;
      }
      case 'exec':
        await db.exec(req.text);
        reply(req.id, null);
        break;
      case 'copy': {
        // PGlite has no COPY FROM STDIN; it reads a blob mounted at /dev/blob.
        await db.query(req.text, [], {
          blob: new Blob((typeof req.csv === 'string' ? [req.csv] : req.csv) as BlobPart[]),
        });
        reply(req.id, null);
        break;
      }
      case 'dump': {
        const file = await db.dumpDataDir('gzip');
        reply(req.id, file);
        break;
      }
      case 'close':
        await db.close();
        reply(req.id, null);
        process.exit(0);
    }
  } catch (e) {
    fail(req.id, e);
  }
});
parentPort!.postMessage({ ready: true });
