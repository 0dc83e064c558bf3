import type { Database } from '../../database.js';
import { ident } from '../maintenance.js';

// The bulk load and removal of the demo company (services/demo/load-demo.ts composes them in one
// transaction). Table and column names are the code's own, quoted as identifiers.

/**
 * Other sessions may not insert into these tables until the transaction ends (EXCLUSIVE mode still lets
 * them read), so ids taken from their sequences stay free. PGlite has one connection: nothing to lock.
 */
export async function lockAgainstInserts(db: Database, tables: readonly string[]): Promise<void> {
  if (db.engine.kind === 'postgres') {
    await db.engine.exec(`LOCK TABLE ${tables.map(ident).join(', ')} IN EXCLUSIVE MODE`);
  }
}

/** The next id of the table's id sequence. */
export async function nextId(db: Database, table: string): Promise<number> {
  const { rows } = await db.engine.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('${table.replace(/'/g, "''")}', 'id')) AS id`,
  );
  return Number(rows[0]!.id);
}

/** Moves the table's id sequence past the highest id in the table (ids were written past it). */
export async function moveIdSequencePastMax(db: Database, table: string): Promise<void> {
  await db.engine.query(
    `SELECT setval(pg_get_serial_sequence('${table.replace(/'/g, "''")}', 'id'), greatest((SELECT coalesce(max(id), 1) FROM ${ident(table)}), 1))`,
  );
}

/** How many of the organisation's `table.column` values point at no `target` row (a foreign key proven set-based). */
export async function danglingReferences(
  db: Database,
  orgId: number,
  table: string,
  column: string,
  target: string,
): Promise<number> {
  const { rows } = await db.engine.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${ident(table)} t WHERE t.org_id = $1 AND t.${ident(column)} IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${ident(target)} r WHERE r.org_id = t.org_id AND r.id = t.${ident(column)})`,
    [orgId],
  );
  return Number(rows[0]!.n);
}

/**
 * Deletes the demo company's rows: its clients with all their documents, the links to them, its
 * products no order line names, its users with their sessions. Records people added by hand stay.
 * Returns how many clients went.
 */
export async function deleteDemoRows(db: Database, orgId: number): Promise<number> {
  const demoClients = `SELECT id FROM clients WHERE org_id = $1 AND is_demo`;
  for (const table of [
    'order_lines',
    'payments',
    'orders',
    'interactions',
    'contacts',
    'legal_entities',
    'client_search',
  ]) {
    await db.engine.query(`DELETE FROM ${table} WHERE org_id = $1 AND client_id IN (${demoClients})`, [orgId]);
  }
  await db.engine.query(
    `DELETE FROM client_relations WHERE org_id = $1 AND (client_id IN (${demoClients}) OR related_client_id IN (${demoClients}))`,
    [orgId],
  );
  const { rowCount } = await db.engine.query(`DELETE FROM clients WHERE org_id = $1 AND is_demo`, [orgId]);
  await db.engine.query(
    `DELETE FROM products p WHERE p.org_id = $1 AND p.is_demo AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.org_id = p.org_id AND l.product_id = p.id)`,
    [orgId],
  );
  await db.engine.query(
    `DELETE FROM sessions s USING users u WHERE s.org_id = $1 AND u.org_id = s.org_id AND u.id = s.user_id AND u.is_demo`,
    [orgId],
  );
  await db.engine.query(`DELETE FROM users WHERE org_id = $1 AND is_demo`, [orgId]);
  return rowCount;
}
