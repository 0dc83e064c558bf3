import type { Static } from 'typebox';
import type { InteractionCreate, InteractionT, InteractionUpdate } from '../../contract/sales.js';
import { fieldProblem, invalidInput, type FieldProblem } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import { getRecord } from '../../db/queries/records.js';
import { clients, contacts, interactions } from '../../db/schema/index.js';
import { definedOnly, isoTimestamp, moneyFieldsIn, throwIfProblems } from '../convert.js';
import { recordService, requireRecord } from '../record-service.js';
import { keepAnalytics } from '../analytics/upkeep.js';
import { assertRecordInScope, assertUserSeesClient } from '../access/scope.js';

type Row = typeof interactions.$inferSelect;

/** The UTC day of a stored timestamp (rollups are by UTC month). */
const utcDay = (timestamp: string) => isoTimestamp(timestamp).slice(0, 10);

function toApi(row: Row): InteractionT {
  const { orgId: _org, ...rest } = row;
  return {
    ...rest,
    moneySpent: formatMoney(rest.moneySpent),
    occurredAt: isoTimestamp(rest.occurredAt),
    createdAt: isoTimestamp(rest.createdAt),
  };
}

/** Calls, meetings, receptions, gifts…: the manager time and relationship spend behind cost to serve. */
export const interactionService = recordService<
  Row,
  InteractionT,
  Static<typeof InteractionCreate>,
  Static<typeof InteractionUpdate>
>({
  title: 'interaction',
  table: interactions,
  toApi,
  async toValues(db, actor, input, existing) {
    const problems: FieldProblem[] = [];
    const values = moneyFieldsIn(definedOnly(input as Record<string, unknown>), ['moneySpent'], problems);
    if (typeof values.moneySpent === 'number' && values.moneySpent < 0)
      problems.push(fieldProblem('moneySpent', 'negative', 'field.negative'));
    throwIfProblems(problems);
    if (!existing && values.userId === undefined) values.userId = actor.userId;
    const clientId = (values.clientId as number | undefined) ?? existing!.clientId;
    if (values.clientId !== undefined) await requireRecord(db, actor, clients, clientId, 'client');
    if (typeof values.userId === 'number')
      await assertUserSeesClient(db, actor.orgId, values.userId, clientId, 'userId');
    const contactId = 'contactId' in values ? (values.contactId as number | null) : existing?.contactId;
    if (contactId) {
      const c = await getRecord<{ clientId: number }>(db, contacts, actor.orgId, contactId);
      if (!c) await requireRecord(db, actor, contacts, contactId, 'contact');
      else if (c.clientId !== clientId) {
        await assertRecordInScope(db, actor, c.clientId, 'contact', contactId); // outside the scope it is missing, not another client's
        throw invalidInput([fieldProblem('contactId', 'otherClient', 'field.contactOfOtherClient')]);
      }
    }
    return values;
  },
  // Manager minutes and relationship spend feed the client's cost to serve; interactions move prospects up the ladder.
  afterWrite: (db, actor, row, previous) =>
    keepAnalytics(db, actor.orgId, {
      clientIds: [row.clientId, previous?.clientId ?? row.clientId],
      days: [utcDay(row.occurredAt), previous ? utcDay(previous.occurredAt) : undefined],
    }),
  clientColumn: interactions.clientId,
  dateColumn: interactions.occurredAt,
  sortable: {
    occurredAt: interactions.occurredAt,
    kind: interactions.kind,
    durationMinutes: interactions.durationMinutes,
    moneySpent: interactions.moneySpent,
  },
  defaultSort: '-occurredAt',
  audit: { entity: 'interaction' },
});
