import { and, asc, count, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import type { orderStatuses } from '../../../core/vocabulary.js';
import type { Word } from '../../schema/columns.js';
import { orders, payments } from '../../schema/index.js';

/** One client's documents or payments, a page at a time (the client is checked by the caller). */
type Window = { limit: number; offset: number; descending: boolean };

export type ClientOrderSort = 'orderDate' | 'number' | 'status' | 'total' | 'paymentDueDate';
export type ClientOrderFilter = {
  from?: string | undefined;
  to?: string | undefined;
  status?: Word<typeof orderStatuses> | undefined;
};

/** Ties break by id in the same direction, so a page boundary never repeats or skips a document. */
function orderSort(sort: ClientOrderSort, descending: boolean): SQL[] {
  const dir = descending ? desc : asc;
  switch (sort) {
    case 'orderDate':
      return [dir(orders.orderDate), dir(orders.id)];
    case 'number':
      return [dir(orders.number), dir(orders.id)];
    case 'status':
      // Within a status, the newest first.
      return [dir(orders.status), desc(orders.orderDate), desc(orders.id)];
    case 'total':
      return [dir(orders.total), dir(orders.id)];
    case 'paymentDueDate':
      // Documents without a due date last either way.
      return [sql`${orders.paymentDueDate} ${sql.raw(descending ? 'DESC' : 'ASC')} NULLS LAST`, dir(orders.id)];
  }
}

/**
 * A page of one client's documents (index orders_client_date_idx), each with its number of lines,
 * whether a line's cost is unknown, and the sum of the payments made against it (index payments_order_idx).
 */
export async function clientOrdersPage(
  db: Database,
  orgId: number,
  clientId: number,
  filter: ClientOrderFilter,
  sort: ClientOrderSort,
  window: Window,
) {
  const where = and(
    eq(orders.orgId, orgId),
    eq(orders.clientId, clientId),
    filter.from ? gte(orders.orderDate, filter.from) : undefined,
    filter.to ? lte(orders.orderDate, filter.to) : undefined,
    filter.status ? eq(orders.status, filter.status) : undefined,
  );
  // The subqueries name the outer table in full: Drizzle leaves a single table's columns unqualified,
  // where `id` would be the payment's own.
  const [rows, totals] = await Promise.all([
    db.orm
      .select({
        order: orders,
        lineCount: sql<number>`(SELECT count(*) FROM order_lines l WHERE l.org_id = orders.org_id AND l.order_id = orders.id)`,
        uncosted: sql<boolean>`EXISTS (SELECT 1 FROM order_lines l WHERE l.org_id = orders.org_id AND l.order_id = orders.id AND l.cost_basis = 'unknown')`,
        paid: sql<number>`(SELECT coalesce(sum(p.amount), 0)::bigint FROM payments p WHERE p.org_id = orders.org_id AND p.order_id = orders.id)`,
      })
      .from(orders)
      .where(where)
      .orderBy(...orderSort(sort, window.descending))
      .limit(window.limit)
      .offset(window.offset),
    db.orm.select({ n: count() }).from(orders).where(where),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, lineCount: Number(r.lineCount), paid: Number(r.paid) })),
    total: Number(totals[0]?.n ?? 0),
  };
}

export type ClientPaymentSort = 'paymentDate' | 'amount';
export type ClientPaymentFilter = {
  from?: string | undefined;
  to?: string | undefined;
  /** Only the payments against this document; 'none': those against no document. */
  orderId?: number | 'none' | undefined;
};

/**
 * A page of one client's payments (index payments_client_date_idx), each with the number and date of
 * the document it pays, when it pays one.
 */
export async function clientPaymentsPage(
  db: Database,
  orgId: number,
  clientId: number,
  filter: ClientPaymentFilter,
  sort: ClientPaymentSort,
  window: Window,
) {
  const dir = window.descending ? desc : asc;
  const where = and(
    eq(payments.orgId, orgId),
    eq(payments.clientId, clientId),
    filter.from ? gte(payments.paymentDate, filter.from) : undefined,
    filter.to ? lte(payments.paymentDate, filter.to) : undefined,
    filter.orderId === 'none'
      ? isNull(payments.orderId)
      : filter.orderId !== undefined
        ? eq(payments.orderId, filter.orderId)
        : undefined,
  );
  const [rows, totals] = await Promise.all([
    db.orm
      .select({ payment: payments, orderNumber: orders.number, orderDate: orders.orderDate })
      .from(payments)
      .leftJoin(orders, and(eq(orders.orgId, payments.orgId), eq(orders.id, payments.orderId)))
      .where(where)
      .orderBy(
        ...(sort === 'amount'
          ? [dir(payments.amount), dir(payments.paymentDate), dir(payments.id)]
          : [dir(payments.paymentDate), dir(payments.id)]),
      )
      .limit(window.limit)
      .offset(window.offset),
    db.orm
      .select({ n: count(), amount: sql<number>`coalesce(sum(${payments.amount}), 0)::bigint` })
      .from(payments)
      .where(where),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0), amount: Number(totals[0]?.amount ?? 0) };
}
