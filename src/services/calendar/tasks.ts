import type { TaskCreateT, TaskListQueryT, TaskPageT, TaskT, TaskUpdateT } from '../../contract/calendar.js';
import { formatMoney } from '../../core/money/money.js';
import { taskNotesIn, taskTitleIn } from '../../core/calendar/texts.js';
import type { Lang } from '../../core/messages/index.js';
import { DomainError, fieldProblem, invalidInput, notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { userOf } from '../../db/queries/access/shares.js';
import {
  clientReachable,
  contactClientOf,
  insertTask,
  listTasks,
  lockTask,
  updateTaskRow,
  type TaskRow,
} from '../../db/queries/calendar/tasks.js';
import { clients, contacts } from '../../db/schema/index.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertUserSeesClient, rowScope } from '../access/scope.js';
import { definedOnly, isoTimestamp } from '../convert.js';
import { assertMaySeePersonalData, maySeePersonalData } from '../privacy/masking.js';
import { audit } from '../audit/record.js';
import { taskAuditView } from '../audit/views.js';

/**
 * Who sees and changes which tasks: a manager their own; the owner and the head of sales everyone's
 * (and assign them); analysts and read-only users see everyone's and change none (assertCanWrite).
 */
export const managesAllTasks = (role: string) => role === 'owner' || role === 'head_of_sales';
export const seesAllTasks = (role: string) => role !== 'manager';

type Gift = { date: string; notes: string | null; outcome: string | null; cost: number };

/** A task as the API gives it, its generated title and notes written in `lang` (the reader's). */
function toApi(r: TaskRow, lang: Lang): TaskT {
  const gifts = (typeof r.gifts === 'string' ? JSON.parse(r.gifts) : r.gifts) as Gift[];
  const id = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: Number(r.id),
    userId: id(r.user_id),
    userName: r.user_name,
    clientId: id(r.client_id),
    clientName: r.client_name,
    contactId: id(r.contact_id),
    contactName: r.contact_name,
    kind: r.kind,
    title: taskTitleIn({ title: r.title, titleWords: r.title_words }, lang),
    eventKind: r.event_kind,
    eventOn: r.event_on,
    dueOn: r.due_on,
    status: r.status,
    doneAt: isoTimestamp(r.done_at),
    notes: taskNotesIn({ notes: r.notes, notesWords: r.notes_words, eventOn: r.event_on }, lang),
    sourceKey: r.source_key,
    lastYearGifts: gifts.map((g) => ({
      date: g.date,
      notes: g.notes,
      outcome: g.outcome,
      cost: formatMoney(Number(g.cost)),
    })),
    createdAt: isoTimestamp(r.created_at),
    updatedAt: isoTimestamp(r.updated_at),
  };
}

/** Tasks in a scope: `mine` (assigned to the actor), `all` for the roles that see everyone's (a manager asking for all is refused). */
export async function findTasks(db: Database, actor: Actor, q: TaskListQueryT, lang: Lang = 'ru'): Promise<TaskPageT> {
  const scope = q.scope ?? (seesAllTasks(actor.role) ? 'all' : 'mine');
  if (scope === 'all' && !seesAllTasks(actor.role)) throw new DomainError('forbidden', 'task.mineOnly');
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 100;
  const rows = await listTasks(db, {
    orgId: actor.orgId,
    userId: scope === 'mine' ? (actor.userId ?? -1) : undefined,
    status: q.status,
    from: q.from,
    to: q.to,
    clientId: q.clientId,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    withoutPersonalCongratulations: !maySeePersonalData(actor),
  });
  return { items: rows.map((r) => toApi(r, lang)), total: rows[0] ? Number(rows[0].total) : 0, page, pageSize };
}

async function readTask(db: Database, actor: Actor, id: number, lang: Lang): Promise<TaskT> {
  const [row] = await listTasks(db, { orgId: actor.orgId, ids: [id], limit: 1, offset: 0 });
  if (!row) throw notFound('task', id);
  return toApi(row, lang);
}

