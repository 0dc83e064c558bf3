import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { clients, contacts, tasks } from '../../schema/index.js';
import type { Word } from '../../schema/columns.js';
import type { calendarEventKinds, taskKinds, taskStatuses } from '../../../core/vocabulary.js';
import type { EventWords, TaskNotesWords } from '../../../core/calendar/texts.js';

export type TaskRow = {
  id: number;
  user_id: number | null;
  user_name: string | null;
  client_id: number | null;
  client_name: string | null;
  contact_id: number | null;
  contact_name: string | null;
  kind: Word<typeof taskKinds>;
  title: string;
  title_words: EventWords | null;
  event_kind: Word<typeof calendarEventKinds> | null;
  event_on: string | null;
  due_on: string;
  status: Word<typeof taskStatuses>;
  done_at: string | null;
  notes: string | null;
  notes_words: TaskNotesWords | null;
  source_key: string | null;
  created_at: string;
  updated_at: string;
  gifts: unknown;
  total: number;
};

export type TaskFilter = {
  orgId: number;
  /** Only the tasks of this user; undefined = everyone's. */
  userId?: number | undefined;
  ids?: number[] | undefined;
  status?: string | undefined;
  /** Due from / to, both included. */
  from?: string | undefined;
  to?: string | undefined;
  clientId?: number | undefined;
  /** Leaves out congratulations of a person (their personal dates, with their preferences in the notes): for roles without personal data. */
  withoutPersonalCongratulations?: boolean | undefined;
  limit: number;
  offset: number;
};

/**
 * Tasks with their user, client and contact names and, for a congratulation, the gifts recorded in
 * the year before its event (interactions of kind gift to its contact, or to its client when it has
 * none), as JSON; open ones first, by due day. The gifts come through the interactions' client index.
 */
export async function listTasks(db: Database, f: TaskFilter): Promise<TaskRow[]> {
  const { rows } = await db.engine.query<TaskRow>(
    `
    SELECT t.id, t.user_id, u.name AS user_name, t.client_id, cl.name AS client_name, t.contact_id, ct.full_name AS contact_name,
      t.kind, t.title, t.title_words, t.event_kind, t.event_on::text AS event_on, t.due_on::text AS due_on, t.status, t.done_at::text AS done_at,
      t.notes, t.notes_words, t.source_key, t.created_at::text AS created_at, t.updated_at::text AS updated_at,
      coalesce(g.gifts, '[]'::json) AS gifts, count(*) OVER ()::int AS total
    FROM tasks t
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id
    LEFT JOIN clients cl ON cl.org_id = t.org_id AND cl.id = t.client_id
    LEFT JOIN contacts ct ON ct.org_id = t.org_id AND ct.id = t.contact_id
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object(
        'date', (i.occurred_at AT TIME ZONE 'UTC')::date::text, 'notes', i.notes, 'outcome', i.outcome, 'cost', i.money_spent
      ) ORDER BY i.occurred_at, i.id) AS gifts
      FROM interactions i
      WHERE t.kind = 'congratulation' AND t.client_id IS NOT NULL
        AND i.org_id = t.org_id AND i.client_id = t.client_id AND i.kind = 'gift'
        AND (t.contact_id IS NULL OR i.contact_id = t.contact_id)
        AND i.occurred_at >= make_date(extract(year FROM coalesce(t.event_on, t.due_on))::int - 1, 1, 1)::timestamp AT TIME ZONE 'UTC'
        AND i.occurred_at < make_date(extract(year FROM coalesce(t.event_on, t.due_on))::int, 1, 1)::timestamp AT TIME ZONE 'UTC'
    ) g ON true
    WHERE t.org_id = $1
      AND ($2::bigint IS NULL OR t.user_id = $2)
      AND ($3::text IS NULL OR t.status = $3)
      AND ($4::date IS NULL OR t.due_on >= $4)
      AND ($5::date IS NULL OR t.due_on <= $5)
      AND ($6::bigint IS NULL OR t.client_id = $6)
      AND ($7::bigint[] IS NULL OR t.id = ANY($7))
      AND NOT ($10::boolean AND t.kind = 'congratulation' AND t.contact_id IS NOT NULL)
    ORDER BY (t.status = 'open') DESC, t.due_on, t.id
    LIMIT $8 OFFSET $9`,
    [
      f.orgId,
      f.userId ?? null,
      f.status ?? null,
      f.from ?? null,
      f.to ?? null,
      f.clientId ?? null,
      f.ids ?? null,
      f.limit,
      f.offset,
      f.withoutPersonalCongratulations ?? false,
    ],
  );
  return rows;
}

