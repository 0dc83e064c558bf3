/**
 * The documents and payments of one client, a page at a time, for the client card: each document with
 * its number of lines and what was paid against it, each payment with the number of the document it pays.
 */
import {
  clientOrderSorts,
  clientPaymentSorts,
  type ClientOrderListQueryT,
  type ClientOrderPageT,
  type ClientPaymentListQueryT,
  type ClientPaymentPageT,
} from '../../contract/sales.js';
import { fieldProblem, type FieldProblem } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import type { Database } from '../../db/database.js';
import { clientOrdersPage, clientPaymentsPage } from '../../db/queries/sales/client-documents.js';
import type { Actor } from '../actor.js';
import { assertClientInScope } from '../access/scope.js';
import { isoTimestamp, throwIfProblems } from '../convert.js';
import { orderToListItem } from './orders.js';

/** "field" / "-field" among `keys`, or the default; any other sort is refused on `sort`. */
function sortOf<K extends string>(
  sort: string | undefined,
  keys: readonly K[],
  fallback: K,
  problems: FieldProblem[],
): { key: K; descending: boolean } {
  if (sort === undefined) return { key: fallback, descending: true };
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  if ((keys as readonly string[]).includes(key)) return { key: key as K, descending };
  problems.push(fieldProblem('sort', 'unknown', 'field.cannotSort', { key }));
  return { key: fallback, descending: true };
}

function periodProblems(query: { from?: string | undefined; to?: string | undefined }): FieldProblem[] {
  return query.from && query.to && query.from > query.to
    ? [fieldProblem('from', 'afterTo', 'field.periodReversed')]
    : [];
}

/** A page of the client's documents, newest first unless sorted otherwise; 404 for a client the actor cannot see. */
export async function findClientOrders(
  db: Database,
  actor: Actor,
  clientId: number,
  query: ClientOrderListQueryT,
): Promise<ClientOrderPageT> {
  const problems = periodProblems(query);
  const sort = sortOf(query.sort, clientOrderSorts, 'orderDate', problems);
  throwIfProblems(problems);
  await assertClientInScope(db, actor, clientId);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { rows, total } = await clientOrdersPage(
    db,
    actor.orgId,
    clientId,
    { from: query.from, to: query.to, status: query.status },
    sort.key,
    { limit: pageSize, offset: (page - 1) * pageSize, descending: sort.descending },
  );
  return {
    items: rows.map((r) => ({
      ...orderToListItem(r.order, r.uncosted),
      lineCount: r.lineCount,
      paid: formatMoney(r.paid),
    })),
    total,
    page,
    pageSize,
  };
}

/** A page of the client's payments, latest first unless sorted otherwise; 404 for a client the actor cannot see. */
export async function findClientPayments(
  db: Database,
  actor: Actor,
  clientId: number,
  query: ClientPaymentListQueryT,
): Promise<ClientPaymentPageT> {
  const problems = periodProblems(query);
  const sort = sortOf(query.sort, clientPaymentSorts, 'paymentDate', problems);
  throwIfProblems(problems);
  await assertClientInScope(db, actor, clientId);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { rows, total, amount } = await clientPaymentsPage(
    db,
    actor.orgId,
    clientId,
    { from: query.from, to: query.to, orderId: query.orderId },
    sort.key,
    { limit: pageSize, offset: (page - 1) * pageSize, descending: sort.descending },
  );
  return {
    items: rows.map(({ payment, orderNumber, orderDate }) => {
      const { orgId: _org, ...rest } = payment;
      return {
        ...rest,
        amount: formatMoney(rest.amount),
        createdAt: isoTimestamp(rest.createdAt),
        orderNumber,
        orderDate,
      };
    }),
    total,
    page,
    pageSize,
    amount: formatMoney(amount),
  };
}
