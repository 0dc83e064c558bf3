import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../test/support/database.js';
import { buildClient, buildContact, buildLegalEntity, buildOrg } from '../../test/support/factories.js';
import { migrate } from './migrate.js';

const db = await useDatabase();

const journal = JSON.parse(readFileSync(new URL('./migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
  entries: { tag: string }[];
};

describe('migrate', () => {
  it('applies nothing to the migrated test database and reports every journal entry', async () => {
    expect(journal.entries.length).toBeGreaterThan(0);
    expect(await migrate(db.engine)).toEqual({ applied: [], total: journal.entries.length });
    const { rows } = await db.engine.query<{ tag: string; hash: string }>(
      'SELECT tag, hash FROM rapport_migrations ORDER BY tag',
    );
    expect(rows.map((r) => r.tag)).toEqual(journal.entries.map((e) => e.tag).sort());
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true);
    // Twice in a row is as quiet as once.
    expect(await migrate(db.engine)).toEqual({ applied: [], total: journal.entries.length });
  });

  it('0009 gives a client without its search row (left so by imports before they kept it) the row the write paths build', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { name: 'ООО «Без поиска»', tags: ['опт'] });
    await buildLegalEntity(db, owner, client.id);
    await buildContact(db, owner, client.id);
    const text = async () =>
      (
        await db.engine.query<{ t: string }>(
          'SELECT search_text AS t FROM client_search WHERE org_id = $1 AND client_id = $2',
          [owner.orgId, client.id],
        )
      ).rows.map((r) => r.t);
    const kept = await text();
    expect(kept[0]).toContain('7707083893');
    const sql = readFileSync(new URL('./migrations/0009_client_search_backfill.sql', import.meta.url), 'utf8');
    // In a transaction rolled back after: the statement reaches every organisation of the shared test database.
    const rollback = new Error('rollback');
    await expect(
      db.engine.transaction(async () => {
        await db.engine.query('DELETE FROM client_search WHERE org_id = $1 AND client_id = $2', [
          owner.orgId,
          client.id,
        ]);
        expect(await text()).toEqual([]);
        await db.engine.exec(sql);
        expect(await text()).toEqual(kept);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('keys every tenant table by org_id first, so no query can reach across organisations by id alone', async () => {
    const { rows: tables } = await db.engine.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const { rows: keys } = await db.engine.query<{ table_name: string; columns: string[] }>(`
      SELECT c.relname AS table_name,
             array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.n) AS columns
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE i.indisprimary AND ns.nspname = 'public'`);
    const primaryKey = new Map(keys.map((k) => [k.table_name, k.columns]));
    const tenantTables = tables
      .map((t) => t.table_name)
      .filter((t) => t !== 'rapport_migrations' && t !== 'organizations')
      // Counting windows of network addresses and public tokens: no organisation's data (schema/rate-limits.ts).
      .filter((t) => t !== 'rate_limit_windows');
    expect(tenantTables).toEqual(
      expect.arrayContaining([
        'users',
        'clients',
        'legal_entities',
        'contacts',
        'orders',
        'order_lines',
        'payments',
        'interactions',
        'products',
        'sessions',
        'api_tokens',
        'client_relations',
      ]),
    );
    const offenders = tenantTables
      .filter((t) => primaryKey.get(t)?.[0] !== 'org_id')
      .map((t) => `${t}: ${JSON.stringify(primaryKey.get(t) ?? null)}`);
    expect(offenders).toEqual([]);
    expect(primaryKey.get('organizations')).toEqual(['id']);
    expect(primaryKey.get('order_lines')).toEqual(['org_id', 'order_id', 'line_no']);
    expect(primaryKey.get('clients')).toEqual(['org_id', 'id']);
  });

  it('makes every reference between tenant tables carry org_id, so a row can only point within its organisation', async () => {
    const { rows } = await db.engine.query<{
      name: string;
      from_table: string;
      to_table: string;
      from_columns: string[];
      to_columns: string[];
    }>(`
      SELECT con.conname AS name, src.relname AS from_table, dst.relname AS to_table,
             array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS from_columns,
             array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, n)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS to_columns
      FROM pg_constraint con
      JOIN pg_class src ON src.oid = con.conrelid
      JOIN pg_class dst ON dst.oid = con.confrelid
      JOIN pg_namespace ns ON ns.oid = src.relnamespace
      WHERE con.contype = 'f' AND ns.nspname = 'public'`);
    expect(rows.length).toBeGreaterThan(10);
    const offenders = rows
      .filter((r) =>
        r.to_table === 'organizations'
          ? JSON.stringify([r.from_columns, r.to_columns]) !== JSON.stringify([['org_id'], ['id']])
          : r.from_columns[0] !== 'org_id' || r.to_columns[0] !== 'org_id',
      )
      .map((r) => `${r.name}: ${r.from_table}(${r.from_columns}) → ${r.to_table}(${r.to_columns})`);
    expect(offenders).toEqual([]);
  });
});
