import type { Database } from '../../database.js';
import { ident } from '../maintenance.js';
import type { ForeignKey, OrganisationTable } from './catalog.js';

// What a backup reads and a restore writes, one organisation's rows of any table of the catalog.
// Names come from the database's own catalogue and are quoted as identifiers; values are parameters.

type Value = string | null;

// Output in forms every PostgreSQL reads back the same, whatever the server's defaults.
const STABLE_TEXT =
  "SET LOCAL datestyle = 'ISO, YMD'; SET LOCAL intervalstyle = 'postgres'; SET LOCAL TimeZone = 'UTC'; SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'";

/** The transaction reads one consistent snapshot and writes nothing (the first statement of a backup). */
export async function readOnlySnapshot(db: Database): Promise<void> {
  await db.engine.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

/** Dates, intervals, floats and bytea as text in forms every PostgreSQL reads back the same (for this transaction). */
export async function stableTextOutput(db: Database): Promise<void> {
  await db.engine.exec(STABLE_TEXT);
}

/** The tags of the migrations applied to this database (rapport_migrations), in order. */
export async function appliedMigrationTags(db: Database): Promise<string[]> {
  const { rows } = await db.engine.query<{ tag: string }>('SELECT tag FROM rapport_migrations ORDER BY tag');
  return rows.map((r) => r.tag);
}

/** How many rows of `table` belong to the organisation. */
export async function countOrganisationRows(
  db: Database,
  table: string,
  tenantColumn: string,
  orgId: number,
): Promise<number> {
  const {
    rows: [c],
  } = await db.engine.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM ${ident(table)} WHERE ${ident(tenantColumn)} = $1`,
    [orgId],
  );
  return Number(c!.n);
}

/** The organisation's rows of one table in primary-key order, a page at a time, each value as text. */
export async function* organisationRowPages(
  db: Database,
  table: OrganisationTable,
  orgId: number,
  pageRows: number,
): AsyncGenerator<Value[][]> {
  if (table.primaryKey.length === 0)
    throw new Error(`Table ${table.name} has no primary key; a backup reads every table in key order.`);
  const stored = table.columns.map((c) => c.name);
  // A key column the backup does not carry (a generated one) is still read, to find the next page.
  const read = [...stored, ...table.primaryKey.filter((k) => !stored.includes(k))];
  const keyAt = table.primaryKey.map((k) => read.indexOf(k));
  const typeOf = (name: string) => [...table.columns, ...table.generated].find((c) => c.name === name)!.type;
  // Qualified, because the `::text` outputs keep the columns' names and a bare ORDER BY name would
  // sort by the text (1, 10, 2…) while the keyset compares the typed values.
  const key = table.primaryKey.map((k) => `r.${ident(k)}`).join(', ');
  const select = `SELECT ${read.map((c) => `r.${ident(c)}::text`).join(', ')} FROM ${ident(table.name)} r WHERE r.${ident(table.tenantColumn)} = $1`;
  const after = ` AND (${key}) > (${table.primaryKey.map((k, i) => `$${i + 2}::${typeOf(k)}`).join(', ')})`;
  let last: Value[] | null = null;
  for (;;) {
    const text: string = `${select}${last ? after : ''} ORDER BY ${key} LIMIT ${pageRows}`;
    const params: unknown[] = last ? [orgId, ...keyAt.map((i) => last![i])] : [orgId];
    const { rows } = await db.engine.query<Value[]>(text, params, { rowMode: 'array' });
    if (rows.length > 0) yield read.length === stored.length ? rows : rows.map((r) => r.slice(0, stored.length));
    if (rows.length < pageRows) return;
    last = rows.at(-1)!;
  }
}

/** How many of the organisation's rows of the key's child table point at no parent row (set-based, as the trigger would have checked). */
export async function brokenReferences(
  db: Database,
  key: ForeignKey,
  childTenantColumn: string,
  orgId: number,
): Promise<number> {
  const {
    rows: [broken],
  } = await db.engine.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM ${ident(key.child)} c WHERE c.${ident(childTenantColumn)} = $1
               AND ${key.childColumns.map((col) => `c.${ident(col)} IS NOT NULL`).join(' AND ')}
               AND NOT EXISTS (SELECT 1 FROM ${ident(key.parent)} p WHERE ${key.childColumns.map((col, i) => `p.${ident(key.parentColumns[i]!)} = c.${ident(col)}`).join(' AND ')})`,
    [orgId],
  );
  return Number(broken!.n);
}

/** E-mails (at most 5) of the organisation's users that a user of another organisation signs in with too. */
export async function emailsSharedWithOtherOrganisations(db: Database, orgId: number): Promise<string[]> {
  const { rows } = await db.engine.query<{ email: string }>(
    'SELECT r.email FROM users r WHERE r.org_id = $1 AND EXISTS (SELECT 1 FROM users o WHERE o.org_id <> $1 AND lower(o.email) = lower(r.email)) ORDER BY r.email LIMIT 5',
    [orgId],
  );
  return rows.map((r) => r.email);
}

/**
 * Ids came in as they were, past the sequences' backs: each identity or serial sequence of the given
 * tables moves to the highest id in the table (over all organisations), never backwards.
 */
export async function moveSequencesPastIds(db: Database, tables: string[]): Promise<void> {
  const { rows } = await db.engine.query<{ table: string; column: string; sequence: string }>(`
    SELECT c.relname AS table, a.attname AS column, s.sequence
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      CROSS JOIN LATERAL (SELECT pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence) s
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND s.sequence IS NOT NULL`);
  for (const r of rows.filter((x) => tables.includes(x.table))) {
    await db.engine.query(
      `SELECT setval($1::regclass, m) FROM (
         SELECT greatest((SELECT max(${ident(r.column)}) FROM ${ident(r.table)}), coalesce(pg_sequence_last_value($1::regclass), 0)) AS m) s
        WHERE m >= 1`,
      [r.sequence],
    );
  }
}
