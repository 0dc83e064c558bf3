import { addMonths, monthEnd, monthsIn, type Period } from '../../../core/analytics/period.js';
import { monthsPerGrain, xyzWindow } from '../../../core/analytics/segments.js';
import type { AnalyticsSettings } from '../../../core/analytics/settings.js';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';
import { stageCase } from './ladder.js';
import { paymentsTrackedSql } from './payment-tracking.js';
import { clientFilter, upkeepOptions, type Scope } from './scope.js';

/** The per-client figures, in client_figures' column order (segment columns excluded). */
export const figureColumns = [
  'client_id',
  'revenue',
  'cost',
  'uncosted_revenue',
  'margin',
  'margin_pct',
  'returns',
  'orders',
  'purchase_days',
  'orders_per_month',
  'avg_interval_days',
  'recency_days',
  'tenure_days',
  'first_purchase',
  'last_purchase',
  'products_bought',
  'groups_bought',
  'avg_discount_pct',
  'avg_delay_days',
  'max_delay_days',
  'overdue_now',
  'interactions',
  'manager_minutes',
  'manager_time_cost',
  'logistics_cost',
  'relationship_spend',
  'late_payment_cost',
  'cost_to_serve',
  'profit',
  'active_months',
  'revenue_cv',
  'ladder_stage',
  'stage_since',
] as const;

/**
 * SELECT of every client's figures for a period (whole months) as of a day, from the rollups only
 * (client_months, order_settlements, client_stage_changes). Formulas (kopecks; sources in
 * docs/analytics.md §4–7 and §9, the seeds behind them in docs/domain.md §6–7):
 * - margin = revenue − cost of goods, over the lines whose cost is known (costed revenue = revenue −
 *   revenue of lines of unknown cost); margin % = margin ÷ costed revenue × 100. When none of the
 *   period's lines has a known cost, cost, margin, margin % and profit are unknown (null), never 100 %;
 *   when some have, they are over the known part and uncosted_revenue says how much is left out;
 * - orders per month = sales documents ÷ months in the period; average interval = (last − first
 *   purchase day in the period) ÷ (purchase days − 1); recency = as-of − last purchase; tenure =
 *   as-of − first purchase ever;
 * - average discount = (1 − Σ sold amount ÷ Σ quantity × list price) × 100, over lines with a list price;
 * - payment discipline over documents due in the period (up to the as-of day): delay = max(0,
 *   settled − due), open documents counting to the as-of day; overdue now = Σ the parts of documents
 *   due before the as-of day not covered by it (order_settlements' pieces: a partial return or payment
 *   reduces it), so it never exceeds what the client owes; while payments are not tracked (payment-tracking.ts)
 *   there are no delays, overdue is unknown (null) and nothing is charged for late payment;
 * - manager time cost = minutes × hourly rate ÷ 60; cost of late payment = Σ over the pieces of each
 *   document, amount × days late inside the period ÷ 365 × cost of capital %; cost to serve = manager time + logistics + relationship spend
 *   (receptions, entertainment, gifts) + cost of late payment; profit = margin − cost to serve;
 * - revenue CV = population σ ÷ μ of the revenue per period of the XYZ grain (month or quarter) over the
 *   whole grain periods of the period, counted back from its end, zero periods counting (revenueVariation in core).
 */
/**
 * `keepBreadth`: take products and groups bought from client_figures instead of the rollups' product
 * arrays (the costliest part). Right only while the period is the one those rows were computed for:
 * writes keep each client's breadth current, so the refresh recomputes it only when the period moves.
 */
