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
  claimTransitions,
  daysToResolve,
  defaultClaimDueOn,
  isClaimOverdue,
  needsResolution,
  type ClaimStatus,
} from '../../core/claims/claims.js';
import { claimStatusLabels } from '../../core/claims/labels.js';
import { DomainError, notFound, type FieldProblem } from '../../core/errors.js';
import { claimCategories, claimStatuses, claimTypes } from '../../core/vocabulary.js';
import type { Database } from '../../db/database.js';
import {
  claimHistory,
  claimSummaryRows,
  getClaimRow,
  insertClaimEvent,
  listClaims,
  lockClaimStatus,
  type ClaimEventRow,
  type ClaimRow,
} from '../../db/queries/claims/claims.js';
import { deleteRecord, getRecord, insertRecord, updateRecord } from '../../db/queries/records.js';
import { claims, clients, contacts, orders, users } from '../../db/schema/index.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertRecordInScope, assertUserSeesClient, clientScope, rowScope } from '../access/scope.js';
import { analyticsToday } from '../analytics/clock.js';
import { isoTimestamp, throwIfProblems } from '../convert.js';
import { audit } from '../audit/record.js';

// Claims and wishes of clients (the card of claims and wishes of docs/domain.md §9): recorded with a deadline from
// their severity, moved through their workflow with a line of history for each step, and summed up
// across the company or for one client. "Today" is the analytics clock, so RAPPORT_TODAY pins it too.

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
  if (!row) throw notFound('Claim', id);
  await assertRecordInScope(db, actor, row.clientId, 'Claim', id);
  const history = await claimHistory(db, actor.orgId, id);
  return { ...toApi(row, analyticsToday()), history: history.map(eventToApi) };
}

const problem = (field: string, reason: string, en: string, ru: string): FieldProblem => ({
  field,
  reason,
  message: { en, ru },
});

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
  const today = analyticsToday();
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const key of ['type', 'category', 'severity'] as const) if (input[key] !== undefined) values[key] = input[key];

  const receivedOn = input.receivedOn ?? existing?.receivedOn ?? today;
  if (input.receivedOn !== undefined || !existing) values.receivedOn = receivedOn;
  if (receivedOn > today)
    problems.push(problem('receivedOn', 'future', 'cannot be in the future', 'не может быть в будущем'));
  if (existing?.resolvedOn && receivedOn > existing.resolvedOn) {
    problems.push(
      problem(
        'receivedOn',
        'afterResolved',
        'cannot be after the day the claim was closed',
        'не может быть позже даты закрытия претензии',
      ),
    );
  }

  if (input.subject !== undefined) {
    values.subject = input.subject.trim();
    if (values.subject === '')
      problems.push(problem('subject', 'required', 'must not be empty', 'не может быть пустой'));
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
  if (dueOn < receivedOn)
    problems.push(
      problem(
        'dueOn',
        'beforeReceived',
        'cannot be before the day it was received',
        'не может быть раньше даты поступления',
      ),
    );

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
    if (!contact)
      problems.push(
        problem(
          'contactId',
          'unknown',
          'is not a contact of your organisation',
          'такого контакта нет в вашей организации',
        ),
      );
    else if (contact.clientId !== clientId)
      problems.push(
        problem(
          'contactId',
          'otherClient',
          'this contact works at another client',
          'этот контакт работает у другого клиента',
        ),
      );
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
    if (!order)
      problems.push(
        problem(
          'orderId',
          'unknown',
          'is not a document of your organisation',
          'такого документа нет в вашей организации',
        ),
      );
    else if (order.clientId !== clientId)
      problems.push(
        problem('orderId', 'otherClient', 'this document belongs to another client', 'этот документ другого клиента'),
      );
  }
  if (input.responsibleUserId !== undefined) values.responsibleUserId = input.responsibleUserId;
  if (input.responsibleUserId) {
    const user = await getRecord<{ disabledAt: string | null }>(db, users, actor.orgId, input.responsibleUserId);
    if (!user)
      problems.push(
        problem(
          'responsibleUserId',
          'unknown',
          'is not a user of your organisation',
          'такого пользователя нет в вашей организации',
        ),
      );
    else if (user.disabledAt)
      problems.push(problem('responsibleUserId', 'disabled', 'this user is disabled', 'этот пользователь отключён'));
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
    if (!client) throw notFound('Client', input.clientId);
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
    await audit(db, actor, { action: 'create', entity: 'claim', entityId: row.id, clientId: row.clientId, after: row });
    return detail(db, actor, row.id);
  });
}

