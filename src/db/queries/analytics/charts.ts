import type { AnalyticsSettings } from '../../../core/analytics/settings.js';
import type { Database } from '../../database.js';
import { Params } from './scope.js';

// Org-wide views, computed from client_figures, client_months and client_stage_changes.

export type Totals = {
  clients: number; buyingClients: number; revenue: number; margin: number; costToServe: number; profit: number; managerMinutes: number;
  overdueNow: number; lossMakingClients: number; lossMakingProfit: number;
  byStage: Record<string, number>; byCategory: Record<string, number>; byAbcProfit: Record<string, number>;
};

export async function orgTotals(db: Database, orgId: number): Promise<Totals> {
  const { rows: [t] } = await db.engine.query<Record<string, number>>(`
    SELECT count(*) AS clients, count(*) FILTER (WHERE orders > 0) AS buying_clients, coalesce(sum(revenue), 0) AS revenue, coalesce(sum(margin), 0) AS margin,
      coalesce(sum(cost_to_serve), 0) AS cost_to_serve, coalesce(sum(profit), 0) AS profit, coalesce(sum(manager_minutes), 0) AS manager_minutes,
      coalesce(sum(overdue_now), 0) AS overdue_now, count(*) FILTER (WHERE profit < 0) AS loss_making_clients, coalesce(sum(profit) FILTER (WHERE profit < 0), 0) AS loss_making_profit
    FROM client_figures WHERE org_id = $1`, [orgId]);
  const group = async (column: string) => {
    const { rows } = await db.engine.query<{ key: string | null; n: number }>(`SELECT ${column} AS key, count(*) AS n FROM client_figures WHERE org_id = $1 GROUP BY 1`, [orgId]);
    return Object.fromEntries(rows.map((r) => [r.key ?? 'none', Number(r.n)]));
  };
  return {
    clients: Number(t!.clients), buyingClients: Number(t!.buying_clients), revenue: Number(t!.revenue), margin: Number(t!.margin),
    costToServe: Number(t!.cost_to_serve), profit: Number(t!.profit), managerMinutes: Number(t!.manager_minutes), overdueNow: Number(t!.overdue_now),
    lossMakingClients: Number(t!.loss_making_clients), lossMakingProfit: Number(t!.loss_making_profit),
    byStage: await group('ladder_stage'), byCategory: await group('category'), byAbcProfit: await group('abc_profit'),
  };
}

export type MatrixCell = { abc: string; xyz: string; clients: number; revenue: number; profit: number };

/** ABC (by revenue or by profit) × XYZ: clients, revenue and profit per cell; "none" for unclassed. */
export async function abcXyzMatrix(db: Database, orgId: number, basis: 'revenue' | 'profit'): Promise<MatrixCell[]> {
  const column = basis === 'revenue' ? 'abc_revenue' : 'abc_profit';
  const { rows } = await db.engine.query<{ abc: string; xyz: string; clients: number; revenue: number; profit: number }>(`
    SELECT ${column} AS abc, coalesce(xyz, 'none') AS xyz, count(*) AS clients, sum(revenue) AS revenue, sum(profit) AS profit
    FROM client_figures WHERE org_id = $1 AND ${column} IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`, [orgId]);
  return rows.map((r) => ({ abc: r.abc, xyz: r.xyz, clients: Number(r.clients), revenue: Number(r.revenue), profit: Number(r.profit) }));
}

export type RfmCell = { segment: string; clients: number; revenue: number; margin: number; profit: number; avgRecencyDays: number };

export async function rfmSegmentsOf(db: Database, orgId: number): Promise<{ segments: RfmCell[]; grid: { r: number; f: number; clients: number }[] }> {
  const { rows } = await db.engine.query<Record<string, unknown>>(`
    SELECT rfm_segment AS segment, count(*) AS clients, sum(revenue) AS revenue, sum(margin) AS margin, sum(profit) AS profit, round(avg(recency_days)) AS avg_recency
    FROM client_figures WHERE org_id = $1 AND rfm_segment IS NOT NULL GROUP BY 1`, [orgId]);
  const { rows: grid } = await db.engine.query<{ r: number; f: number; clients: number }>(`
    SELECT r_score AS r, f_score AS f, count(*) AS clients FROM client_figures WHERE org_id = $1 AND r_score IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`, [orgId]);
  return {
    segments: rows.map((r) => ({ segment: String(r.segment), clients: Number(r.clients), revenue: Number(r.revenue), margin: Number(r.margin), profit: Number(r.profit), avgRecencyDays: Number(r.avg_recency) })),
    grid: grid.map((g) => ({ r: Number(g.r), f: Number(g.f), clients: Number(g.clients) })),
  };
}

