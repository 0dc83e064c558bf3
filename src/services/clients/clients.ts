import type {
  ClientCreateT,
  ClientFieldValuesQueryT,
  ClientFieldValuesT,
  ClientListQueryT,
  ClientPageT,
  ClientT,
  ClientUpdateT,
} from '../../contract/clients.js';
import { notFound, DomainError, fieldProblem, type FieldProblem } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { refreshClientSearch } from '../../db/queries/client-search.js';
import { claimMonthsOfClients, refreshClaimMonths } from '../../db/queries/claims/summary.js';
import { refreshBaseAnalysis } from '../../db/queries/people/base-analysis.js';
import { refreshSurveyMonths, surveyMonthsOfClients } from '../../db/queries/surveys/trends.js';
import { clientDocumentCounts, clientFieldValues, listClients } from '../../db/queries/clients/clients.js';
import { deleteRecord, getRecord, insertRecord, updateRecord } from '../../db/queries/records.js';
import { clients, users } from '../../db/schema/index.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertClientInScope, assertOwnerChange, ownerOfNewClient, rowScope } from '../access/scope.js';
import { definedOnly, isoTimestamp, moneyFieldsIn, moneyOut, throwIfProblems } from '../convert.js';
import { requireRecord } from '../record-service.js';
import { audit } from '../audit/record.js';
import { keepAnalytics } from '../analytics/upkeep.js';
import { closeLossByHand } from '../losses/won-back.js';

type ClientRow = typeof clients.$inferSelect;
const moneyFields = ['creditLimit', 'typicalTransportCost'] as const;

export function clientToApi(row: ClientRow): ClientT {
  const { orgId: _org, isDemo: _demo, nameKey: _key, ...rest } = row;
  return {
    ...rest,
    creditLimit: moneyOut(rest.creditLimit),
    typicalTransportCost: moneyOut(rest.typicalTransportCost),
    createdAt: isoTimestamp(rest.createdAt),
    updatedAt: isoTimestamp(rest.updatedAt),
  };
}

/**
 * A client's fields as columns, with the problems of the rules that need no database: amounts exact to
 * the kopeck, a category set by hand with its reason, "lost" only through the loss record.
 */
export function checkClientValues(
  input: ClientCreateT | ClientUpdateT,
  existing?: ClientRow,
): { values: Record<string, unknown>; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values = moneyFieldsIn(definedOnly(input), moneyFields, problems);
  // The rule holds for the client as it will be stored, not only for the fields this request names.
  const override = input.categoryOverride !== undefined ? input.categoryOverride : existing?.categoryOverride;
  const reason =
    input.categoryOverrideReason !== undefined ? input.categoryOverrideReason : existing?.categoryOverrideReason;
  if (override && !reason?.trim()) {
    problems.push(fieldProblem('categoryOverrideReason', 'required', 'client.overrideReason'));
  }
  // A client becomes lost only with the record of why (docs/domain.md §9): POST /clients/:id/loss sets the status.
  if (input.status === 'lost' && existing?.status !== 'lost') {
    problems.push(fieldProblem('status', 'useLossForm', 'client.useLossForm'));
  }
  if (Array.isArray(values.tags))
    values.tags = [...new Set((values.tags as string[]).map((t) => t.trim()).filter(Boolean))];
  // The ladder needs the day a client was marked lost (set by the loss record); cleared when the status leaves lost.
  if (values.status !== undefined && values.status !== existing?.status) values.lostOn = null;
  return { values, problems };
}

function clientValues(input: ClientCreateT | ClientUpdateT, existing?: ClientRow): Record<string, unknown> {
  const { values, problems } = checkClientValues(input, existing);
  throwIfProblems(problems);
  return values;
}

/** Creates a client in the actor's organisation. */
export async function createClient(db: Database, actor: Actor, input: ClientCreateT): Promise<ClientT> {
  assertCanWrite(actor);
  input = ownerOfNewClient(actor, input);
  return db.engine.transaction(async () => {
    if (input.ownerUserId) await requireRecord(db, actor, users, input.ownerUserId, 'user');
    const row = await insertRecord<ClientRow>(db, clients, actor.orgId, clientValues(input));
    await refreshClientSearch(db, actor.orgId, [row.id]);
    // Its figures and its row of the base analysis.
    await keepAnalytics(db, actor.orgId, { clientIds: [row.id], days: [] });
    await audit(db, actor, {
      action: 'create',
      entity: 'client',
      entityId: row.id,
      clientId: row.id,
      after: clientToApi(row),
    });
    return clientToApi(row);
  });
}

/**
 * The client's own fields the figures read (db/queries/analytics: the ladder's lost day, the category a
 * person set, the deferral that dates payments due). A change to any other field — notes, phones, the
 * manager — leaves the figures as they are, so it does not pay for their upkeep (issue 17: a note took
 * 25 ms of upkeep under load). The property test in services/analytics/incremental.db.test.ts changes
 * these and the notes and holds the figures to a rebuild.
 */
