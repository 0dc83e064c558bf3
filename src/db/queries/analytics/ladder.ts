import type { AnalyticsSettings } from '../../../core/analytics/settings.js';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';
import { clientFilter, upkeepOptions, type Scope } from './scope.js';

/**
 * Re-derives the loyalty-ladder history (client_stage_changes) of the scope from `fromMonth` to the
 * month of `today`. The stage of a month is evaluated at its last day (today for the current month)
 * from client_months, with these rules (settings in brackets; docs/analytics.md §13, docs/domain.md §8):
 *
 * - lost: marked lost on or before that day and no purchase since; or no purchase for longer than
 *   max(lostMinDays, lostIntervalMultiple × own average interval between purchase days), or, with a
 *   single purchase, for longer than lostSingleDays;
 * - unaware: no purchase and no interaction yet; aware: interactions but no purchase;
 * - first_purchase: one purchase day;
 * - frequent: ≥ frequentMinPurchases purchase days in the trailing 12 months, in ≥ frequentMinQuarters
 *   of the last four quarters (a regular rhythm);
 * - adherent: frequent and buying for ≥ adherentMinTenureMonths;
 * - repeat_purchase: any other client with two or more purchase days.
 *
 * Only changes are stored (the month a stage was reached, and the one before); a client's first
 * recorded stage is the first one above "unaware". The window runs 11 months before `fromMonth` so
 * the trailing sums are whole, and sums before the window are carried in.
 */
/**
 * The ladder rules as one SQL CASE over columns named lost_on, as_of, purchase_days (all-time),
 * first_purchase, last_purchase, touches (all-time), purchases_12 and active_quarters (of the last
 * four quarters), so the history and the refresh of today's stage apply the very same rules.
 */
export function stageCase(s: AnalyticsSettings): SQL {
  const n = (v: number) => sql`${v}::numeric`;
  return sql`CASE
          WHEN lost_on IS NOT NULL AND lost_on <= as_of AND (last_purchase IS NULL OR last_purchase <= lost_on) THEN 'lost'
          WHEN purchase_days = 0 THEN CASE WHEN touches > 0 THEN 'aware' ELSE 'unaware' END
          WHEN purchase_days = 1 AND as_of - last_purchase > ${n(s.lostSingleDays)} THEN 'lost'
          WHEN purchase_days >= 2 AND as_of - last_purchase > greatest(${n(s.lostMinDays)},
            ${n(s.lostIntervalMultiple)} * (last_purchase - first_purchase)::numeric / (purchase_days - 1)) THEN 'lost'
          WHEN purchase_days = 1 THEN 'first_purchase'
          WHEN purchases_12 >= ${n(s.frequentMinPurchases)} AND active_quarters >= ${n(s.frequentMinQuarters)} THEN
            CASE WHEN first_purchase + make_interval(months => ${s.adherentMinTenureMonths}::int) <= as_of THEN 'adherent' ELSE 'frequent' END
          ELSE 'repeat_purchase'
        END`;
}