export async function getTask(db: Database, actor: Actor, id: number, lang: Lang = 'ru'): Promise<TaskT> {
  const task = await readTask(db, actor, id, lang);
  // Another user's task is out of a manager's sight: missing, like another organisation's (not "forbidden", which tells it exists).
  if (!seesAllTasks(actor.role) && task.userId !== actor.userId) throw notFound('task', id);
  if (task.kind === 'congratulation' && task.contactId !== null) assertMaySeePersonalData(actor);
  return task;
}

/** The responsible user must be in the organisation; a manager may only name themselves. */
async function checkAssignee(db: Database, actor: Actor, userId: number | null): Promise<void> {
  if (!managesAllTasks(actor.role) && userId !== actor.userId) {
    throw new DomainError('forbidden', 'task.assignSelfOnly');
  }
  if (userId === null) return;
  if (!(await userOf(db, actor.orgId, userId))) throw notFound('user', userId);
}

/** The client and the contact of a task must be the organisation's, and the contact the client's. */
async function checkSubject(
  db: Database,
  actor: Actor,
  clientId: number | null | undefined,
  contactId: number | null | undefined,
): Promise<number | null> {
  let client = clientId ?? null;
  if (client !== null) {
    if (!(await clientReachable(db, actor.orgId, client, rowScope(actor, clients)))) throw notFound('client', client);
  }
  if (contactId !== null && contactId !== undefined) {
    const contactClient = await contactClientOf(db, actor.orgId, contactId, rowScope(actor, contacts));
    if (contactClient === undefined) throw notFound('contact', contactId);
    if (client !== null && contactClient !== client) {
      throw invalidInput([fieldProblem('contactId', 'other_client', 'task.contactOfOtherClient')]);
    }
    client = contactClient;
  }
  return client;
}

/** A task added by hand (a call to make, a gift to send): the author's own unless the owner or head of sales assigns it. */
export async function createTask(db: Database, actor: Actor, input: TaskCreateT, lang: Lang = 'ru'): Promise<TaskT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const userId = input.userId === undefined ? actor.userId : input.userId;
    await checkAssignee(db, actor, userId);
    const clientId = await checkSubject(db, actor, input.clientId, input.contactId);
    if (userId !== null && clientId !== null) await assertUserSeesClient(db, actor.orgId, userId, clientId, 'userId');
    const id = await insertTask(db, actor.orgId, {
      userId,
      clientId,
      contactId: input.contactId ?? null,
      kind: input.kind ?? 'other',
      title: input.title.trim(),
      eventKind: input.eventKind ?? null,
      eventOn: input.eventOn ?? null,
      dueOn: input.dueOn,
      notes: input.notes ?? null,
      status: 'open',
    });
    const task = await readTask(db, actor, id, lang);
    await audit(db, actor, {
      action: 'create',
      entity: 'task',
      entityId: task.id,
      clientId: task.clientId,
      after: taskAuditView(task),
    });
    return task;
  });
}

/**
 * Marks a task done, dismissed or open again, changes its notes, due day or title; the owner and the
 * head of sales may also hand it to someone else. A manager changes only their own tasks: another's
 * is 404, as another organisation's. The responsible user must be able to see the task's client.
 */
export async function updateTask(
  db: Database,
  actor: Actor,
  id: number,
  input: TaskUpdateT,
  lang: Lang = 'ru',
): Promise<TaskT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const existing = await lockTask(db, actor.orgId, id);
    if (!existing || (!managesAllTasks(actor.role) && existing.userId !== actor.userId)) throw notFound('task', id);
    if (input.userId !== undefined && input.userId !== existing.userId) {
      if (!managesAllTasks(actor.role)) throw new DomainError('forbidden', 'task.handOverNotAllowed');
      await checkAssignee(db, actor, input.userId);
      if (input.userId !== null && existing.clientId !== null)
        await assertUserSeesClient(db, actor.orgId, input.userId, existing.clientId, 'userId');
    }
    const values: Record<string, unknown> = definedOnly({ ...input, title: input.title?.trim() });
    const before = await readTask(db, actor, id, lang);
    await updateTaskRow(db, actor.orgId, id, values);
    const task = await readTask(db, actor, id, lang);
    await audit(db, actor, {
      action: 'update',
      entity: 'task',
      entityId: id,
      clientId: task.clientId ?? before.clientId,
      before: taskAuditView(before),
      after: taskAuditView(task),
    });
    return task;
  });
}
