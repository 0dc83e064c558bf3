import type {
  ClaimCreateT,
  ClaimDetailT,
  ClaimEventT,
  ClaimListQueryT,
  ClaimPageT,
  ClaimSummaryQueryT,
  ClaimSummaryT,
  ClaimT,
  ClaimTransitionT,
  ClaimUpdateT,
} from '../../contract/claims.js';
import { toDay } from '../../core/calendar/dates.js';
import {
  canMoveClaim,
  daysToResolve,
  defaultClaimDueOn,
  isClaimOverdue,
  needsResolution,
} from '../../core/claims/claims.js';
import { DomainError, fieldProblem, invalidInput, notFound, type FieldProblem } from '../../core/errors.js';
import { claimCategories, claimStatuses, claimTypes } from '../../core/vocabulary.js';
import type { Database } from '../../db/database.js';
import {
  claimHistory,
  getClaimRow,
  insertClaimEvent,
  listClaims,
  lockClaimStatus,
  type ClaimEventRow,
  type ClaimRow,
} from '../../db/queries/claims/claims.js';
import {
  claimMonthsOf,
  claimSummaryRows,
  oldestOverdueClaimIds,
  refreshClaimMonths,
} from '../../db/queries/claims/summary.js';
import { deleteRecord, getRecord, insertRecord, updateRecord } from '../../db/queries/records.js';
import { claims, clients, contacts, orders, users } from '../../db/schema/index.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertRecordInScope, assertUserSeesClient, clientScope, rowScope } from '../access/scope.js';
import { isoTimestamp, throwIfProblems } from '../convert.js';
import { audit } from '../audit/record.js';

// Claims and wishes of clients (the card of claims and wishes of docs/domain.md §9): recorded with a deadline from
// their severity, moved through their workflow with a line of history for each step, and summed up
// across the company or for one client. "Today" is the database's clock (core/clock.ts), the one the analytics count from.

type StoredClaim = typeof claims.$inferSelect;