export type WhalePoint = { rank: number; clientShare: number; cumulativeProfit: number; profitShare: number | null };

/**
 * The whale curve (Kaplan & Narayanan 2001; analytics-methods.md §8): clients active in the period
 * ranked by profit after cost to serve, highest first; cumulative profit against the share of clients.
 * Sampled to about `points` points; the hump is the peak of cumulative profit over the total.
 */
export async function whaleCurve(db: Database, orgId: number, points = 100): Promise<{ clients: number; totalProfit: number; peakProfit: number; hump: number | null; curve: WhalePoint[] }> {
  const { rows } = await db.engine.query<{ i: number; n: number; cum: number; total: number; peak: number }>(`
    WITH ranked AS (
      SELECT row_number() OVER (ORDER BY profit DESC, client_id) AS i, count(*) OVER () AS n,
        sum(profit) OVER (ORDER BY profit DESC, client_id) AS cum, sum(profit) OVER () AS total
      FROM client_figures WHERE org_id = $1 AND (revenue <> 0 OR cost_to_serve <> 0)
    ), peaked AS (SELECT *, max(cum) OVER () AS peak FROM ranked)
    SELECT i, n, cum, total, peak FROM peaked WHERE i = 1 OR i = n OR i % greatest(1, n / $2) = 0 ORDER BY i`, [orgId, points]);
  if (rows.length === 0) return { clients: 0, totalProfit: 0, peakProfit: 0, hump: null, curve: [] };
  const total = Number(rows[0]!.total);
  const n = Number(rows[0]!.n);
  const peak = Number(rows[0]!.peak);
  return {
    clients: n, totalProfit: total, peakProfit: peak, hump: total > 0 ? peak / total : null,
    curve: [{ rank: 0, clientShare: 0, cumulativeProfit: 0, profitShare: total > 0 ? 0 : null },
      ...rows.map((r) => ({ rank: Number(r.i), clientShare: Number(r.i) / n, cumulativeProfit: Number(r.cum), profitShare: total > 0 ? Number(r.cum) / total : null }))],
  };
}

/** The insignificant group's totals (its members are the clients whose computed category says so). */
export async function insignificantTotals(db: Database, orgId: number, s: AnalyticsSettings) {
  const { rows: [t] } = await db.engine.query<Record<string, number>>(`
    SELECT count(*) AS clients, coalesce(sum(profit), 0) AS profit, coalesce(sum(profit_share), 0) AS profit_share,
      coalesce(sum(time_share), 0) AS time_share, coalesce(sum(manager_minutes), 0) AS minutes
    FROM client_figures WHERE org_id = $1 AND computed_category = 'insignificant'`, [orgId]);
  const timeShare = Number(t!.time_share);
  return {
    clients: Number(t!.clients), profit: Number(t!.profit), profitShare: Number(t!.profit_share), timeShare, managerMinutes: Number(t!.minutes),
    profitThresholdPct: s.insignificantProfitPct, timeThresholdPct: s.insignificantTimePct, takesBulkOfTime: timeShare * 100 >= s.insignificantTimePct,
  };
}

/**
 * The ladder over a period: each client's stage at the start (before `from`) and at the end (`to`), as
 * a table of transitions; climbed = higher at the end, fell = lower (lost is the bottom), stayed = same.
 */
export async function ladderFunnel(db: Database, orgId: number, from: string, to: string) {
  const { rows } = await db.engine.query<{ start: string; finish: string; clients: number }>(`
    WITH s AS (SELECT DISTINCT ON (client_id) client_id, stage FROM client_stage_changes WHERE org_id = $1 AND month < $2::date ORDER BY client_id, month DESC),
    e AS (SELECT DISTINCT ON (client_id) client_id, stage FROM client_stage_changes WHERE org_id = $1 AND month <= $3::date ORDER BY client_id, month DESC)
    SELECT coalesce(s.stage, 'unaware') AS start, e.stage AS finish, count(*) AS clients
    FROM e LEFT JOIN s USING (client_id) GROUP BY 1, 2`, [orgId, from, to]);
  return rows.map((r) => ({ from: r.start, to: r.finish, clients: Number(r.clients) }));
}

export type CohortRow = { cohort: string; size: number; retained: number[] };