const figuresRead = [
  'status',
  'lostOn',
  'categoryOverride',
  'paymentDeferralDays',
] as const satisfies readonly (keyof ClientRow)[];

/** The client's own fields its row of the base analysis copies (db/queries/people/base-analysis.ts). */
const baseAnalysisRead = [
  'name',
  'significance',
  'status',
  'ownerUserId',
] as const satisfies readonly (keyof ClientRow)[];

/** Changes the named fields of a client; other fields stay as they are. */
export async function updateClient(db: Database, actor: Actor, id: number, input: ClientUpdateT): Promise<ClientT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const existing = await getRecord<ClientRow>(db, clients, actor.orgId, id, rowScope(actor, clients));
    if (!existing) throw notFound('client', id);
    assertOwnerChange(actor, existing, input.ownerUserId);
    if (input.ownerUserId) await requireRecord(db, actor, users, input.ownerUserId, 'user');
    const row = await updateRecord<ClientRow>(db, clients, actor.orgId, id, clientValues(input, existing));
    if (!row) throw notFound('client', id);
    // Made active again by hand: the open loss is closed as won back today (no order), its lesson kept.
    if (existing.status === 'lost' && row.status !== 'lost')
      await closeLossByHand(db, actor.orgId, id, db.clock.today());
    await refreshClientSearch(db, actor.orgId, [id]);
    // The figures' upkeep renews the client's base analysis too; a change only it reads renews just that.
    if (figuresRead.some((field) => row[field] !== existing[field]))
      await keepAnalytics(db, actor.orgId, { clientIds: [id], days: [] });
    else if (baseAnalysisRead.some((field) => row[field] !== existing[field]))
      await refreshBaseAnalysis(db, { orgId: actor.orgId, clientIds: [id] });
    await audit(db, actor, {
      action: 'update',
      entity: 'client',
      entityId: id,
      clientId: id,
      before: clientToApi(existing),
      after: clientToApi(row),
    });
    return clientToApi(row);
  });
}

export async function getClient(db: Database, actor: Actor, id: number): Promise<ClientT> {
  const row = await getRecord<ClientRow>(db, clients, actor.orgId, id, rowScope(actor, clients));
  if (!row) throw notFound('client', id);
  return clientToApi(row);
}

/** Deletes a client with its legal entities, contacts and interactions; refused while it has orders or payments. */
export async function deleteClient(db: Database, actor: Actor, id: number): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    await assertClientInScope(db, actor, id);
    const documents = await clientDocumentCounts(db, actor.orgId, id);
    if (documents.orders > 0 || documents.payments > 0) {
      throw new DomainError('conflict', 'client.hasDocuments', {
        orders: documents.orders,
        payments: documents.payments,
      });
    }
    const existing = await getRecord<ClientRow>(db, clients, actor.orgId, id);
    // Its claims and survey answers go with it: the months they counted in are tallied again.
    const claimMonths = await claimMonthsOfClients(db, actor.orgId, [id]);
    const surveyMonths = await surveyMonthsOfClients(db, actor.orgId, [id]);
    if (!existing || !(await deleteRecord(db, clients, actor.orgId, id))) throw notFound('client', id);
    await refreshClaimMonths(db, actor.orgId, claimMonths);
    await refreshSurveyMonths(db, actor.orgId, surveyMonths);
    await audit(db, actor, {
      action: 'delete',
      entity: 'client',
      entityId: id,
      clientId: id,
      before: clientToApi(existing),
    });
  });
}

/** The client list: filters, full-text search, sort and a page, with each client's primary requisites. */
export async function findClients(db: Database, actor: Actor, query: ClientListQueryT): Promise<ClientPageT> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { items, total } = await listClients(
    db,
    actor.orgId,
    {
      status: query.status,
      industry: query.industry,
      region: query.region,
      ownerUserId: query.ownerUserId,
      tag: query.tag,
      q: query.q,
      scope: rowScope(actor, clients),
    },
    { page, pageSize, sort: query.sort },
  );
  return {
    items: items.map((r) => ({ ...r, createdAt: isoTimestamp(r.createdAt), updatedAt: isoTimestamp(r.updatedAt) })),
    total,
    page,
    pageSize,
  };
}

/** The regions or industries of the clients the actor sees, with how many clients have each: the list's filter choices. */
export async function findClientFieldValues(
  db: Database,
  actor: Actor,
  query: ClientFieldValuesQueryT,
): Promise<ClientFieldValuesT> {
  const limit = query.max ?? 200;
  const rows = await clientFieldValues(db, actor.orgId, query.field, {
    q: query.q,
    limit,
    scope: rowScope(actor, clients),
  });
  return { field: query.field, values: rows.slice(0, limit), more: rows.length > limit };
}