function toApi(row: ClaimRow, today: string): ClaimT {
  return {
    ...row,
    overdue: isClaimOverdue({ status: row.status, dueOn: row.dueOn }, today),
    daysToResolve: daysToResolve(row.receivedOn, row.resolvedOn),
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

const eventToApi = (e: ClaimEventRow): ClaimEventT => ({
  ...e,
  at: isoTimestamp(e.at),
});

async function detail(db: Database, actor: Actor, id: number): Promise<ClaimDetailT> {
  const row = await getClaimRow(db, actor.orgId, id);
  if (!row) throw notFound('claim', id);
  await assertRecordInScope(db, actor, row.clientId, 'claim', id);
  const history = await claimHistory(db, actor.orgId, id);
  return { ...toApi(row, db.clock.today()), history: history.map(eventToApi) };
}

/** Free text as stored: trimmed, empty → null. */
const textOrNull = (v: string | null | undefined): string | null =>
  v === null || v === undefined || v.trim() === '' ? null : v.trim();

/**
 * The column values of a claim as it will be stored, checked as a whole: received not in the future,
 * due not before received, a subject that is more than spaces, and the contact, order and responsible
 * person all of this client and this organisation. `existing` is set on update (only named fields change).
 */
async function claimValues(
  db: Database,
  actor: Actor,
  clientId: number,
  input: ClaimCreateT | ClaimUpdateT,
  existing?: StoredClaim,
): Promise<Record<string, unknown>> {
  const today = db.clock.today();
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const key of ['type', 'category', 'severity'] as const) if (input[key] !== undefined) values[key] = input[key];

  const receivedOn = input.receivedOn ?? existing?.receivedOn ?? today;
  if (input.receivedOn !== undefined || !existing) values.receivedOn = receivedOn;
  if (receivedOn > today) problems.push(fieldProblem('receivedOn', 'future', 'field.cannotBeFuture'));
  if (existing?.resolvedOn && receivedOn > existing.resolvedOn) {
    problems.push(fieldProblem('receivedOn', 'afterResolved', 'claim.afterResolved'));
  }

  if (input.subject !== undefined) {
    values.subject = input.subject.trim();
    if (values.subject === '') problems.push(fieldProblem('subject', 'required', 'claim.subjectEmpty'));
  }
  if (input.description !== undefined) values.description = textOrNull(input.description);

  // The deadline: given, or the severity's default; on update a default deadline follows a new
  // severity or receipt date, while a deadline set by hand stays.
  // A new claim has its severity (ClaimCreate requires it); a change keeps the stored one unless it names another.
  const severity = (input.severity ?? existing?.severity)!;
  if (input.dueOn !== undefined) values.dueOn = input.dueOn;
  else if (!existing) values.dueOn = defaultClaimDueOn(receivedOn, severity);
  else if (
    (input.severity !== undefined || input.receivedOn !== undefined) &&
    existing.dueOn === defaultClaimDueOn(existing.receivedOn, existing.severity)
  )
    values.dueOn = defaultClaimDueOn(receivedOn, severity);
  const dueOn = (values.dueOn as string | undefined) ?? existing!.dueOn;
  if (dueOn < receivedOn) problems.push(fieldProblem('dueOn', 'beforeReceived', 'claim.dueBeforeReceived'));

  if (input.contactId !== undefined) values.contactId = input.contactId;
  if (input.contactId) {
    // Looked up within the actor's scope: a contact of a client the actor cannot see reads as unknown, not as another client's.
    const contact = await getRecord<{ clientId: number }>(
      db,
      contacts,
      actor.orgId,
      input.contactId,
      rowScope(actor, contacts),
    );
    if (!contact) problems.push(fieldProblem('contactId', 'unknown', 'claim.contactUnknown'));
    else if (contact.clientId !== clientId)
      problems.push(fieldProblem('contactId', 'otherClient', 'field.contactOfOtherClient'));
  }
  if (input.orderId !== undefined) values.orderId = input.orderId;
  if (input.orderId) {
    const order = await getRecord<{ clientId: number }>(
      db,
      orders,
      actor.orgId,
      input.orderId,
      rowScope(actor, orders),
    );
    if (!order) problems.push(fieldProblem('orderId', 'unknown', 'claim.orderUnknown'));
    else if (order.clientId !== clientId)
      problems.push(fieldProblem('orderId', 'otherClient', 'claim.orderOfOtherClient'));
  }
  if (input.responsibleUserId !== undefined) values.responsibleUserId = input.responsibleUserId;
  if (input.responsibleUserId) {
    const user = await getRecord<{ disabledAt: string | null }>(db, users, actor.orgId, input.responsibleUserId);
    if (!user) problems.push(fieldProblem('responsibleUserId', 'unknown', 'claim.userUnknown'));
    else if (user.disabledAt) problems.push(fieldProblem('responsibleUserId', 'disabled', 'share.disabled'));
  }
  throwIfProblems(problems);
  if (input.responsibleUserId)
    await assertUserSeesClient(db, actor.orgId, input.responsibleUserId, clientId, 'responsibleUserId');
  return values;
}

/** Records a claim or wish; it starts as "new", and the first line of its history says who recorded it. */
export async function createClaim(db: Database, actor: Actor, input: ClaimCreateT): Promise<ClaimDetailT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const client = await getRecord<{ ownerUserId: number | null }>(
      db,
      clients,
      actor.orgId,
      input.clientId,
      rowScope(actor, clients),
    );
    if (!client) throw notFound('client', input.clientId);
    const values = await claimValues(db, actor, input.clientId, input);
    // Whoever manages the client answers for its claims unless someone else is named; else who recorded it.
    if (input.responsibleUserId === undefined) values.responsibleUserId = client.ownerUserId ?? actor.userId;
    const row = await insertRecord<StoredClaim>(db, claims, actor.orgId, {
      ...values,
      clientId: input.clientId,
      status: 'new',
      createdBy: actor.userId,
    });
    await insertClaimEvent(db, actor.orgId, {
      claimId: row.id,
      fromStatus: null,
      toStatus: 'new',
      userId: actor.userId,
      note: null,
    });
    await refreshClaimMonths(db, actor.orgId, claimMonthsOf(row));
    await audit(db, actor, { action: 'create', entity: 'claim', entityId: row.id, clientId: row.clientId, after: row });
    return detail(db, actor, row.id);
  });
}

