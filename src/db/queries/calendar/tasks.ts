import type { Database } from '../../database.js';

export type TaskRow = {
  id: number;
  user_id: number | null;
  user_name: string | null;
  client_id: number | null;
  client_name: string | null;
  contact_id: number | null;
  contact_name: string | null;
  kind: string;
  title: string;
  event_kind: string | null;
  event_on: string | null;
  due_on: string;
  status: string;
  done_at: string | null;
  notes: string | null;
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
      t.kind, t.title, t.event_kind, t.event_on::text AS event_on, t.due_on::text AS due_on, t.status, t.done_at::text AS done_at,
      t.notes, t.source_key, t.created_at::text AS created_at, t.updated_at::text AS updated_at,
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
