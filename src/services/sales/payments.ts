import type { Static } from 'typebox';
import type { PaymentCreate, PaymentT, PaymentUpdate } from '../../contract/sales.js';
import { fieldProblem, invalidInput, notFound, type FieldProblem } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import type { Database } from '../../db/database.js';
import { getRecord } from '../../db/queries/records.js';
import { clients, legalEntities, orders, payments } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { definedOnly, isoTimestamp, moneyFieldsIn, throwIfProblems } from '../convert.js';
import { recordService, requireRecord } from '../record-service.js';
import { keepAnalytics } from '../analytics/upkeep.js';
import { assertRecordInScope } from '../access/scope.js';

type Row = typeof payments.$inferSelect;

function toApi(row: Row): PaymentT {
  const { orgId: _org, ...rest } = row;
  return { ...rest, amount: formatMoney(rest.amount), createdAt: isoTimestamp(rest.createdAt) };
}

/**
 * A referenced legal entity or order must belong to the same client as the document itself:
 * a payment of client A cannot settle client B's order.
 */
export async function checkSameClient(
  db: Database,
  actor: Actor,
  clientId: number,
  refs: { legalEntityId?: number | null | undefined; orderId?: number | null | undefined },
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (refs.legalEntityId) {
    const le = await getRecord<{ clientId: number }>(db, legalEntities, actor.orgId, refs.legalEntityId);
    if (!le) throw notFound('legalEntity', refs.legalEntityId);
    if (le.clientId !== clientId) await assertRecordInScope(db, actor, le.clientId, 'legalEntity', refs.legalEntityId); // outside the scope it is missing, not another client's
    if (le.clientId !== clientId)
      problems.push(fieldProblem('legalEntityId', 'otherClient', 'payment.legalEntityOfOtherClient'));
  }
  if (refs.orderId) {
    const o = await getRecord<{ clientId: number }>(db, orders, actor.orgId, refs.orderId);
    if (!o) throw notFound('order', refs.orderId);
    if (o.clientId !== clientId) await assertRecordInScope(db, actor, o.clientId, 'order', refs.orderId);
    if (o.clientId !== clientId) problems.push(fieldProblem('orderId', 'otherClient', 'payment.orderOfOtherClient'));
  }
  if (problems.length) throw invalidInput(problems);
}

export const paymentService = recordService<Row, PaymentT, Static<typeof PaymentCreate>, Static<typeof PaymentUpdate>>({
  title: 'payment',
  table: payments,
  toApi,
  async toValues(db, actor, input, existing) {
    const problems: FieldProblem[] = [];
    const values = moneyFieldsIn(definedOnly(input as Record<string, unknown>), ['amount'], problems);
    if (values.amount === 0) problems.push(fieldProblem('amount', 'zero', 'payment.zero'));
    throwIfProblems(problems);
    const clientId = (values.clientId as number | undefined) ?? existing!.clientId;
    if (values.clientId !== undefined) await requireRecord(db, actor, clients, clientId, 'client');
    await checkSameClient(db, actor, clientId, {
      legalEntityId: 'legalEntityId' in values ? (values.legalEntityId as number | null) : existing?.legalEntityId,
      orderId: 'orderId' in values ? (values.orderId as number | null) : existing?.orderId,
    });
    return values;
  },
  // Payments settle documents (payment discipline) and fill the month's rollup.
  afterWrite: (db, actor, row, previous) =>
    keepAnalytics(db, actor.orgId, {
      clientIds: [row.clientId, previous?.clientId ?? row.clientId],
      days: [row.paymentDate, previous?.paymentDate],
    }),
  clientColumn: payments.clientId,
  dateColumn: payments.paymentDate,
  sortable: { paymentDate: payments.paymentDate, amount: payments.amount, createdAt: payments.createdAt },
  defaultSort: '-paymentDate',
  audit: { entity: 'payment' },
});
