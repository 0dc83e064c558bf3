import type { Database } from '../../database.js';
import { ident } from '../maintenance.js';

/**
 * The organisation's tables as the database itself describes them, so a table a later migration adds
 * is backed up and restored without anyone listing it here.
 */
export type OrganisationTable = {
  name: string;
  /** `id` for the organizations row itself, `org_id` everywhere else. */
  tenantColumn: string;
  /** Columns a backup carries: the stored ones; generated columns are derived again on restore. */
  columns: { name: string; type: string }[];
  /** Generated columns, which COPY may not name. */
  generated: { name: string; type: string }[];
  primaryKey: string[];
};

export type ForeignKey = {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
};

export type Catalog = {
  /** Parents before children, so every row's references are in place when it arrives. */
  tables: OrganisationTable[];
  foreignKeys: ForeignKey[];
};

/**
 * Sign-in secrets of live sessions: a restored organisation signs in again. The kept row counts
 * (org_row_counts): a restore counts its rows again as the triggers see them arrive.
 */
const LEFT_OUT = new Set(['sessions', 'org_row_counts']);

export { ident };

export async function organisationCatalog(db: Database): Promise<Catalog> {
  const { rows: columnRows } = await db.engine.query<{
    table: string;
    column: string;
    type: string;
    generated: boolean;
  }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated <> '' AS generated
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname, a.attnum`);
  const { rows: keyRows } = await db.engine.query<{ table: string; column: string }>(`
    SELECT c.relname AS table, a.attname AS column
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      CROSS JOIN LATERAL unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
     WHERE n.nspname = 'public' AND k.contype = 'p'
     ORDER BY c.relname, u.ord`);
  const { rows: fkRows } = await db.engine.query<{
    name: string;
    child: string;
    parent: string;
    child_column: string;
    parent_column: string;
  }>(`
    SELECT k.conname AS name, c.relname AS child, p.relname AS parent, ca.attname AS child_column, pa.attname AS parent_column
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_class p ON p.oid = k.confrelid
      CROSS JOIN LATERAL unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(child_att, parent_att, ord)
      JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.child_att
      JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.parent_att
     WHERE n.nspname = 'public' AND k.contype = 'f'
     ORDER BY c.relname, k.conname, u.ord`);

  const byTable = new Map<string, OrganisationTable>();
  for (const r of columnRows) {
    let t = byTable.get(r.table);
    if (!t)
      byTable.set(r.table, (t = { name: r.table, tenantColumn: 'org_id', columns: [], generated: [], primaryKey: [] }));
    (r.generated ? t.generated : t.columns).push({ name: r.column, type: r.type });
  }
  for (const r of keyRows) byTable.get(r.table)?.primaryKey.push(r.column);
  const chosen = [...byTable.values()].filter((t) => {
    if (t.name === 'organizations') {
      t.tenantColumn = 'id';
      return true;
    }
    return !LEFT_OUT.has(t.name) && t.columns.some((c) => c.name === 'org_id');
  });
  const names = new Set(chosen.map((t) => t.name));

  const foreignKeys: ForeignKey[] = [];
  for (const r of fkRows) {
    const last = foreignKeys.at(-1);
    if (last && last.name === r.name && last.child === r.child) {
      last.childColumns.push(r.child_column);
      last.parentColumns.push(r.parent_column);
    } else {
      foreignKeys.push({
        name: r.name,
        child: r.child,
        parent: r.parent,
        childColumns: [r.child_column],
        parentColumns: [r.parent_column],
      });
    }
  }
  const between = foreignKeys.filter((k) => names.has(k.child) && names.has(k.parent));
  return { tables: parentsFirst(chosen, between), foreignKeys: foreignKeys.filter((k) => names.has(k.child)) };
}

/** Kahn's order over the foreign keys, alphabetical among equals so two databases agree on it. */
function parentsFirst(tables: OrganisationTable[], keys: ForeignKey[]): OrganisationTable[] {
  // The organisation row leads even where no foreign key says so (api_tokens has none).
  const parents = new Map(
    tables.map((t) => [
      t.name,
      new Set<string>(
        t.tenantColumn === 'org_id' && tables.some((o) => o.name === 'organizations') ? ['organizations'] : [],
      ),
    ]),
  );
  for (const k of keys) if (k.child !== k.parent) parents.get(k.child)!.add(k.parent);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: OrganisationTable[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = [...parents.entries()]
      .filter(([name, ps]) => !placed.has(name) && [...ps].every((p) => placed.has(p)))
      .map(([name]) => name)
      .sort();
    if (ready.length === 0) {
      const stuck = [...parents.keys()].filter((n) => !placed.has(n)).join(', ');
      throw new Error(`The foreign keys between ${stuck} form a cycle; a backup cannot order these tables.`);
    }
    for (const name of ready) {
      placed.add(name);
      ordered.push(byName.get(name)!);
    }
  }
  return ordered;
}

/** The first foreign key whose parent table `order` puts after its child, or null when none does. */
export function misorderedKey(order: string[], keys: ForeignKey[]): ForeignKey | null {
  const position = new Map(order.map((name, i) => [name, i]));
  for (const k of keys) {
    const child = position.get(k.child);
    const parent = position.get(k.parent);
    if (child !== undefined && parent !== undefined && k.child !== k.parent && parent > child) return k;
  }
  return null;
}
