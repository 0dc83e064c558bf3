import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatabaseError, type Engine, type QueryOptions, type QueryResult } from './types.js';

/** A prepared statement's name: a digest of its text (PostgreSQL names are at most 63 bytes). */
const preparedName = (text: string) => `r_${createHash('sha1').update(text).digest('hex')}`;

const { Pool, types } = pg;
const raw = (v: string) => v;
// Same wire values as the PGlite engine: dates and timestamps as text, int8 as a JS number.
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === types.builtins.DATE || oid === types.builtins.TIMESTAMP || oid === types.builtins.TIMESTAMPTZ)
      return raw;
    if (oid === types.builtins.INT8) return (v: string) => Number(v);
    return types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function asDatabaseError(e: unknown): unknown {
  // Only server errors (they carry a severity); domain errors pass through a transaction untouched.
  if (e instanceof Error && 'severity' in e && 'code' in e) {
    const err = e as Error & { code?: string; constraint?: string; detail?: string };
    return new DatabaseError(err.message, err.code, err.constraint, err.detail);
  }
  return e;
}

/** A PostgreSQL server through a node-postgres pool. */
export function openPostgres(
  connectionString: string,
  options: { max?: number; connectionTimeoutMillis?: number } = {},
): Engine & { pool: pg.Pool } {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    types: typeParsers,
    options: '-c TimeZone=UTC -c jit=off -c work_mem=64MB',
    // A server that is gone or does not answer fails a request in seconds (the API answers 503)
    // instead of leaving it hanging; the same bound applies to waiting for a free connection.
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
    // Idle connections to a host that vanished are noticed by TCP keepalive and dropped.
    keepAlive: true,
  });
  // JIT compiles each analytic statement for longer than it then runs (measured on PostgreSQL 15);
  // work_mem as on PGlite, so the per-client aggregations hash in memory instead of sorting on disk.
  // An idle client losing its server must not crash the process; the next query reports it, and the
  // pool drops clients whose connection broke, so it reconnects by itself when the server is back.
  pool.on('error', () => undefined);
  // Likewise a client a transaction holds between two statements: without a listener its 'error'
  // event would be thrown; its next statement fails instead.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const current = new AsyncLocalStorage<pg.PoolClient>();
  const runner = (): pg.Pool | pg.PoolClient => current.getStore() ?? pool;

  return {
    kind: 'postgres',
    pool,
    async query<T>(text: string, params: unknown[] = [], opts?: QueryOptions): Promise<QueryResult<T>> {
      try {
        const client = runner();
        // A generic plan is asked for around this statement only, and only inside a transaction (SET LOCAL).
        const generic = opts?.prepare === 'generic' && client !== pool;
        if (generic) await client.query('SET LOCAL plan_cache_mode = force_generic_plan');
        const r = await client.query({
          text,
          values: params,
          ...(opts?.rowMode ? { rowMode: opts.rowMode } : {}),
          // The name is the text's digest: the same text always meets its own prepared statement.
          ...(opts?.prepare ? { name: preparedName(text) } : {}),
        });
        if (generic) await client.query('SET LOCAL plan_cache_mode = auto');
        return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
      } catch (e) {
        throw asDatabaseError(e);
      }
    },
    async exec(text) {
      try {
        await runner().query(text);
      } catch (e) {
        throw asDatabaseError(e);
      }
    },
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      if (current.getStore()) return work();
      const client = await pool.connect().catch((e: unknown) => {
        throw asDatabaseError(e);
      });
      // A connection that cannot even roll back is broken: the pool discards it instead of lending it again.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await current.run(client, work);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch((rollbackFailed: unknown) => {
          broken = rollbackFailed as Error;
        });
        throw asDatabaseError(e);
      } finally {
        client.release(broken);
      }
    },
    async copyCsv(table, columns, chunks) {
      const run = async (client: pg.PoolClient) => {
        const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from(asBuffers(chunks)), sink);
      };
      const inTx = current.getStore();
      try {
        if (inTx) return await run(inTx);
        const client = await pool.connect();
        let failed: Error | undefined;
        try {
          await run(client);
        } catch (e) {
          failed = e as Error;
          throw e;
        } finally {
          client.release(failed);
        }
      } catch (e) {
        throw asDatabaseError(e);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** Bytes handed over by a worker thread go to the socket as they are, without a copy. */
async function* asBuffers(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<string | Buffer> {
  for await (const c of chunks) yield typeof c === 'string' ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
}