export function figuresSelect(
  scope: Scope,
  period: Period,
  asOf: string,
  s: AnalyticsSettings,
  keepBreadth = false,
): SQL {
  const org = scope.orgId;
  const from = sql`${period.from}::date`;
  const to = sql`${period.to}::date`;
  const end = sql`${monthEnd(period.to)}::date`;
  const day = sql`${asOf}::date`;
  const months = sql`${monthsIn(period)}::numeric`;
  const rate = sql`${s.hourlyRate}::numeric`;
  const capital = sql`${s.costOfCapitalPct}::numeric`;
  // Untracked payments: no delays, nothing overdue (unknown, null), no cost of late payment.
  const tracked = paymentsTrackedSql(org, s.paymentTracking);
  const c = clientFilter(scope, 'c.id');
  const m = clientFilter(scope, 'm.client_id');
  const st = clientFilter(scope, 'x.client_id');
  const sc = clientFilter(scope, 'z.client_id');
  const grain = xyzWindow(monthsIn(period), s.xyzGrain);
  const xyzFrom = sql`${addMonths(period.from, grain.skip)}::date`;
  const xyzSize = sql`${monthsPerGrain[s.xyzGrain]}::int`;
  const xyzPeriods = sql`${grain.periods}::numeric`;
  const breadthCte = keepBreadth
    ? sql`    ), breadth AS (
      SELECT kb.client_id, kb.products_bought AS products, kb.groups_bought AS product_groups FROM client_figures kb WHERE kb.org_id = ${org} ${clientFilter(scope, 'kb.client_id')}
`
    : sql`    ), breadth AS (
      SELECT m.client_id, count(DISTINCT u.product_id) AS products, count(DISTINCT pr.product_group) AS product_groups
      FROM client_months m CROSS JOIN LATERAL unnest(m.products) AS u(product_id)
      LEFT JOIN products pr ON pr.org_id = m.org_id AND pr.id = u.product_id
      WHERE m.org_id = ${org} AND m.month BETWEEN ${from} AND ${to} ${m}
      GROUP BY m.client_id
`;
  return sql`
    WITH months AS (
      SELECT m.client_id,
        sum(m.revenue) FILTER (WHERE m.month >= ${from}) AS revenue,
        sum(m.cost) FILTER (WHERE m.month >= ${from}) AS cost,
        sum(m.uncosted_revenue) FILTER (WHERE m.month >= ${from}) AS uncosted_revenue,
        sum(m.lines) FILTER (WHERE m.month >= ${from}) AS lines,
        sum(m.uncosted_lines) FILTER (WHERE m.month >= ${from}) AS uncosted_lines,
        sum(m.returns) FILTER (WHERE m.month >= ${from}) AS returns,
        sum(m.list_amount) FILTER (WHERE m.month >= ${from}) AS list_amount,
        sum(m.listed_amount) FILTER (WHERE m.month >= ${from}) AS listed_amount,
        sum(m.orders) FILTER (WHERE m.month >= ${from}) AS orders,
        sum(m.purchase_days) FILTER (WHERE m.month >= ${from}) AS purchase_days,
        min(m.first_purchase) FILTER (WHERE m.month >= ${from}) AS period_first,
        max(m.last_purchase) FILTER (WHERE m.month >= ${from}) AS period_last,
        min(m.first_purchase) AS first_purchase, max(m.last_purchase) AS last_purchase,
        sum(m.logistics) FILTER (WHERE m.month >= ${from}) AS logistics,
        sum(m.interactions) FILTER (WHERE m.month >= ${from}) AS interactions,
        sum(m.minutes) FILTER (WHERE m.month >= ${from}) AS minutes,
        sum(m.spend) FILTER (WHERE m.month >= ${from}) AS spend,
        count(*) FILTER (WHERE m.month >= ${from} AND m.orders > 0) AS active_months,
        sum(m.purchase_days) AS purchase_days_all, sum(m.interactions) AS touches_all,
        sum(m.purchase_days) FILTER (WHERE m.month > ${to} - interval '12 months') AS purchases_12,
        (count(*) FILTER (WHERE m.purchase_days > 0 AND m.month > ${to} - interval '3 months') > 0)::int
          + (count(*) FILTER (WHERE m.purchase_days > 0 AND m.month > ${to} - interval '6 months' AND m.month <= ${to} - interval '3 months') > 0)::int
          + (count(*) FILTER (WHERE m.purchase_days > 0 AND m.month > ${to} - interval '9 months' AND m.month <= ${to} - interval '6 months') > 0)::int
          + (count(*) FILTER (WHERE m.purchase_days > 0 AND m.month > ${to} - interval '12 months' AND m.month <= ${to} - interval '9 months') > 0)::int AS active_quarters
      FROM client_months m
      WHERE m.org_id = ${org} AND m.month <= ${to} ${m}
      GROUP BY m.client_id
${breadthCte}    ), variation AS (
      -- Revenue per XYZ period: whole periods of the grain counted back from the period's last month.
      SELECT v.client_id, sum(v.amount) AS total, sum(v.amount::numeric * v.amount) AS total_sq
      FROM (
        SELECT m.client_id, sum(m.revenue) AS amount,
          ((extract(year FROM ${to})::int - extract(year FROM m.month)::int) * 12 + extract(month FROM ${to})::int - extract(month FROM m.month)::int) / ${xyzSize} AS bucket
        FROM client_months m WHERE m.org_id = ${org} AND m.month BETWEEN ${xyzFrom} AND ${to} ${m}
        GROUP BY 1, 3
      ) v
      GROUP BY v.client_id
    ), settle AS (
      -- Per document: its delay runs to the day its last piece was covered (a piece covered after the
      -- as-of day was still open on it); what is overdue and what is late is counted piece by piece,
      -- so a part already returned or paid is neither. Pieces covered before the period are skipped.
      SELECT x.client_id,
        avg(x.delay) FILTER (WHERE x.due_on BETWEEN ${from} AND least(${end}, ${day})) AS avg_delay,
        max(x.delay) FILTER (WHERE x.due_on BETWEEN ${from} AND least(${end}, ${day})) AS max_delay,
        coalesce(sum(x.overdue), 0) AS overdue, coalesce(sum(x.late_amount_days), 0) AS late_amount_days
      FROM (
        SELECT client_id, order_id, due_on, greatest(0, max(paid_by_then) - due_on) AS delay,
          sum(amount) FILTER (WHERE due_on < ${day} AND paid_by_then = ${day} AND (settled_on IS NULL OR settled_on > ${day})) AS overdue,
          sum(amount::numeric * greatest(0, least(paid_by_then, ${end} + 1) - greatest(due_on, ${from}))) AS late_amount_days
        FROM (
          SELECT client_id, order_id, due_on, amount, settled_on, CASE WHEN settled_on <= ${day} THEN settled_on ELSE ${day} END AS paid_by_then
          FROM order_settlements x WHERE x.org_id = ${org} AND x.due_on <= least(${end}, ${day}) ${st} AND ${tracked}
            AND (x.due_on >= ${from} OR x.settled_on IS NULL OR x.settled_on > ${from})
        ) pieces
        GROUP BY client_id, order_id, due_on
      ) x
      GROUP BY x.client_id
    ), stage AS (
      -- The stage reached before this month; today's stage is evaluated below with the ladder's rules.
      SELECT DISTINCT ON (z.client_id) z.client_id, z.stage, z.month FROM client_stage_changes z
      WHERE z.org_id = ${org} AND z.month < ${to} ${sc}
      ORDER BY z.client_id, z.month DESC
    ), ladder AS (
      SELECT c.id AS client_id, c.lost_on, ${day} AS as_of, coalesce(mo.purchase_days_all, 0) AS purchase_days, mo.first_purchase, mo.last_purchase,
        coalesce(mo.touches_all, 0) AS touches, coalesce(mo.purchases_12, 0) AS purchases_12, coalesce(mo.active_quarters, 0) AS active_quarters
      FROM clients c LEFT JOIN months mo ON mo.client_id = c.id
      WHERE c.org_id = ${org} ${c}
    ), staged AS (
      SELECT l.client_id, ${stageCase(s)} AS stage FROM ladder l
    ), base AS (
      SELECT c.id AS client_id,
        coalesce(mo.revenue, 0) AS revenue, coalesce(mo.cost, 0) AS cost, coalesce(mo.returns, 0) AS returns,
        coalesce(mo.uncosted_revenue, 0) AS uncosted_revenue,
        (coalesce(mo.lines, 0) = 0 OR coalesce(mo.uncosted_lines, 0) < mo.lines) AS cost_known,
        mo.list_amount, mo.listed_amount, coalesce(mo.orders, 0) AS orders, coalesce(mo.purchase_days, 0) AS purchase_days,
        mo.period_first, mo.period_last, mo.first_purchase, mo.last_purchase,
        coalesce(mo.logistics, 0) AS logistics, coalesce(mo.interactions, 0) AS interactions, coalesce(mo.minutes, 0) AS minutes,
        coalesce(mo.spend, 0) AS spend, coalesce(mo.active_months, 0) AS active_months, va.total AS xyz_total, va.total_sq AS xyz_sq,
        coalesce(b.products, 0) AS products, coalesce(b.product_groups, 0) AS product_groups,
        se.avg_delay, se.max_delay, CASE WHEN ${tracked} THEN coalesce(se.overdue, 0) END AS overdue,
        round(coalesce(se.late_amount_days, 0) * ${capital} / 100 / 365) AS late_cost,
        round(coalesce(mo.minutes, 0) * ${rate} / 60) AS time_cost,
        c.category_override AS manual_category, sd.stage AS ladder_stage,
        CASE WHEN sd.stage = coalesce(sg.stage, 'unaware') THEN sg.month WHEN sd.stage <> 'unaware' THEN ${to} END AS stage_since
      FROM clients c
      LEFT JOIN months mo ON mo.client_id = c.id
      LEFT JOIN breadth b ON b.client_id = c.id
      LEFT JOIN variation va ON va.client_id = c.id
      LEFT JOIN settle se ON se.client_id = c.id
      LEFT JOIN stage sg ON sg.client_id = c.id
      JOIN staged sd ON sd.client_id = c.id
      WHERE c.org_id = ${org} ${c}
    )
    SELECT client_id, revenue, CASE WHEN cost_known THEN cost END AS cost, uncosted_revenue,
      CASE WHEN cost_known THEN revenue - uncosted_revenue - cost END AS margin,
      CASE WHEN cost_known AND revenue - uncosted_revenue > 0 THEN round((revenue - uncosted_revenue - cost) * 100.0 / (revenue - uncosted_revenue), 2) END AS margin_pct,
      returns, orders, purchase_days, round(orders / ${months}, 2) AS orders_per_month,
      CASE WHEN purchase_days >= 2 THEN round((period_last - period_first)::numeric / (purchase_days - 1), 1) END AS avg_interval_days,
      CASE WHEN last_purchase IS NOT NULL THEN greatest(0, ${day} - last_purchase) END AS recency_days,
      CASE WHEN first_purchase IS NOT NULL THEN greatest(0, ${day} - first_purchase) END AS tenure_days,
      first_purchase, last_purchase, products AS products_bought, product_groups AS groups_bought,
      CASE WHEN list_amount > 0 THEN round((1 - listed_amount::numeric / list_amount) * 100, 2) END AS avg_discount_pct,
      round(avg_delay, 1) AS avg_delay_days, max_delay AS max_delay_days, overdue AS overdue_now, interactions, minutes AS manager_minutes,
      time_cost AS manager_time_cost, logistics AS logistics_cost, spend AS relationship_spend, late_cost AS late_payment_cost,
      time_cost + logistics + spend + late_cost AS cost_to_serve,
      CASE WHEN cost_known THEN revenue - uncosted_revenue - cost - (time_cost + logistics + spend + late_cost) END AS profit,
      active_months,
      CASE WHEN xyz_total > 0 AND ${xyzPeriods} >= 2 THEN sqrt(greatest(xyz_sq / ${xyzPeriods} - power(xyz_total / ${xyzPeriods}, 2), 0))::float8 / (xyz_total / ${xyzPeriods})::float8 END AS revenue_cv,
      ladder_stage, stage_since, manual_category
    FROM base`;
}

