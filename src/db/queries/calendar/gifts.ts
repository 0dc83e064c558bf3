import type { Database } from '../../database.js';

export type GiftRow = {
  client_id: number;
  contact_id: number | null;
  on_date: string;
  notes: string | null;
  outcome: string | null;
  money_spent: number;
};

/**
 * Gifts recorded as interactions of kind `gift` in the calendar years `fromYear`–`toYear` (UTC days,
 * as the analytics count interactions), either to one of `contactIds` or to one of `clientIds`
 * (any of the client's people, or nobody in particular) — one statement for a whole generator run.
 */
export async function giftsGiven(
  db: Database,
  q: { orgId: number; contactIds: number[]; clientIds: number[]; fromYear: number; toYear: number },
): Promise<GiftRow[]> {
  if (q.contactIds.length === 0 && q.clientIds.length === 0) return [];
  const { rows } = await db.engine.query<GiftRow>(
    `
    SELECT i.client_id, i.contact_id, (i.occurred_at AT TIME ZONE 'UTC')::date::text AS on_date, i.notes, i.outcome, i.money_spent
    FROM interactions i
    WHERE i.org_id = $1 AND i.kind = 'gift'
      AND (i.contact_id = ANY($2::bigint[]) OR i.client_id = ANY($3::bigint[]))
      AND i.occurred_at >= make_date($4, 1, 1)::timestamp AT TIME ZONE 'UTC'
      AND i.occurred_at < make_date($5 + 1, 1, 1)::timestamp AT TIME ZONE 'UTC'
    ORDER BY i.occurred_at, i.id`,
    [q.orgId, q.contactIds, q.clientIds, q.fromYear, q.toYear],
  );
  return rows.map((r) => ({
    ...r,
    client_id: Number(r.client_id),
    contact_id: r.contact_id === null ? null : Number(r.contact_id),
    money_spent: Number(r.money_spent),
  }));
}