/** Whether the client is the organisation's and within `scope` (an actor's reach, services/access/scope rowScope). */
export async function clientReachable(
  db: Database,
  orgId: number,
  clientId: number,
  scope: SQL | undefined,
): Promise<boolean> {
  const [c] = await db.orm
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.orgId, orgId), eq(clients.id, clientId), scope));
  return c !== undefined;
}

/** The contact's client, when the contact is the organisation's and within `scope`; else undefined. */
export async function contactClientOf(
  db: Database,
  orgId: number,
  contactId: number,
  scope: SQL | undefined,
): Promise<number | undefined> {
  const [p] = await db.orm
    .select({ clientId: contacts.clientId })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.id, contactId), scope));
  return p?.clientId;
}

export async function insertTask(
  db: Database,
  orgId: number,
  task: Omit<typeof tasks.$inferInsert, 'orgId'>,
): Promise<number> {
  const [row] = await db.orm
    .insert(tasks)
    .values({ ...task, orgId })
    .returning({ id: tasks.id });
  return row!.id;
}

/** The task's user and client, holding the row until the transaction ends; undefined when there is no such task. */
export async function lockTask(
  db: Database,
  orgId: number,
  id: number,
): Promise<{ userId: number | null; clientId: number | null } | undefined> {
  const [existing] = await db.orm
    .select({ userId: tasks.userId, clientId: tasks.clientId })
    .from(tasks)
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)))
    .for('update');
  return existing;
}

/**
 * Changes the task's fields named in `values`. A change of status sets when it was done: kept when it
 * was done already, cleared when it is open again. A new title or notes drop the generated words.
 */
export async function updateTaskRow(
  db: Database,
  orgId: number,
  id: number,
  values: Record<string, unknown>,
): Promise<void> {
  const done =
    values.status === undefined
      ? {}
      : { doneAt: values.status === 'open' ? null : sql`coalesce(${tasks.doneAt}, now())` };
  // A title or notes a person writes replace the generated ones, in every language.
  const written = {
    ...(values.title !== undefined ? { titleWords: null } : {}),
    ...(values.notes !== undefined ? { notesWords: null } : {}),
  };
  await db.orm
    .update(tasks)
    .set({ ...values, ...done, ...written, updatedAt: sql`now()` })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)));
}

/** Which of these source keys (of generated tasks) the organisation's tasks have already. */
export async function existingSourceKeys(db: Database, orgId: number, keys: string[]): Promise<Set<string>> {
  const { rows } = await db.engine.query<{ source_key: string }>(
    'SELECT source_key FROM tasks WHERE org_id = $1 AND source_key = ANY($2::text[])',
    [orgId, keys],
  );
  return new Set(rows.map((r) => r.source_key));
}

/** Inserts generated tasks 500 at a time, skipping those whose source key exists; how many were added. */
export async function insertGeneratedTasks(db: Database, values: (typeof tasks.$inferInsert)[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < values.length; i += 500) {
    const rows = await db.orm
      .insert(tasks)
      .values(values.slice(i, i + 500))
      .onConflictDoNothing({ target: [tasks.orgId, tasks.sourceKey] })
      .returning({ id: tasks.id });
    created += rows.length;
  }
  return created;
}
