import type { Database } from '../database.js';

/** The tables whose rows per organisation `org_row_counts` keeps (the triggers of migration 0019). */
export type CountedTable = 'clients' | 'client_figures' | 'claims';

/**
 * How many rows the organisation has in the table, exact and without counting them: the sum the
 * table's triggers keep in `org_row_counts` in every writing transaction (schema/organizations.ts),
 * so it is as current as the rows this statement sees. No row yet: the organisation has none.
 */
export async function keptRowCount(db: Database, orgId: number, table: CountedTable): Promise<number> {
  const { rows } = await db.engine.query<{ rows: number | null }>(
    'SELECT sum(rows) AS rows FROM org_row_counts WHERE org_id = $1 AND table_name = $2',
    [orgId, table],
  );
  return Number(rows[0]?.rows ?? 0);
}

/**
 * The kept counts of several tables at once (one statement), e.g. whether every client has its
 * figures row: `client_figures` ⊆ `clients` by its foreign key, so equal counts mean the same clients.
 */
export async function keptRowCounts<T extends CountedTable>(
  db: Database,
  orgId: number,
  tables: readonly T[],
): Promise<Record<T, number>> {
  const { rows } = await db.engine.query<{ table_name: T; rows: number }>(
    'SELECT table_name, sum(rows) AS rows FROM org_row_counts WHERE org_id = $1 AND table_name = ANY($2::text[]) GROUP BY table_name',
    [orgId, tables],
  );
  const counts = Object.fromEntries(tables.map((t) => [t, 0])) as Record<T, number>;
  for (const r of rows) counts[r.table_name] = Number(r.rows);
  return counts;
}