/** Changes the named fields; the status moves only through transitionClaim. */
export async function updateClaim(db: Database, actor: Actor, id: number, input: ClaimUpdateT): Promise<ClaimDetailT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const existing = await getRecord<StoredClaim>(db, claims, actor.orgId, id, rowScope(actor, claims));
    if (!existing) throw notFound('Claim', id);
    const values = await claimValues(db, actor, existing.clientId, input, existing);
    const row = await updateRecord<StoredClaim>(db, claims, actor.orgId, id, values);
    if (!row) throw notFound('Claim', id);
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
    if (!existing || !(await deleteRecord(db, claims, actor.orgId, id))) throw notFound('Claim', id);
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
  const today = analyticsToday();
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

const quoted = (s: ClaimStatus, lang: 'ru' | 'en') =>
  lang === 'ru' ? `«${claimStatusLabels[s].ru}»` : `"${claimStatusLabels[s].en}"`;

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
    if (!from || !(await getRecord(db, claims, actor.orgId, id, rowScope(actor, claims)))) throw notFound('Claim', id);
    const to = input.to;
    if (!canMoveClaim(from, to)) {
      const allowed = (lang: 'ru' | 'en') =>
        claimTransitions[from].map((s) => quoted(s, lang)).join(lang === 'ru' ? ' или ' : ' or ');
      throw new DomainError(
        'conflict',
        `A claim cannot go from ${quoted(from, 'en')} to ${quoted(to, 'en')}; from ${quoted(from, 'en')} it can go to ${allowed('en')}.`,
        [
          problem(
            'to',
            'transition',
            `a claim cannot go from ${quoted(from, 'en')} to ${quoted(to, 'en')}; from ${quoted(from, 'en')} it can go to ${allowed('en')}`,
            `претензию нельзя перевести из статуса ${quoted(from, 'ru')} в статус ${quoted(to, 'ru')}; из статуса ${quoted(from, 'ru')} можно перевести в ${allowed('ru')}`,
          ),
        ],
      );
    }
    const resolution = textOrNull(input.resolution);
    const closing = needsResolution(to);
    if (closing && !resolution) {
      throw new DomainError(
        'invalid_input',
        'resolution: say what was done for the client, or why the claim is rejected',
        [
          problem(
            'resolution',
            'required',
            'say what was done for the client, or why the claim is rejected',
            'опишите, что сделано для клиента, или почему претензия отклонена',
          ),
        ],
      );
    }
    const existing = (await getRecord<StoredClaim>(db, claims, actor.orgId, id))!;
    const values: Record<string, unknown> = { status: to, resolvedOn: closing ? analyticsToday() : null };
    if (closing) values.resolution = resolution;
    if (to === 'in_progress' && existing.responsibleUserId === null && actor.userId !== null)
      values.responsibleUserId = actor.userId;
    const moved = await updateRecord<StoredClaim>(db, claims, actor.orgId, id, values);
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
  const today = analyticsToday();
  const to = query.to ?? today;
  const from = query.from ?? monthStartBefore(to, 11);
  const problems: FieldProblem[] = [];
  if (from > to)
    problems.push(problem('from', 'afterTo', 'must not be after "to"', 'не может быть позже конца периода'));
  else if (toDay(to) - toDay(monthStartBefore(from, 0)) > MAX_SUMMARY_MONTHS * 31) {
    problems.push(
      problem(
        'from',
        'tooLong',
        `the period can be at most ${MAX_SUMMARY_MONTHS / 12} years`,
        `период не длиннее ${MAX_SUMMARY_MONTHS / 12} лет`,
      ),
    );
  }
  throwIfProblems(problems);
  const clientId = query.clientId ?? null;
  if (clientId !== null && !(await getRecord(db, clients, actor.orgId, clientId, rowScope(actor, clients))))
    throw notFound('Client', clientId);

  const s = await claimSummaryRows(db, { orgId: actor.orgId, clientId, from, to, today, scope: clientScope(actor) });
  const oldest = await listClaims(db, {
    orgId: actor.orgId,
    today,
    clientId: clientId ?? undefined,
    overdue: true,
    sort: 'dueOn',
    page: 1,
    pageSize: 5,
    scope: clientScope(actor),
  });
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
    overdue: { count: s.overdue, oldest: oldest.items.map((r) => toApi(r, today)) },
    months: s.months,
  };
}
