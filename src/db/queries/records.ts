import { and, asc, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../database.js';

/** A table keyed by (org_id, id): every entity table but order lines and relations. */
export type TenantTable = PgTable & { orgId: PgColumn; id: PgColumn };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type PageRequest = { page?: number | undefined; pageSize?: number | undefined };

// Drizzle's builders are generic over the concrete table; these functions work on any tenant
// table, so the row type is given by the caller and the builder is used untyped inside.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** A row by id in the organisation; `scope` (services/access/scope rowScope) further limits it to the clients an actor may reach. */
export async function getRecord<Row>(
  db: Database,
  table: TenantTable,
  orgId: number,
  id: number,
  scope?: SQL,
): Promise<Row | undefined> {
  const rows = await (db.orm.select().from(table as any) as any)
    .where(and(eq(table.orgId, orgId), eq(table.id, id), scope))
    .limit(1);
  return rows[0] as Row | undefined;
}

export async function insertRecord<Row>(
  db: Database,
  table: TenantTable,
  orgId: number,
  values: Record<string, unknown>,
): Promise<Row> {
  const rows = await (db.orm.insert(table as any) as any).values({ ...values, orgId }).returning();
  return rows[0] as Row;
}

export async function updateRecord<Row>(
  db: Database,
  table: TenantTable,
  orgId: number,
  id: number,
  values: Record<string, unknown>,
): Promise<Row | undefined> {
  const set = 'updatedAt' in table ? { ...values, updatedAt: sql`now()` } : values;
  const rows = await (db.orm.update(table as any) as any)
    .set(set)
    .where(and(eq(table.orgId, orgId), eq(table.id, id)))
    .returning();
  return rows[0] as Row | undefined;
}

export async function deleteRecord(db: Database, table: TenantTable, orgId: number, id: number): Promise<boolean> {
  const rows = await (db.orm.delete(table as any) as any)
    .where(and(eq(table.orgId, orgId), eq(table.id, id)))
    .returning({ id: table.id });
  return rows.length > 0;
}

/** A page of a tenant's rows with filters; `sort` is "field" or "-field" among `sortable`. */
export async function listRecords<Row>(
  db: Database,
  table: TenantTable,
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
    (db.orm.select().from(table as any) as any)
      .where(where)
      .orderBy(orderBy, asc(table.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    (db.orm.select({ n: count() }).from(table as any) as any).where(where),
  ]);
  return { items: items as Row[], total: Number(totals[0]?.n ?? 0), page, pageSize };
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
