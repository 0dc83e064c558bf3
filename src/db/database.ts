import { drizzle, type PgRemoteDatabase } from 'drizzle-orm/pg-proxy';
import { openPglite } from './engine/pglite.js';
import { openPostgres } from './engine/postgres.js';
import type { Engine } from './engine/types.js';
import * as schema from './schema/index.js';
import { systemClock, type Clock } from '../core/clock.js';

export type Orm = PgRemoteDatabase<typeof schema>;

/**
 * The one handle every query function and use case receives: `engine` for set-based SQL and bulk
 * loads, `orm` for typed Drizzle queries (both go through the engine, so both see
 * `engine.transaction`), and `clock`, the day the analytics count from — the system's by default,
 * a fixed day when RAPPORT_TODAY pins it or a test hands one in (`onDay`).
 */
export type Database = { engine: Engine; orm: Orm; clock: Clock };

export function databaseOn(engine: Engine, clock: Clock = systemClock): Database {
  const orm = drizzle(
    async (text, params, method) => {
      const r = await engine.query<unknown>(text, params, method === 'all' ? { rowMode: 'array' } : undefined);
      return { rows: r.rows };
    },
    { schema },
  );
  return { engine, orm, clock };
}

/** The same database seen on another clock: the engine (and its transactions) is shared. */
export const onClock = (db: Database, clock: Clock): Database => ({ ...db, clock });

export type DatabaseConfig = { databaseUrl?: string; dataDir?: string; clock?: Clock };

/** PostgreSQL when a URL is given, otherwise embedded PGlite persisted in `dataDir`. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const engine = config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : await openPglite(config.dataDir ? { dataDir: config.dataDir } : {});
  return databaseOn(engine, config.clock);
}
