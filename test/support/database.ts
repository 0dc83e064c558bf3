import { readFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import { databaseOn, type Database } from '../../src/db/database.js';
import { openPglite } from '../../src/db/engine/pglite.js';
import { openPostgres } from '../../src/db/engine/postgres.js';

export const engineName = (process.env.TEST_ENGINE ?? 'pglite') as 'pglite' | 'postgres';

/**
 * The migrated database of this test project (PGlite or PostgreSQL), one per test file, closed after
 * it. Tests do not truncate: each works in an organisation of its own (see factories).
 */
export async function useDatabase(): Promise<Database> {
  let db: Database;
  if (engineName === 'postgres') {
    db = databaseOn(openPostgres(inject('databaseUrl'), { max: 4 }));
  } else {
    const dump = new Blob([readFileSync(inject('pgliteDump'))]);
    db = databaseOn(await openPglite({ loadDataDir: dump }));
  }
  afterAll(() => db.engine.close());
  return db;
}
