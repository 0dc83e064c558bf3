import type { OrderCreateT, OrderListItemT, OrderT, OrderUpdateT } from '../../contract/sales.js';
import type { costBases } from '../../core/vocabulary.js';
import { fieldProblem, invalidInput, notFound, type FieldProblem } from '../../core/errors.js';
import { formatMoney, lineAmount, parseMoney } from '../../core/money/money.js';
import type { Database } from '../../db/database.js';
import { getRecord, insertRecord, updateRecord, type Page } from '../../db/queries/records.js';
import { clients, orderLines, orders } from '../../db/schema/index.js';
import {
  orderLinesOf,
  ordersWithUncostedLines,
  productPrices,
  replaceOrderLines,
  setOrderLinesClientAndDate,
} from '../../db/queries/sales/orders.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertUserSeesClient, rowScope } from '../access/scope.js';
import { definedOnly, isoTimestamp, moneyFieldsIn, throwIfProblems } from '../convert.js';
import { recordService, requireRecord, type RecordQuery } from '../record-service.js';
import { checkSameClient } from './payments.js';
import { keepAnalytics } from '../analytics/upkeep.js';
import { winBackBuyers } from '../losses/won-back.js';
import { audit } from '../audit/record.js';
import { orderAuditView } from '../audit/views.js';

type OrderRow = typeof orders.$inferSelect;
type LineRow = typeof orderLines.$inferSelect;
type CostBasis = (typeof costBases)[number];

/** An order as the API gives it; its cost and margin are unknown (null) when a line's cost is unknown. */
export function orderToListItem(row: OrderRow, uncosted = false): OrderListItemT {
  const { orgId: _org, ...rest } = row;
  return {
    ...rest,
    logisticsCost: formatMoney(rest.logisticsCost),
    total: formatMoney(rest.total),
    costTotal: uncosted ? null : formatMoney(rest.costTotal),
    margin: uncosted ? null : formatMoney(rest.total - rest.costTotal),
    createdAt: isoTimestamp(rest.createdAt),
    updatedAt: isoTimestamp(rest.updatedAt),
  };
}

async function orderWithLines(db: Database, orgId: number, row: OrderRow): Promise<OrderT> {
  const lines = await orderLinesOf(db, orgId, row.id);
  return {
    ...orderToListItem(
      row,
      lines.some(({ line }) => line.costBasis === 'unknown'),
    ),
    lines: lines.map(({ line, productName, sku }: { line: LineRow; productName: string; sku: string }) => ({
      lineNo: line.lineNo,
      productId: line.productId,
      sku,
      productName,
      quantity: line.quantity,
      price: formatMoney(line.price),
      amount: formatMoney(line.amount),
      // An unknown cost is stored as 0 beside its basis; the API says unknown, not 0.
      unitCost: line.costBasis === 'unknown' ? null : formatMoney(line.unitCost),
      costAmount: line.costBasis === 'unknown' ? null : formatMoney(line.costAmount),
      costBasis: line.costBasis,
    })),
  };
}

/**
 * Prices the lines: price defaults to the product's list price at the time of sale, unit cost to its
 * purchase price when the catalogue has one (cost > 0), else the cost is unknown (kept as 0 with basis
 * 'unknown', left out of margin and profit) — the list price is a selling price, never a cost;
 * amount = round(quantity × price), cost amount = round(quantity × unit cost), in kopecks.
 */