/**
 * Writes the scope's figures into client_figures. A scoped write keeps the org-wide classes (ABC,
 * XYZ, RFM, shares, category) from the last refresh; the refresh recomputes them for everyone.
 */
export async function refreshFigures(
  db: Database,
  scope: Scope,
  period: Period,
  asOf: string,
  s: AnalyticsSettings,
  keepBreadth = false,
): Promise<void> {
  const select = figuresSelect(scope, period, asOf, s, keepBreadth);
  const org = scope.orgId;
  const cols = sql.raw(figureColumns.join(', '));
  // Rows whose figures did not change are left alone: a refresh then writes (and bloats) only what moved.
  const changed = (table: string) =>
    sql.raw(
      figureColumns
        .filter((c) => c !== 'client_id')
        .map((c) => `${table}.${c}`)
        .join(', '),
    );
  const updates = sql.raw(
    figureColumns
      .filter((c) => c !== 'client_id')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', '),
  );
  // The category shown is a person's when set, else the computed one the last refresh gave.
  const category = sql`coalesce(EXCLUDED.category, client_figures.computed_category)`;
  await runSql(
    db,
    sql`
    INSERT INTO client_figures (org_id, ${cols}, category, updated_at)
    SELECT ${org}::bigint, ${cols}, manual_category, now() FROM (${select}) f
    ON CONFLICT (org_id, client_id) DO UPDATE SET ${updates}, category = ${category}, updated_at = now()
    WHERE (${changed('client_figures')}, client_figures.category) IS DISTINCT FROM (${changed('EXCLUDED')}, ${category})`,
    upkeepOptions(scope, 'generic'),
  );
}
