import type { Database } from '../../database.js';

// One client's analytics as its page shows them: the stored figures, the monthly rollups and the
// ladder history.

/** The client's stored figures (null columns when none are stored yet) with its manual category; undefined when no such client. */
export async function clientFiguresOf(
  db: Database,
  orgId: number,
  clientId: number,
): Promise<Record<string, unknown> | undefined> {
  const {
    rows: [row],
  } = await db.engine.query<Record<string, unknown>>(
    `
    SELECT f.*, c.category_override, c.category_override_reason FROM clients c LEFT JOIN client_figures f ON f.org_id = c.org_id AND f.client_id = c.id
    WHERE c.org_id = $1 AND c.id = $2`,
    [orgId, clientId],
  );
  return row;
}

/** The client's months (client_months) from `from` (YYYY-MM-DD, a month's first day) on, oldest first. */
export async function clientMonthsFrom(
  db: Database,
  orgId: number,
  clientId: number,
  from: string,
): Promise<Record<string, number | string>[]> {
  const { rows } = await db.engine.query<Record<string, number | string>>(
    `
    SELECT month, revenue, cost, uncosted_revenue, uncosted_lines, lines, orders, minutes, spend, logistics FROM client_months
    WHERE org_id = $1 AND client_id = $2 AND month >= $3::date ORDER BY month`,
    [orgId, clientId, from],
  );
  return rows;
}

/** The client's ladder history (client_stage_changes), oldest first. */
export async function clientStageChanges(
  db: Database,
  orgId: number,
  clientId: number,
): Promise<{ month: string; stage: string; previous_stage: string | null }[]> {
  const { rows } = await db.engine.query<{ month: string; stage: string; previous_stage: string | null }>(
    `
    SELECT month, stage, previous_stage FROM client_stage_changes WHERE org_id = $1 AND client_id = $2 ORDER BY month`,
    [orgId, clientId],
  );
  return rows;
}