async function priceLines(db: Database, orgId: number, lines: OrderCreateT['lines']) {
  const problems: FieldProblem[] = [];
  const ids = [...new Set(lines.map((l) => l.productId))];
  const found = await productPrices(db, orgId, ids);
  const byId = new Map(found.map((p) => [p.id, p]));
  const priced = lines.map((l, i) => {
    const product = byId.get(l.productId);
    if (!product)
      problems.push(fieldProblem(`lines/${i}/productId`, 'notFound', 'order.productMissing', { id: l.productId }));
    const quantity = String(l.quantity);
    if (!/^-?\d{1,10}(\.\d{1,3})?$/.test(quantity) || Number(quantity) === 0) {
      problems.push(fieldProblem(`lines/${i}/quantity`, 'quantity', 'order.quantity'));
    }
    const price = l.price === undefined ? (product?.listPrice ?? 0) : parseMoney(l.price);
    const listPrice = product?.listPrice ?? null;
    const catalogue = product !== undefined && product.cost > 0;
    const costBasis: CostBasis = l.unitCost !== undefined ? 'document' : catalogue ? 'catalogue' : 'unknown';
    const unitCost = l.unitCost === undefined ? (catalogue ? product.cost : 0) : parseMoney(l.unitCost);
    if (price === null || price < 0)
      problems.push(fieldProblem(`lines/${i}/price`, 'money', 'order.amountNonNegative'));
    if (unitCost === null || unitCost < 0)
      problems.push(fieldProblem(`lines/${i}/unitCost`, 'money', 'order.amountNonNegative'));
    return { productId: l.productId, quantity, price: price ?? 0, unitCost: unitCost ?? 0, costBasis, listPrice };
  });
  throwIfProblems(problems);
  const amounts = priced.map((l, i) => ({
    ...l,
    lineNo: i + 1,
    amount: lineAmount(l.quantity, l.price),
    costAmount: lineAmount(l.quantity, l.unitCost),
  }));
  throwIfProblems(amountLimitProblems(amounts));
  return amounts;
}

/** The largest amount the API can state (13 digits of roubles, see contract Money), in kopecks. */
const MAX_KOPECKS = 999_999_999_999_999;

/** Lines and totals past what an amount can hold (quantity × price of 10^10 × 10^13) are refused, not overflowed. */
function amountLimitProblems(lines: { amount: number; costAmount: number }[]): FieldProblem[] {
  const tooLarge = (field: string): FieldProblem => fieldProblem(field, 'too_large', 'order.amountTooLarge');
  const problems = lines.flatMap((l, i) =>
    Math.abs(l.amount) > MAX_KOPECKS || Math.abs(l.costAmount) > MAX_KOPECKS ? [tooLarge(`lines/${i}/quantity`)] : [],
  );
  const total = (k: 'amount' | 'costAmount') => Math.abs(lines.reduce((s, l) => s + l[k], 0));
  if (!problems.length && (total('amount') > MAX_KOPECKS || total('costAmount') > MAX_KOPECKS))
    problems.push(tooLarge('lines'));
  return problems;
}

async function writeLines(
  db: Database,
  orgId: number,
  order: OrderRow,
  lines: Awaited<ReturnType<typeof priceLines>>,
): Promise<OrderRow> {
  await replaceOrderLines(
    db,
    orgId,
    order.id,
    lines.map((l) => ({ ...l, clientId: order.clientId, orderDate: order.orderDate })),
  );
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const costTotal = lines.reduce((s, l) => s + l.costAmount, 0);
  return (await updateRecord<OrderRow>(db, orders, orgId, order.id, { total, costTotal }))!;
}

async function headerValues(db: Database, actor: Actor, input: OrderCreateT | OrderUpdateT, existing?: OrderRow) {
  const problems: FieldProblem[] = [];
  const { lines: _lines, ...header } = input;
  const values = moneyFieldsIn(definedOnly(header as Record<string, unknown>), ['logisticsCost'], problems);
  if (typeof values.logisticsCost === 'number' && values.logisticsCost < 0)
    problems.push(fieldProblem('logisticsCost', 'negative', 'field.negative'));
  const orderDate = (values.orderDate as string | undefined) ?? existing?.orderDate;
  const due = 'paymentDueDate' in values ? (values.paymentDueDate as string | null) : existing?.paymentDueDate;
  if (due && orderDate && due < orderDate)
    problems.push(fieldProblem('paymentDueDate', 'beforeOrder', 'order.dueBeforeOrder'));
  throwIfProblems(problems);
  const clientId = (values.clientId as number | undefined) ?? existing!.clientId;
  if (values.clientId !== undefined) await requireRecord(db, actor, clients, clientId, 'client');
  if (typeof values.managerUserId === 'number')
    await assertUserSeesClient(db, actor.orgId, values.managerUserId, clientId, 'managerUserId');
  await checkSameClient(db, actor, clientId, {
    legalEntityId: 'legalEntityId' in values ? (values.legalEntityId as number | null) : existing?.legalEntityId,
  });
  return values;
}

