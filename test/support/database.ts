import { readFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import { fixedClock, systemClock, type Clock } from '../../src/core/clock.js';
import { databaseOn, type Database } from '../../src/db/database.js';
import { openPglite } from '../../src/db/engine/pglite.js';
import { openPostgres } from '../../src/db/engine/postgres.js';

export const engineName = (process.env.TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

/**
 * The migrated database of this test project (PGlite or PostgreSQL), one per test file, closed after
 * it. Tests do not truncate: each works in an organisation of its own (see factories). `today` pins
 * the day the analytics count from; `clock` hands in one the test moves (`settableClock`).
 */
export async function useDatabase(options: { today?: string; clock?: Clock } = {}): Promise<Database> {
  const clock = options.clock ?? (options.today ? fixedClock(options.today) : systemClock);
  let db: Database;
  if (engineName === 'postgres') {
    db = databaseOn(openPostgres(inject('databaseUrl'), { max: 4 }), clock);
  } else {
    const dump = new Blob([readFileSync(inject('pgliteDump'))]);
    db = databaseOn(await openPglite({ loadDataDir: dump }), clock);
  }
  afterAll(() => db.engine.close());
  return db;
}

/** A clock a test moves from day to day; on the system's day until set (and after `set(null)`). */
export function settableClock(day?: string): Clock & { set(day: string | null): void } {
  let current = day ? fixedClock(day) : systemClock;
  return { today: () => current.today(), set: (d) => (current = d ? fixedClock(d) : systemClock) };
}