export async function refreshStages(
  db: Database,
  scope: Scope,
  fromMonth: string | 'all',
  today: string,
  s: AnalyticsSettings,
): Promise<void> {
  const org = scope.orgId;
  const day = sql`${today}::date`;
  const start = fromMonth === 'all' ? sql`'0001-01-01'::date` : sql`${fromMonth}::date`;
  const clientsIn = clientFilter(scope, 'c.id');
  const monthsIn = clientFilter(scope, 'client_id');
  const statement = sql`
    WITH bound AS (
      SELECT client_id, min(month) AS first_month FROM client_months WHERE org_id = ${org} ${monthsIn} GROUP BY client_id
    ), scope AS (
      SELECT c.id AS client_id, c.lost_on,
        greatest(${start} - interval '11 months', least(b.first_month, date_trunc('month', c.lost_on)::date) - interval '1 month')::date AS window_start
      FROM clients c LEFT JOIN bound b ON b.client_id = c.id
      WHERE c.org_id = ${org} ${clientsIn} AND (b.first_month IS NOT NULL OR c.lost_on IS NOT NULL)
    ), carry AS (
      SELECT s.client_id, sum(m.purchase_days) AS purchase_days, min(m.first_purchase) AS first_purchase,
        max(m.last_purchase) AS last_purchase, sum(m.interactions) AS touches
      FROM scope s JOIN client_months m ON m.org_id = ${org} AND m.client_id = s.client_id AND m.month < s.window_start
      GROUP BY s.client_id
    ), grid AS (
      SELECT s.client_id, s.lost_on, g::date AS month
      FROM scope s CROSS JOIN LATERAL generate_series(s.window_start, date_trunc('month', ${day})::date, interval '1 month') g
    ), running AS (
      SELECT g.client_id, g.lost_on, g.month,
        CASE WHEN g.month = date_trunc('month', ${day})::date THEN ${day} ELSE (g.month + interval '1 month' - interval '1 day')::date END AS as_of,
        coalesce(k.purchase_days, 0) + sum(coalesce(m.purchase_days, 0)) OVER w AS purchase_days,
        least(k.first_purchase, min(m.first_purchase) OVER w) AS first_purchase,
        greatest(k.last_purchase, max(m.last_purchase) OVER w) AS last_purchase,
        coalesce(k.touches, 0) + sum(coalesce(m.interactions, 0)) OVER w AS touches,
        sum(coalesce(m.purchase_days, 0)) OVER (w ROWS BETWEEN 11 PRECEDING AND CURRENT ROW) AS purchases_12,
        (sum(coalesce(m.purchase_days, 0)) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) > 0)::int
          + (coalesce(sum(coalesce(m.purchase_days, 0)) OVER (w ROWS BETWEEN 5 PRECEDING AND 3 PRECEDING), 0) > 0)::int
          + (coalesce(sum(coalesce(m.purchase_days, 0)) OVER (w ROWS BETWEEN 8 PRECEDING AND 6 PRECEDING), 0) > 0)::int
          + (coalesce(sum(coalesce(m.purchase_days, 0)) OVER (w ROWS BETWEEN 11 PRECEDING AND 9 PRECEDING), 0) > 0)::int AS active_quarters
      FROM grid g
      LEFT JOIN client_months m ON m.org_id = ${org} AND m.client_id = g.client_id AND m.month = g.month
      LEFT JOIN carry k ON k.client_id = g.client_id
      WINDOW w AS (PARTITION BY g.client_id ORDER BY g.month)
    ), staged AS (
      SELECT client_id, month,
        ${stageCase(s)} AS stage
      FROM running
    ), changes AS (
      SELECT client_id, month, stage, coalesce(lag(stage) OVER (PARTITION BY client_id ORDER BY month), 'unaware') AS previous_stage FROM staged
    )
    INSERT INTO client_stage_changes (org_id, client_id, month, stage, previous_stage)
    SELECT ${org}::bigint, client_id, month, stage, previous_stage
    FROM changes WHERE month >= ${start} AND stage <> previous_stage`;
  const dStart = fromMonth === 'all' ? sql`` : sql`AND month >= ${fromMonth}::date`;
  await runSql(
    db,
    sql`DELETE FROM client_stage_changes WHERE org_id = ${org} ${dStart} ${clientFilter(scope, 'client_id')}`,
  );
  await runSql(db, statement, upkeepOptions(scope));
}

/**
 * Records today's stage (computed with the figures, by the same rules) as the change of the current
 * month where it differs from the stage reached before this month; used by the org-wide refresh.
 */
export async function writeCurrentStages(db: Database, scope: Scope, month: string): Promise<void> {
  const org = scope.orgId;
  const m = sql`${month}::date`;
  await runSql(
    db,
    sql`DELETE FROM client_stage_changes WHERE org_id = ${org} AND month = ${m} ${clientFilter(scope, 'client_id')}`,
  );
  await runSql(
    db,
    sql`
    INSERT INTO client_stage_changes (org_id, client_id, month, stage, previous_stage)
    SELECT ${org}::bigint, f.client_id, ${m}, f.ladder_stage, coalesce(prev.stage, 'unaware')
    FROM client_figures f
    LEFT JOIN LATERAL (
      SELECT z.stage FROM client_stage_changes z WHERE z.org_id = f.org_id AND z.client_id = f.client_id AND z.month < ${m} ORDER BY z.month DESC LIMIT 1
    ) prev ON TRUE
    WHERE f.org_id = ${org} ${clientFilter(scope, 'f.client_id')} AND f.ladder_stage <> coalesce(prev.stage, 'unaware')`,
  );
}