/** Creates a sales document with its lines and totals in one transaction. */
export async function createOrder(db: Database, actor: Actor, input: OrderCreateT): Promise<OrderT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const values = await headerValues(db, actor, input);
    const lines = await priceLines(db, actor.orgId, input.lines);
    const row = await writeLines(
      db,
      actor.orgId,
      await insertRecord<OrderRow>(db, orders, actor.orgId, {
        ...values,
        managerUserId: values.managerUserId ?? actor.userId,
      }),
      lines,
    );
    // A lost client buying again is won back; its ladder history changes from the day it was lost.
    const lostDays = await winBackBuyers(db, actor.orgId, [row.clientId]);
    await keepAnalytics(db, actor.orgId, { clientIds: [row.clientId], days: [row.orderDate, ...lostDays] });
    await audit(db, actor, {
      action: 'create',
      entity: 'order',
      entityId: row.id,
      clientId: row.clientId,
      after: await orderAuditView(db, actor.orgId, orderToListItem(row)),
    });
    return orderWithLines(db, actor.orgId, row);
  });
}

/** Changes an order; given `lines`, they replace the old ones and the totals are recomputed. */
export async function updateOrder(db: Database, actor: Actor, id: number, input: OrderUpdateT): Promise<OrderT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const existing = await getRecord<OrderRow>(db, orders, actor.orgId, id, rowScope(actor, orders));
    if (!existing) throw notFound('order', id);
    const before = await orderAuditView(db, actor.orgId, orderToListItem(existing));
    const values = await headerValues(db, actor, input, existing);
    let row = (await updateRecord<OrderRow>(db, orders, actor.orgId, id, values))!;
    if (input.lines) row = await writeLines(db, actor.orgId, row, await priceLines(db, actor.orgId, input.lines));
    else if (values.clientId !== undefined || values.orderDate !== undefined) {
      // Lines repeat the order's client and date for analytics; keep them in step.
      await setOrderLinesClientAndDate(db, actor.orgId, id, row);
    }
    const lostDays = await winBackBuyers(db, actor.orgId, [row.clientId]);
    await keepAnalytics(db, actor.orgId, {
      clientIds: [existing.clientId, row.clientId],
      days: [existing.orderDate, row.orderDate, ...lostDays],
    });
    await audit(db, actor, {
      action: 'update',
      entity: 'order',
      entityId: id,
      clientId: row.clientId,
      before,
      after: await orderAuditView(db, actor.orgId, orderToListItem(row)),
    });
    return orderWithLines(db, actor.orgId, row);
  });
}

export async function getOrder(db: Database, actor: Actor, id: number): Promise<OrderT> {
  const row = await getRecord<OrderRow>(db, orders, actor.orgId, id, rowScope(actor, orders));
  if (!row) throw notFound('order', id);
  return orderWithLines(db, actor.orgId, row);
}

const listing = recordService<OrderRow, OrderListItemT, never, never>({
  title: 'order',
  table: orders,
  toApi: (row) => orderToListItem(row),
  toValues: () => Promise.reject(invalidInput([])),
  clientColumn: orders.clientId,
  dateColumn: orders.orderDate,
  sortable: { orderDate: orders.orderDate, number: orders.number, total: orders.total, status: orders.status },
  defaultSort: '-orderDate',
});

/** A page of orders; those with a line of unknown cost answer cost and margin as unknown (one query for the page). */
export async function findOrders(db: Database, actor: Actor, query: RecordQuery): Promise<Page<OrderListItemT>> {
  const page = await listing.find(db, actor, query);
  if (page.items.length === 0) return page;
  const uncosted = await ordersWithUncostedLines(
    db,
    actor.orgId,
    page.items.map((o) => o.id),
  );
  return { ...page, items: page.items.map((o) => (uncosted.has(o.id) ? { ...o, costTotal: null, margin: null } : o)) };
}
/** Deletes an order with its lines; payments against it stay, no longer linked to it. */
export async function deleteOrder(db: Database, actor: Actor, id: number): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    const existing = await getRecord<OrderRow>(db, orders, actor.orgId, id);
    const before = existing && (await orderAuditView(db, actor.orgId, orderToListItem(existing)));
    await listing.remove(db, actor, id);
    await audit(db, actor, { action: 'delete', entity: 'order', entityId: id, clientId: existing!.clientId, before });
    await keepAnalytics(db, actor.orgId, { clientIds: [existing!.clientId], days: [existing!.orderDate] });
  });
}
