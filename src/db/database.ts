import { drizzle, type PgRemoteDatabase } from 'drizzle-orm/pg-proxy';
import { openPglite } from './engine/pglite.js';
import { openPostgres } from './engine/postgres.js';
import type { Engine } from './engine/types.js';
import * as schema from './schema/index.js';

export type Orm = PgRemoteDatabase<typeof schema>;

/**
 * The one handle every query function receives: `engine` for set-based SQL and bulk loads,
 * `orm` for typed Drizzle queries. Both go through the engine, so both see `engine.transaction`.
 */
export type Database = { engine: Engine; orm: Orm };

export function databaseOn(engine: Engine): Database {
  const orm = drizzle(
    async (text, params, method) => {
      const r = await engine.query<unknown>(text, params, method === 'all' ? { rowMode: 'array' } : undefined);
      return { rows: r.rows };
    },
    { schema },
  );
  return { engine, orm };
}

export type DatabaseConfig = { databaseUrl?: string; dataDir?: string };

/** PostgreSQL when a URL is given, otherwise embedded PGlite persisted in `dataDir`. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const engine = config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir ? { dataDir: config.dataDir } : {});
  return databaseOn(engine);
}