/** Cohorts by the quarter of first purchase: how many of each bought again N quarters later. */
export async function cohortRetention(db: Database, orgId: number): Promise<CohortRow[]> {
  const { rows } = await db.engine.query<{ cohort: string; k: number; clients: number }>(`
    WITH active AS (
      SELECT client_id, date_trunc('quarter', month)::date AS q FROM client_months WHERE org_id = $1 AND orders > 0 GROUP BY 1, 2
    ), first AS (SELECT client_id, min(q) AS cohort FROM active GROUP BY 1)
    SELECT f.cohort, ((extract(year FROM a.q) - extract(year FROM f.cohort)) * 4 + extract(quarter FROM a.q) - extract(quarter FROM f.cohort))::int AS k, count(*) AS clients
    FROM active a JOIN first f USING (client_id) GROUP BY 1, 2 ORDER BY 1, 2`, [orgId]);
  const byCohort = new Map<string, number[]>();
  for (const r of rows) {
    const list = byCohort.get(r.cohort) ?? [];
    list[Number(r.k)] = Number(r.clients);
    byCohort.set(r.cohort, list);
  }
  return [...byCohort].map(([cohort, list]) => ({ cohort, size: list[0] ?? 0, retained: Array.from({ length: list.length }, (_, i) => list[i] ?? 0) }));
}

export type FlowRow = { period: string; previousBuyers: number; retained: number; retentionRate: number | null; significantLost: number; significantGained: number; alarm: boolean };

/**
 * Per quarter or year: the retention rate (clients who bought in the previous period and bought again
 * in this one ÷ the previous period's buyers; DOMAIN.md §5, reference 70 %) and the significant
 * clients — A by profit in their period, ABC as in segments (profit here = margin − manager time −
 * logistics − relationship spend; the cost of late payment needs day-level data and is left out) —
 * lost (significant last period, no purchase this one) against gained (significant this period, no
 * purchase in the last one), with an alarm when losses outnumber gains.
 */
export async function periodFlows(db: Database, orgId: number, grain: 'quarter' | 'year', s: AnalyticsSettings): Promise<FlowRow[]> {
  const p = new Params();
  const org = p.add(orgId);
  const g = grain === 'quarter' ? `'quarter'` : `'year'`;
  const step = grain === 'quarter' ? `interval '3 months'` : `interval '1 year'`;
  const { rows } = await db.engine.query<Record<string, unknown>>(`
    WITH per AS (
      SELECT client_id, date_trunc(${g}, month)::date AS period, sum(orders) AS orders,
        sum(revenue - cost - logistics - spend) - round(sum(minutes) * ${p.add(s.hourlyRate, '::numeric')} / 60) AS profit
      FROM client_months WHERE org_id = ${org} GROUP BY 1, 2
    ), ranked AS (
      SELECT *, coalesce(sum(profit) FILTER (WHERE profit > 0) OVER (PARTITION BY period ORDER BY profit DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
        sum(profit) FILTER (WHERE profit > 0) OVER (PARTITION BY period) AS positive
      FROM per
    ), marked AS (
      SELECT client_id, period, orders > 0 AS bought, profit > 0 AND before * 100 < ${p.add(s.abcA, '::numeric')} * positive AS significant FROM ranked
    ), pairs AS (
      SELECT coalesce(c.period, (v.period + ${step})::date) AS period, v.bought AS prev_bought, v.significant AS prev_significant,
        c.bought AS cur_bought, c.significant AS cur_significant
      FROM marked c FULL JOIN marked v ON v.client_id = c.client_id AND v.period = (c.period - ${step})::date
    ), span AS (SELECT min(period) AS first, max(period) AS last FROM marked)
    SELECT period,
      count(*) FILTER (WHERE prev_bought) AS previous_buyers,
      count(*) FILTER (WHERE prev_bought AND cur_bought) AS retained,
      count(*) FILTER (WHERE prev_significant AND NOT coalesce(cur_bought, false)) AS significant_lost,
      count(*) FILTER (WHERE cur_significant AND NOT coalesce(prev_bought, false)) AS significant_gained
    FROM pairs, span WHERE period > span.first AND period <= span.last GROUP BY period ORDER BY period`, p.values);
  return rows.map((r) => {
    const prev = Number(r.previous_buyers);
    const lost = Number(r.significant_lost);
    const gained = Number(r.significant_gained);
    return { period: String(r.period), previousBuyers: prev, retained: Number(r.retained), retentionRate: prev > 0 ? Number(r.retained) / prev : null, significantLost: lost, significantGained: gained, alarm: lost > gained };
  });
}