/** Changes the named fields; the status moves only through transitionClaim. */
export async function updateClaim(db: Database, actor: Actor, id: number, input: ClaimUpdateT): Promise<ClaimDetailT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const existing = await getRecord<StoredClaim>(db, claims, actor.orgId, id, rowScope(actor, claims));
    if (!existing) throw notFound('claim', id);
    const values = await claimValues(db, actor, existing.clientId, input, existing);
    const row = await updateRecord<StoredClaim>(db, claims, actor.orgId, id, values);
    if (!row) throw notFound('claim', id);
    await refreshClaimMonths(db, actor.orgId, claimMonthsOf(existing, row));
    await audit(db, actor, {
      action: 'update',
      entity: 'claim',
      entityId: id,
      clientId: row.clientId,
      before: existing,
      after: row,
    });
    return detail(db, actor, id);
  });
}

export const getClaim = (db: Database, actor: Actor, id: number): Promise<ClaimDetailT> => detail(db, actor, id);

export async function deleteClaim(db: Database, actor: Actor, id: number): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    const existing = await getRecord<StoredClaim>(db, claims, actor.orgId, id, rowScope(actor, claims));
    if (!existing || !(await deleteRecord(db, claims, actor.orgId, id))) throw notFound('claim', id);
    await refreshClaimMonths(db, actor.orgId, claimMonthsOf(existing));
    await audit(db, actor, {
      action: 'delete',
      entity: 'claim',
      entityId: id,
      clientId: existing.clientId,
      before: existing,
    });
  });
}

export async function findClaims(db: Database, actor: Actor, query: ClaimListQueryT): Promise<ClaimPageT> {
  const today = db.clock.today();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { items, total } = await listClaims(db, {
    orgId: actor.orgId,
    today,
    page,
    pageSize,
    sort: query.sort,
    scope: clientScope(actor),
    clientId: query.clientId,
    statuses: query.status ? [...new Set(query.status.split(','))] : undefined,
    type: query.type,
    category: query.category,
    severity: query.severity,
    responsibleUserId: query.responsibleUserId,
    overdue: query.overdue,
    q: query.q?.trim() || undefined,
    from: query.from,
    to: query.to,
  });
  return { items: items.map((r) => toApi(r, today)), total, page, pageSize };
}

/**
 * Moves a claim along its workflow (core/claims claimTransitions). Resolving or rejecting needs the
 * resolution and sets resolvedOn to today; reopening clears resolvedOn (the last resolution stays, for
 * the context, until a new one replaces it). Taking a claim nobody answers for makes the actor
 * responsible. Each step adds a line of history with who and the note (or the resolution).
 */
