import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';
import type { Word } from '../../schema/columns.js';
import type { lossReasons, significances } from '../../../core/vocabulary.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';

/** A loss record as the API lists it: the row, the client's name and the number of the order that won it back. */
export type LossRow = {
  id: number;
  clientId: number;
  clientName: string;
  lostOn: string;
  reason: Word<typeof lossReasons>;
  reasonNotes: string | null;
  competitor: string | null;
  significance: Word<typeof significances> | null;
  profitAtLoss: number | null;
  systemicError: string | null;
  winBackPlan: string | null;
  wonBackOn: string | null;
  wonBackOrderId: number | null;
  wonBackOrderNumber: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

export type LossFilter = {
  from?: string | undefined;
  to?: string | undefined;
  reason?: string | undefined;
  clientId?: number | undefined;
  state?: 'open' | 'won_back' | undefined;
  significantOnly?: boolean | undefined;
  id?: number | undefined;
  /** Only these clients' losses (a manager's own and shared); null/undefined: all. */
  scope?: ClientScope | null | undefined;
};

/** Significance on the card that makes a loss significant by itself (docs/domain.md §9: "значимые контрагенты"). */
export const SIGNIFICANT_ON_CARD = `('key', 'major')`;

const lossColumns = `l.id, l.client_id AS "clientId", c.name AS "clientName", l.lost_on::text AS "lostOn", l.reason, l.reason_notes AS "reasonNotes",
  l.competitor, l.significance, l.profit_at_loss AS "profitAtLoss", l.systemic_error AS "systemicError", l.win_back_plan AS "winBackPlan",
  l.won_back_on::text AS "wonBackOn", l.won_back_order_id AS "wonBackOrderId", o.number AS "wonBackOrderNumber", l.created_by AS "createdBy",
  l.created_at::text AS "createdAt", l.updated_at::text AS "updatedAt"`;

function whereOf(orgId: number, f: LossFilter): SQL {
  const parts = [sql`l.org_id = ${orgId}`];
  if (f.id !== undefined) parts.push(sql`l.id = ${f.id}`);
  if (f.from) parts.push(sql`l.lost_on >= ${f.from}::date`);
  if (f.to) parts.push(sql`l.lost_on <= ${f.to}::date`);
  if (f.reason) parts.push(sql`l.reason = ${f.reason}`);
  if (f.clientId !== undefined) parts.push(sql`l.client_id = ${f.clientId}`);
  if (f.state === 'open') parts.push(sql`l.won_back_on IS NULL`);
  if (f.state === 'won_back') parts.push(sql`l.won_back_on IS NOT NULL`);
  if (f.significantOnly) parts.push(sql`l.significance IN ${sql.raw(SIGNIFICANT_ON_CARD)}`);
  if (f.scope) parts.push(sql.raw(inClientScopeText(f.scope, 'l.client_id')));
  return sql.join(parts, sql` AND `);
}

const sortColumns: Record<string, string> = {
  lostOn: 'l.lost_on',
  profitAtLoss: 'l.profit_at_loss',
  reason: 'l.reason',
  wonBackOn: 'l.won_back_on',
  createdAt: 'l.created_at',
};

const toLoss = (r: LossRow): LossRow => ({
  ...r,
  id: Number(r.id),
  clientId: Number(r.clientId),
  profitAtLoss: r.profitAtLoss === null ? null : Number(r.profitAtLoss),
  wonBackOrderId: r.wonBackOrderId === null ? null : Number(r.wonBackOrderId),
  createdBy: r.createdBy === null ? null : Number(r.createdBy),
});

/** A page of an organisation's loss records, newest loss first by default; `sort` is "field" or "-field". */
export async function listLosses(
  db: Database,
  orgId: number,
  f: LossFilter,
  page: { page: number; pageSize: number; sort?: string | undefined },
) {
  const where = whereOf(orgId, f);
  const sort = page.sort ?? '-lostOn';
  const field = sort.replace(/^-/, '');
  const named = Object.hasOwn(sortColumns, field) ? sortColumns[field] : undefined; // not "constructor" of Object
  // An unknown field sorts as the default: the newest losses first.
  const order = sql.raw(named ? `${named} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST` : 'l.lost_on DESC');
  const base = sql`FROM client_losses l JOIN clients c ON c.org_id = l.org_id AND c.id = l.client_id
    LEFT JOIN orders o ON o.org_id = l.org_id AND o.id = l.won_back_order_id WHERE ${where}`;
  const [items, total] = await Promise.all([
    runSql<LossRow>(
      db,
      sql`SELECT ${sql.raw(lossColumns)} ${base} ORDER BY ${order}, l.id DESC
      LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`,
    ),
    runSql<{ n: number }>(db, sql`SELECT count(*) AS n ${base}`),
  ]);
  return { items: items.rows.map(toLoss), total: Number(total.rows[0]?.n ?? 0) };
}

export async function getLoss(db: Database, orgId: number, id: number): Promise<LossRow | undefined> {
  const where = whereOf(orgId, { id });
  const { rows } = await runSql<LossRow>(
    db,
    sql`SELECT ${sql.raw(lossColumns)} FROM client_losses l JOIN clients c ON c.org_id = l.org_id AND c.id = l.client_id
    LEFT JOIN orders o ON o.org_id = l.org_id AND o.id = l.won_back_order_id WHERE ${where}`,
  );
  return rows[0] ? toLoss(rows[0]) : undefined;
}

/** The client's loss not yet won back, if any (at most one: a partial unique index keeps it so). */
export async function openLossOf(
  db: Database,
  orgId: number,
  clientId: number,
): Promise<{ id: number; lostOn: string } | undefined> {
  const { rows } = await db.engine.query<{ id: number; lost_on: string }>(
    'SELECT id, lost_on::text AS lost_on FROM client_losses WHERE org_id = $1 AND client_id = $2 AND won_back_on IS NULL',
    [orgId, clientId],
  );
  return rows[0] ? { id: Number(rows[0].id), lostOn: rows[0].lost_on } : undefined;
}

/** The client's last purchase day (documents that are not drafts or cancelled), for the loss date's check. */
export async function lastPurchaseOf(db: Database, orgId: number, clientId: number): Promise<string | null> {
  const { rows } = await db.engine.query<{ day: string | null }>(
    `SELECT max(order_date)::text AS day FROM orders WHERE org_id = $1 AND client_id = $2 AND status NOT IN ('draft', 'cancelled') AND total > 0`,
    [orgId, clientId],
  );
  return rows[0]?.day ?? null;
}

/**
 * The client's profit after cost to serve over the 12 calendar months up to and including the month
 * of `day`, from the monthly rollups (client_months), kopecks:
 *   Σ (revenue − cost of goods − logistics − relationship spend) − round(Σ minutes × hourly rate ÷ 60),
 * revenue counting only the lines whose cost is known (a sale without a cost is not pure profit),
 * the profit the lost-vs-gained alarm ranks clients by (db/queries/analytics/charts.ts#retentionCharts;
 * the cost of late payment needs day-level settlements and is left out there and here).
 * Null when the client had no activity at all in those months.
 */
export async function profitOverYearTo(
  db: Database,
  orgId: number,
  clientId: number,
  day: string,
  hourlyRate: number,
): Promise<number | null> {
  const { rows } = await db.engine.query<{ profit: string | number | null }>(
    `
    SELECT sum(revenue - uncosted_revenue - cost - logistics - spend) - round(sum(minutes) * $4::numeric / 60) AS profit
    FROM client_months
    WHERE org_id = $1 AND client_id = $2 AND month BETWEEN (date_trunc('month', $3::date) - interval '11 months')::date AND date_trunc('month', $3::date)::date`,
    [orgId, clientId, day, hourlyRate],
  );
  const profit = rows[0]?.profit;
  return profit === null || profit === undefined ? null : Number(profit);
}

/**
 * The same profit as profitOverYearTo, filled in at once for every loss of the organisation that has
 * none yet (losses loaded in bulk, before their analytics existed).
 */
export async function fillProfitAtLoss(db: Database, orgId: number, hourlyRate: number): Promise<void> {
  await db.engine.query(
    `
    UPDATE client_losses l SET profit_at_loss = p.profit
    FROM (
      SELECT l2.id, sum(m.revenue - m.uncosted_revenue - m.cost - m.logistics - m.spend) - round(sum(m.minutes) * $2::numeric / 60) AS profit
      FROM client_losses l2 JOIN client_months m ON m.org_id = l2.org_id AND m.client_id = l2.client_id
        AND m.month BETWEEN (date_trunc('month', l2.lost_on) - interval '11 months')::date AND date_trunc('month', l2.lost_on)::date
      WHERE l2.org_id = $1 AND l2.profit_at_loss IS NULL
      GROUP BY l2.id
    ) p
    WHERE l.org_id = $1 AND l.id = p.id`,
    [orgId, hourlyRate],
  );
}

export async function insertLoss(
  db: Database,
  orgId: number,
  v: {
    clientId: number;
    lostOn: string;
    reason: string;
    reasonNotes: string | null;
    competitor: string | null;
    significance: string | null;
    profitAtLoss: number | null;
    systemicError: string | null;
    winBackPlan: string | null;
    createdBy: number | null;
  },
): Promise<number> {
  const { rows } = await db.engine.query<{ id: number }>(
    `
    INSERT INTO client_losses (org_id, client_id, lost_on, reason, reason_notes, competitor, significance, profit_at_loss, systemic_error, win_back_plan, created_by)
    VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      orgId,
      v.clientId,
      v.lostOn,
      v.reason,
      v.reasonNotes,
      v.competitor,
      v.significance,
      v.profitAtLoss,
      v.systemicError,
      v.winBackPlan,
      v.createdBy,
    ],
  );
  return Number(rows[0]!.id);
}

/** The client leaves the base on `lostOn`: status lost, the day kept for the loyalty ladder. */
export async function setClientLost(db: Database, orgId: number, clientId: number, lostOn: string): Promise<void> {
  await db.engine.query(
    `UPDATE clients SET status = 'lost', lost_on = $3::date, updated_at = now() WHERE org_id = $1 AND id = $2`,
    [orgId, clientId, lostOn],
  );
}

export async function updateLossTexts(
  db: Database,
  orgId: number,
  id: number,
  v: Partial<Record<'reason' | 'reasonNotes' | 'competitor' | 'systemicError' | 'winBackPlan', string | null>>,
): Promise<void> {
  const columns: Record<string, string> = {
    reason: 'reason',
    reasonNotes: 'reason_notes',
    competitor: 'competitor',
    systemicError: 'systemic_error',
    winBackPlan: 'win_back_plan',
  };
  const sets = Object.entries(v)
    .filter(([k, value]) => columns[k] && value !== undefined)
    .map(([k, value]) => sql`${sql.raw(columns[k]!)} = ${value ?? null}`);
  await runSql(
    db,
    sql`UPDATE client_losses SET ${sql.join([...sets, sql`updated_at = now()`], sql`, `)} WHERE org_id = ${orgId} AND id = ${id}`,
  );
}

/**
 * A lost client made active (or a prospect again) by hand: its open loss is closed as won back on
 * `on`, with no order. Returns whether there was one.
 */
export async function closeOpenLoss(db: Database, orgId: number, clientId: number, on: string): Promise<boolean> {
  const { rows } = await db.engine.query<{ id: number }>(
    `
    UPDATE client_losses SET won_back_on = greatest($3::date, lost_on), won_back_order_id = NULL, updated_at = now()
    WHERE org_id = $1 AND client_id = $2 AND won_back_on IS NULL RETURNING id`,
    [orgId, clientId, on],
  );
  return rows.length > 0;
}

/**
 * Lost clients among `clientIds` who bought again are won back, in one statement: the first document
 * dated after the day the client was marked lost that is not a draft, not cancelled and not a return
 * closes the open loss (won_back_on = its date, won_back_order_id = it), and the client becomes
 * active with no lost day. A lost client without a loss record (marked before losses were recorded)
 * is made active the same way. Answers the clients won back with the day they had been lost, so the
 * caller's analytics upkeep covers the ladder history from then on.
 */
export async function recordWinBacks(
  db: Database,
  orgId: number,
  clientIds: readonly number[],
): Promise<{ clientId: number; lostOn: string }[]> {
  if (clientIds.length === 0) return [];
  const { rows } = await db.engine.query<{ id: number; lost_on: string }>(
    `
    WITH back AS (
      SELECT DISTINCT ON (c.id) c.id AS client_id, c.lost_on, o.id AS order_id, o.order_date
      FROM clients c
      JOIN orders o ON o.org_id = c.org_id AND o.client_id = c.id AND o.order_date > c.lost_on
        AND o.status NOT IN ('draft', 'cancelled') AND o.total > 0
      WHERE c.org_id = $1 AND c.id = ANY($2::bigint[]) AND c.status = 'lost' AND c.lost_on IS NOT NULL
      ORDER BY c.id, o.order_date, o.id
    ), closed AS (
      UPDATE client_losses l SET won_back_on = b.order_date, won_back_order_id = b.order_id, updated_at = now()
      FROM back b WHERE l.org_id = $1 AND l.client_id = b.client_id AND l.won_back_on IS NULL
      RETURNING l.client_id
    )
    UPDATE clients c SET status = 'active', lost_on = NULL, updated_at = now()
    FROM back b WHERE c.org_id = $1 AND c.id = b.client_id
    RETURNING c.id, b.lost_on::text AS lost_on`,
    [orgId, clientIds.map(String)],
  );
  return rows.map((r) => ({ clientId: Number(r.id), lostOn: r.lost_on }));
}

/**
 * Asks the next org-wide refresh to recompute the charts (retention and the lost-vs-gained alarm),
 * which it otherwise does once a day: a recorded loss counts in the alarm at once.
 */
export async function chartsDue(db: Database, orgId: number): Promise<void> {
  await db.engine.query(`UPDATE org_analytics SET summary = summary - 'chartsOn' WHERE org_id = $1`, [orgId]);
}

export type ReasonCount = {
  reason: Word<typeof lossReasons>;
  count: number;
  profitLost: number;
  significant: number;
  wonBack: number;
};

/**
 * Losses of a period per reason, counted in the database: the number of losses, the profit lost
 * (Σ max(profit at loss, 0): a loss-making client loses us no profit), how many were significant on
 * the card (key or major) and how many have been won back since.
 */
export async function reasonCounts(
  db: Database,
  orgId: number,
  from: string,
  to: string,
  scope?: ClientScope | null,
): Promise<ReasonCount[]> {
  const { rows } = await db.engine.query<{
    reason: Word<typeof lossReasons>;
    n: number;
    profit: string | number;
    significant: number;
    won_back: number;
  }>(
    `
    SELECT reason, count(*) AS n, coalesce(sum(greatest(profit_at_loss, 0)), 0) AS profit,
      count(*) FILTER (WHERE significance IN ${SIGNIFICANT_ON_CARD}) AS significant, count(*) FILTER (WHERE won_back_on IS NOT NULL) AS won_back
    FROM client_losses WHERE org_id = $1 AND lost_on BETWEEN $2::date AND $3::date${scope ? ` AND ${inClientScopeText(scope, 'client_losses.client_id')}` : ''}
    GROUP BY reason`,
    [orgId, from, to],
  );
  return rows.map((r) => ({
    reason: r.reason,
    count: Number(r.n),
    profitLost: Number(r.profit),
    significant: Number(r.significant),
    wonBack: Number(r.won_back),
  }));
}

/**
 * The competitors named most often in a period's losses (names compared without case and outer
 * spaces; shown in their most frequent spelling), with the profit lost to each.
 */
export async function topCompetitors(
  db: Database,
  orgId: number,
  from: string,
  to: string,
  limit = 10,
  scope?: ClientScope | null,
): Promise<{ competitor: string; count: number; profitLost: number }[]> {
  const { rows } = await db.engine.query<{ competitor: string; n: number; profit: string | number }>(
    `
    SELECT mode() WITHIN GROUP (ORDER BY btrim(competitor)) AS competitor, count(*) AS n, coalesce(sum(greatest(profit_at_loss, 0)), 0) AS profit
    FROM client_losses WHERE org_id = $1 AND lost_on BETWEEN $2::date AND $3::date AND btrim(coalesce(competitor, '')) <> ''${scope ? ` AND ${inClientScopeText(scope, 'client_losses.client_id')}` : ''}
    GROUP BY lower(btrim(competitor))
    ORDER BY n DESC, profit DESC, competitor
    LIMIT $4`,
    [orgId, from, to, limit],
  );
  return rows.map((r) => ({ competitor: r.competitor, count: Number(r.n), profitLost: Number(r.profit) }));
}
