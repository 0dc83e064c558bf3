import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { orderLines, products } from '../../schema/index.js';

/** The order's lines in line order, each with its product's name and article code. */
export async function orderLinesOf(db: Database, orgId: number, orderId: number) {
  return db.orm
    .select({ line: orderLines, productName: products.name, sku: products.sku })
    .from(orderLines)
    .innerJoin(products, and(eq(products.orgId, orderLines.orgId), eq(products.id, orderLines.productId)))
    .where(and(eq(orderLines.orgId, orgId), eq(orderLines.orderId, orderId)))
    .orderBy(asc(orderLines.lineNo));
}

/** The list price and purchase cost of these products (those that exist in the organisation). */
export async function productPrices(db: Database, orgId: number, ids: number[]) {
  return db.orm
    .select({ id: products.id, listPrice: products.listPrice, cost: products.cost })
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.id, ids)));
}

/** Replaces the order's lines. */
export async function replaceOrderLines(
  db: Database,
  orgId: number,
  orderId: number,
  lines: Omit<typeof orderLines.$inferInsert, 'orgId' | 'orderId'>[],
): Promise<void> {
  await db.orm.delete(orderLines).where(and(eq(orderLines.orgId, orgId), eq(orderLines.orderId, orderId)));
  await db.orm.insert(orderLines).values(lines.map((l) => ({ ...l, orgId, orderId })));
}

/** Lines repeat their order's client and date for analytics: keeps them in step with the order. */
export async function setOrderLinesClientAndDate(
  db: Database,
  orgId: number,
  orderId: number,
  order: { clientId: number; orderDate: string },
): Promise<void> {
  await db.orm
    .update(orderLines)
    .set({ clientId: order.clientId, orderDate: order.orderDate })
    .where(and(eq(orderLines.orgId, orgId), eq(orderLines.orderId, orderId)));
}

/** Which of these orders have a line of unknown cost. */
export async function ordersWithUncostedLines(db: Database, orgId: number, orderIds: number[]): Promise<Set<number>> {
  const { rows } = await db.engine.query<{ order_id: number }>(
    "SELECT DISTINCT order_id FROM order_lines WHERE org_id = $1 AND order_id = ANY($2::bigint[]) AND cost_basis = 'unknown'",
    [orgId, `{${orderIds.join(',')}}`],
  );
  return new Set(rows.map((r) => Number(r.order_id)));
}