export async function transitionClaim(
  db: Database,
  actor: Actor,
  id: number,
  input: ClaimTransitionT,
): Promise<ClaimDetailT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const from = await lockClaimStatus(db, actor.orgId, id);
    if (!from || !(await getRecord(db, claims, actor.orgId, id, rowScope(actor, claims)))) throw notFound('claim', id);
    const to = input.to;
    if (!canMoveClaim(from, to)) {
      throw new DomainError('conflict', 'claim.cannotMove', { from, to }, [
        fieldProblem('to', 'transition', 'claim.cannotMoveField', { from, to }),
      ]);
    }
    const resolution = textOrNull(input.resolution);
    const closing = needsResolution(to);
    if (closing && !resolution) {
      throw invalidInput([fieldProblem('resolution', 'required', 'claim.resolutionRequired')]);
    }
    const existing = (await getRecord<StoredClaim>(db, claims, actor.orgId, id))!;
    const values: Record<string, unknown> = { status: to, resolvedOn: closing ? db.clock.today() : null };
    if (closing) values.resolution = resolution;
    if (to === 'in_progress' && existing.responsibleUserId === null && actor.userId !== null)
      values.responsibleUserId = actor.userId;
    const moved = await updateRecord<StoredClaim>(db, claims, actor.orgId, id, values);
    await refreshClaimMonths(db, actor.orgId, claimMonthsOf(existing, moved ?? undefined));
    await audit(db, actor, {
      action: 'transition',
      entity: 'claim',
      entityId: id,
      clientId: existing.clientId,
      before: existing,
      after: moved,
    });
    await insertClaimEvent(db, actor.orgId, {
      claimId: id,
      fromStatus: from,
      toStatus: to,
      userId: actor.userId,
      note: textOrNull(input.note) ?? (closing ? resolution : null),
    });
    return detail(db, actor, id);
  });
}

/** The longest period a summary covers (its months are listed one by one). */
const MAX_SUMMARY_MONTHS = 120;

/** The first day of the month `months` before the month of `iso`. */
function monthStartBefore(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * Claims across the company, or of one client, for a period of receipt (default: the 12 months up to
 * today). Formulas in db/queries/claims claimSummaryRows; shares are of the claims received in the period.
 */
export async function claimSummary(db: Database, actor: Actor, query: ClaimSummaryQueryT): Promise<ClaimSummaryT> {
  const today = db.clock.today();
  const to = query.to ?? today;
  const from = query.from ?? monthStartBefore(to, 11);
  const problems: FieldProblem[] = [];
  if (from > to) problems.push(fieldProblem('from', 'afterTo', 'claim.fromAfterTo'));
  else if (toDay(to) - toDay(monthStartBefore(from, 0)) > MAX_SUMMARY_MONTHS * 31) {
    problems.push(fieldProblem('from', 'tooLong', 'claim.periodTooLong', { count: MAX_SUMMARY_MONTHS / 12 }));
  }
  throwIfProblems(problems);
  const clientId = query.clientId ?? null;
  if (clientId !== null && !(await getRecord(db, clients, actor.orgId, clientId, rowScope(actor, clients))))
    throw notFound('client', clientId);

  const s = await claimSummaryRows(db, { orgId: actor.orgId, clientId, from, to, today, scope: clientScope(actor) });
  // The oldest overdue by their ids through the status index, then read one by one with their names.
  const oldestIds = await oldestOverdueClaimIds(
    db,
    { orgId: actor.orgId, clientId, today, scope: clientScope(actor) },
    5,
  );
  const oldest = (await Promise.all(oldestIds.map((id) => getClaimRow(db, actor.orgId, id)))).filter(
    (r): r is ClaimRow => r !== undefined,
  );
  return {
    from,
    to,
    today,
    clientId,
    received: s.received,
    byStatus: Object.fromEntries(claimStatuses.map((k) => [k, s.byStatus[k] ?? 0])),
    byType: Object.fromEntries(claimTypes.map((k) => [k, s.byType[k] ?? 0])),
    closed: s.closed,
    averageDaysToResolve: s.averageDays,
    medianDaysToResolve: s.medianDays,
    topCategories: s.categories
      .filter((c) => (claimCategories as readonly string[]).includes(c.category))
      .map((c) => ({
        category: c.category,
        count: c.count,
        share: s.received ? c.count / s.received : 0,
        averageDaysToResolve: c.averageDays,
        open: c.open,
      })),
    openNow: s.openNow,
    overdue: { count: s.overdue, oldest: oldest.map((r) => toApi(r, today)) },
    months: s.months,
  };
}
