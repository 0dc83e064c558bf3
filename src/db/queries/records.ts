import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../database.js';

/** A table keyed by (org_id, id): every entity table but order lines and relations. */
export type TenantTable = PgTable & { orgId: PgColumn; id: PgColumn };

/**
 * A tenant table whose rows are (at least) `Row`. These functions serve every tenant table, so Drizzle
 * types their statements by the base table (a row is a record of unknown values); the caller's `Row`
 * is held to the table's own row type here, and the rows read are given that type.
 */
export type TenantTableOf<Row> = TenantTable & { $inferSelect: Row };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type PageRequest = { page?: number | undefined; pageSize?: number | undefined };

/** A row by id in the organisation; `scope` (services/access/scope rowScope) further limits it to the clients an actor may reach. */
export async function getRecord<Row>(
  db: Database,
  table: TenantTableOf<Row>,
  orgId: number,
  id: number,
  scope?: SQL,
): Promise<Row | undefined> {
  const rows = await db.orm
    .select()
    .from(table)
    .where(and(eq(table.orgId, orgId), eq(table.id, id), scope))
    .limit(1);
  return rows[0] as Row | undefined; // a row of `table` (see TenantTableOf)
}

export async function insertRecord<Row>(
  db: Database,
  table: TenantTableOf<Row>,
  orgId: number,
  values: Record<string, unknown>,
): Promise<Row> {
  const rows = await db.orm
    .insert(table)
    .values({ ...values, orgId })
    .returning();
  return rows[0] as Row; // a row of `table` (see TenantTableOf)
}

export async function updateRecord<Row>(
  db: Database,
  table: TenantTableOf<Row>,
  orgId: number,
  id: number,
  values: Record<string, unknown>,
): Promise<Row | undefined> {
  const set = 'updatedAt' in table ? { ...values, updatedAt: sql`now()` } : values;
  const rows = await db.orm
    .update(table)
    .set(set)
    .where(and(eq(table.orgId, orgId), eq(table.id, id)))
    .returning();
  return rows[0] as Row | undefined; // a row of `table` (see TenantTableOf)
}

export async function deleteRecord(db: Database, table: TenantTable, orgId: number, id: number): Promise<boolean> {
  const rows = await db.orm
    .delete(table)
    .where(and(eq(table.orgId, orgId), eq(table.id, id)))
    .returning({ id: table.id });
  return rows.length > 0;
}

/** A page of a tenant's rows with filters; `sort` is "field" or "-field" among `sortable`. */
export async function listRecords<Row>(
  db: Database,
  table: TenantTableOf<Row>,
  options: PageRequest & {
    orgId: number;
    where?: (SQL | undefined)[];
    sort?: string | undefined;
    sortable: Record<string, PgColumn>;
    defaultSort: string;
  },
): Promise<Page<Row>> {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? 50;
  const where = and(eq(table.orgId, options.orgId), ...(options.where ?? []));
  const orderBy = sortOrder(options.sort ?? options.defaultSort, options.sortable, options.defaultSort);
  const [items, totals] = await Promise.all([
    db.orm
      .select()
      .from(table)
      .where(where)
      .orderBy(orderBy, asc(table.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.orm.select({ n: count() }).from(table).where(where),
  ]);
  return { items: items as Row[], total: Number(totals[0]?.n ?? 0), page, pageSize }; // rows of `table` (see TenantTableOf)
}

/** The ORDER BY for "field" / "-field"; unknown fields fall back to the default. */
export function sortOrder(sort: string, sortable: Record<string, PgColumn>, fallback: string): SQL {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  // Own fields only: "__proto__" or "constructor" must not find Object's own members.
  const column = Object.hasOwn(sortable, field) ? sortable[field] : undefined;
  if (!column) return sortOrder(fallback, sortable, fallback);
  return descending ? desc(column) : asc(column);
}
