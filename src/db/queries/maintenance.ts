import type { Database } from '../database.js';

// Bulk loads (COPY), the switch they use to skip per-row foreign-key triggers, and statistics and
// vacuum after bulk writes. Table and column names are identifiers (quoted here), never values.

/** A table or column name as a quoted SQL identifier. */
export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

const tableList = (tables: readonly string[]) => tables.map(ident).join(', ');

/** Fresh planner statistics for these tables (inside a transaction too). */
export async function analyzeTables(db: Database, tables: readonly string[]): Promise<void> {
  await db.engine.exec(`ANALYZE ${tableList(tables)}`);
}

/** VACUUM (ANALYZE): reclaims old row versions and sets the visibility map, so lists get index-only scans. Outside a transaction. */
export async function vacuumAnalyze(db: Database, tables: readonly string[]): Promise<void> {
  await db.engine.exec(`VACUUM (ANALYZE) ${tableList(tables)}`);
}

/**
 * Per-row foreign-key triggers off (`session_replication_role = replica`, like pg_restore
 * --disable-triggers) or back on, for the rest of the transaction. Only a superuser may (see
 * roles.ts `isSuperuser`); the bulk statements that run meanwhile prove their references set-based.
 */
export async function foreignKeyTriggers(db: Database, state: 'off' | 'on'): Promise<void> {
  await db.engine.query(`SET LOCAL session_replication_role = '${state === 'off' ? 'replica' : 'origin'}'`);
}

/** Bulk load of CSV rows (no header) into `table (columns)` by COPY, never row inserts. */
export async function copyRows(
  db: Database,
  table: string,
  columns: readonly string[],
  chunks: AsyncIterable<string | Uint8Array>,
): Promise<void> {
  await db.engine.copyCsv(ident(table), columns.map(ident), chunks);
}
