import type { Database } from '../../database.js';

export type GiftRow = {
  id: number;
  occurred_at: string;
  money_spent: number;
  outcome: string | null;
  notes: string | null;
  user_id: number | null;
};

/**
 * Gifts given to a contact: interactions of kind gift naming them, newest first (at most `limit`);
 * with `from`/`to` (YYYY-MM-DD, both included) only those given on those UTC days, as the rollups count days.
 */
export async function giftsOf(
  db: Database,
  orgId: number,
  clientId: number,
  contactId: number,
  options: { limit?: number; from?: string; to?: string } = {},
): Promise<GiftRow[]> {
  const { rows } = await db.engine.query<GiftRow>(
    `
    SELECT id, occurred_at, money_spent, outcome, notes, user_id FROM interactions
    WHERE org_id = $1 AND client_id = $2 AND contact_id = $3 AND kind = 'gift'
      AND ($5::date IS NULL OR occurred_at >= ($5::date)::timestamp AT TIME ZONE 'UTC')
      AND ($6::date IS NULL OR occurred_at < ($6::date + 1)::timestamp AT TIME ZONE 'UTC')
    ORDER BY occurred_at DESC, id DESC LIMIT $4`,
    [orgId, clientId, contactId, options.limit ?? 200, options.from ?? null, options.to ?? null],
  );
  return rows;
}

/** Σ cost of every gift to a contact (all time, not only the listed ones). */
export async function giftsTotalOf(db: Database, orgId: number, clientId: number, contactId: number): Promise<number> {
  const { rows } = await db.engine.query<{ total: number }>(
    `
    SELECT coalesce(sum(money_spent), 0)::bigint AS total FROM interactions
    WHERE org_id = $1 AND client_id = $2 AND contact_id = $3 AND kind = 'gift'`,
    [orgId, clientId, contactId],
  );
  return Number(rows[0]?.total ?? 0);
}
