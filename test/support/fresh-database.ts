import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { databaseOn, type Database } from '../../src/db/database.js';
import { openPglite } from '../../src/db/engine/pglite.js';
import { openPostgres } from '../../src/db/engine/postgres.js';
import { migrate } from '../../src/db/migrate.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Databases made while a test runs are closed (and dropped) after the file: a hook can only be added before.
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function asAdmin(text: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A freshly migrated, empty database, for what needs a database of its own (a restore refuses an
 * organisation that exists): in-memory PGlite, or a PostgreSQL database of its own, closed (and
 * dropped) after the test file.
 */
export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<Database> {
  if (kind === 'pglite') {
    const engine = await openPglite();
    cleanups.push(() => engine.close());
    await migrate(engine);
    return databaseOn(engine);
  }
  const name = `rapport_fresh_${process.pid}_${randomUUID().slice(0, 8)}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const engine = openPostgres(url.toString(), { max: 2 });
  cleanups.push(async () => {
    await engine.close();
    await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  await migrate(engine);
  return databaseOn(engine);
}
