import { sql } from 'drizzle-orm';
import type { AbcBasis } from '../../../core/analytics/segments.js';
import type { AnalyticsSettings } from '../../../core/analytics/settings.js';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';

// Org-wide views, computed from client_figures, client_months and client_stage_changes.

export type Totals = {
  clients: number;
  buyingClients: number;
  revenue: number;
  margin: number;
  costToServe: number;
  profit: number;
  managerMinutes: number;
  overdueNow: number;
  lossMakingClients: number;
  lossMakingProfit: number;
  byStage: Record<string, number>;
  byCategory: Record<string, number>;
  byAbcProfit: Record<string, number>;
  costCoverage: CostCoverage;
};

export type CostCoverage = {
  unknownProfitClients: number;
  revenueWithoutCost: number;
  revenueWithCostPct: number | null;
};

/**
 * How much of the revenue margin and profit cover: clients with no known cost at all (left out of
 * every profit-based total and class) and the revenue of lines with no cost data (theirs, and the
 * unknown part of the others').
 */
export async function costCoverage(db: Database, orgId: number): Promise<CostCoverage> {
  const {
    rows: [t],
  } = await db.engine.query<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE profit IS NULL) AS unknown,
      coalesce(sum(uncosted_revenue), 0) AS uncosted, coalesce(sum(revenue), 0) AS revenue FROM client_figures WHERE org_id = $1`,
    [orgId],
  );
  const revenue = Number(t!.revenue),
    uncosted = Number(t!.uncosted);
  return {
    unknownProfitClients: Number(t!.unknown),
    revenueWithoutCost: uncosted,
    revenueWithCostPct: revenue > 0 ? Math.round(((revenue - uncosted) * 1000) / revenue) / 10 : null,
  };
}

/**
 * Totals of client_figures; loss-making clients are those whose category shown is loss-making, as in
 * byCategory. Margin and profit add up the clients whose profit is known (costCoverage says how much is left out).
 */
export async function orgTotals(db: Database, orgId: number): Promise<Totals> {
  const {
    rows: [t],
  } = await db.engine.query<Record<string, number>>(
    `
    SELECT count(*) AS clients, count(*) FILTER (WHERE orders > 0) AS buying_clients, coalesce(sum(revenue), 0) AS revenue, coalesce(sum(margin), 0) AS margin,
      coalesce(sum(cost_to_serve), 0) AS cost_to_serve, coalesce(sum(profit), 0) AS profit, coalesce(sum(manager_minutes), 0) AS manager_minutes,
      coalesce(sum(overdue_now), 0) AS overdue_now, count(*) FILTER (WHERE category = 'loss_making') AS loss_making_clients, coalesce(sum(profit) FILTER (WHERE category = 'loss_making'), 0) AS loss_making_profit
    FROM client_figures WHERE org_id = $1`,
    [orgId],
  );
  const group = async (column: string) => {
    const { rows } = await db.engine.query<{ key: string | null; n: number }>(
      `SELECT ${column} AS key, count(*) AS n FROM client_figures WHERE org_id = $1 GROUP BY 1`,
      [orgId],
    );
    return Object.fromEntries(rows.map((r) => [r.key ?? 'none', Number(r.n)]));
  };
  return {
    clients: Number(t!.clients),
    buyingClients: Number(t!.buying_clients),
    revenue: Number(t!.revenue),
    margin: Number(t!.margin),
    costToServe: Number(t!.cost_to_serve),
    profit: Number(t!.profit),
    managerMinutes: Number(t!.manager_minutes),
    overdueNow: Number(t!.overdue_now),
    lossMakingClients: Number(t!.loss_making_clients),
    lossMakingProfit: Number(t!.loss_making_profit),
    byStage: await group('ladder_stage'),
    byCategory: await group('category'),
    byAbcProfit: await group('abc_profit'),
    costCoverage: await costCoverage(db, orgId),
  };
}

export type MatrixCell = {
  abc: string;
  xyz: string;
  clients: number;
  revenue: number;
  grossSales: number;
  profit: number;
};

const abcColumn: Record<AbcBasis, string> = { profit: 'abc_profit', revenue: 'abc_revenue', gross: 'abc_gross' };

/** ABC (by profit, revenue or gross sales) × XYZ: clients, revenue, gross sales and profit per cell (kopecks); "none" for unclassed. */
export async function abcXyzMatrix(db: Database, orgId: number, basis: AbcBasis): Promise<MatrixCell[]> {
  const column = abcColumn[basis];
  const { rows } = await db.engine.query<{
    abc: string;
    xyz: string;
    clients: number;
    revenue: number;
    gross: number;
    profit: number;
  }>(
    `
    SELECT ${column} AS abc, coalesce(xyz, 'none') AS xyz, count(*) AS clients, sum(revenue) AS revenue, sum(revenue + returns) AS gross, sum(profit) AS profit
    FROM client_figures WHERE org_id = $1 AND ${column} IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    [orgId],
  );
  return rows.map((r) => ({
    abc: r.abc,
    xyz: r.xyz,
    clients: Number(r.clients),
    revenue: Number(r.revenue),
    grossSales: Number(r.gross),
    profit: Number(r.profit),
  }));
}

export type RfmCell = {
  segment: string;
  clients: number;
  revenue: number;
  margin: number;
  profit: number;
  avgRecencyDays: number;
};

export async function rfmSegmentsOf(
  db: Database,
  orgId: number,
): Promise<{ basis: 'margin' | 'revenue'; segments: RfmCell[]; grid: { r: number; f: number; clients: number }[] }> {
  const { rows } = await db.engine.query<Record<string, unknown>>(
    `
    SELECT rfm_segment AS segment, count(*) AS clients, sum(revenue) AS revenue, sum(margin) AS margin, sum(profit) AS profit, round(avg(recency_days)) AS avg_recency
    FROM client_figures WHERE org_id = $1 AND rfm_segment IS NOT NULL GROUP BY 1`,
    [orgId],
  );
  const { rows: grid } = await db.engine.query<{ r: number; f: number; clients: number }>(
    `
    SELECT r_score AS r, f_score AS f, count(*) AS clients FROM client_figures WHERE org_id = $1 AND r_score IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    [orgId],
  );
  const {
    rows: [known],
  } = await db.engine.query<{ all_known: boolean | null }>(
    'SELECT bool_and(margin IS NOT NULL) AS all_known FROM client_figures WHERE org_id = $1 AND recency_days IS NOT NULL',
    [orgId],
  );
  return {
    // As segments.ts ranks M: by margin only when every buyer's margin is known.
    basis: known?.all_known === false ? 'revenue' : 'margin',
    segments: rows.map((r) => ({
      segment: String(r.segment),
      clients: Number(r.clients),
      revenue: Number(r.revenue),
      margin: Number(r.margin),
      profit: Number(r.profit),
      avgRecencyDays: Number(r.avg_recency),
    })),
    grid: grid.map((g) => ({ r: Number(g.r), f: Number(g.f), clients: Number(g.clients) })),
  };
}

export type WhalePoint = { rank: number; clientShare: number; cumulativeProfit: number; profitShare: number | null };

/**
 * The whale curve (Kaplan & Narayanan 2001; docs/analytics.md §12): clients active in the period
 * ranked by profit after cost to serve, highest first; cumulative profit against the share of clients.
 * Sampled to about `points` points; the hump is the peak of cumulative profit over the total.
 */
export async function whaleCurve(
  db: Database,
  orgId: number,
  points = 100,
): Promise<{ clients: number; totalProfit: number; peakProfit: number; hump: number | null; curve: WhalePoint[] }> {
  const { rows } = await db.engine.query<{ i: number; n: number; cum: number; total: number; peak: number }>(
    `
    WITH ranked AS (
      SELECT row_number() OVER (ORDER BY profit DESC, client_id) AS i, count(*) OVER () AS n,
        sum(profit) OVER (ORDER BY profit DESC, client_id) AS cum, sum(profit) OVER () AS total
      FROM client_figures WHERE org_id = $1 AND (revenue <> 0 OR cost_to_serve <> 0) AND profit IS NOT NULL
    ), peaked AS (SELECT *, max(cum) OVER () AS peak FROM ranked)
    SELECT i, n, cum, total, peak FROM peaked WHERE i = 1 OR i = n OR i % greatest(1, n / $2) = 0 ORDER BY i`,
    [orgId, points],
  );
  if (rows.length === 0) return { clients: 0, totalProfit: 0, peakProfit: 0, hump: null, curve: [] };
  const total = Number(rows[0]!.total);
  const n = Number(rows[0]!.n);
  const peak = Number(rows[0]!.peak);
  return {
    clients: n,
    totalProfit: total,
    peakProfit: peak,
    hump: total > 0 ? peak / total : null,
    curve: [
      { rank: 0, clientShare: 0, cumulativeProfit: 0, profitShare: total > 0 ? 0 : null },
      ...rows.map((r) => ({
        rank: Number(r.i),
        clientShare: Number(r.i) / n,
        cumulativeProfit: Number(r.cum),
        profitShare: total > 0 ? Number(r.cum) / total : null,
      })),
    ],
  };
}

/** The insignificant group's totals (its members are the clients whose computed category says so). */
export async function insignificantTotals(db: Database, orgId: number, s: AnalyticsSettings) {
  const {
    rows: [t],
  } = await db.engine.query<Record<string, number>>(
    `
    SELECT count(*) AS clients, coalesce(sum(profit), 0) AS profit, coalesce(sum(profit_share), 0) AS profit_share,
      coalesce(sum(time_share), 0) AS time_share, coalesce(sum(manager_minutes), 0) AS minutes, count(*) FILTER (WHERE rfm_segment = 'champions') AS champions
    FROM client_figures WHERE org_id = $1 AND computed_category = 'insignificant'`,
    [orgId],
  );
  const { unknownProfitClients } = await costCoverage(db, orgId);
  const timeShare = Number(t!.time_share);
  return {
    clients: Number(t!.clients),
    profit: Number(t!.profit),
    profitShare: Number(t!.profit_share),
    timeShare,
    managerMinutes: Number(t!.minutes),
    profitThresholdPct: s.insignificantProfitPct,
    timeThresholdPct: s.insignificantTimePct,
    takesBulkOfTime: timeShare * 100 >= s.insignificantTimePct,
    rfmChampions: Number(t!.champions),
    unknownProfitClients,
  };
}

/**
 * The ladder over a period: each client's stage at the start (before `from`) and at the end (`to`), as
 * a table of transitions; climbed = higher at the end, fell = lower (lost is the bottom), stayed = same.
 */
export async function ladderFunnel(db: Database, orgId: number, from: string, to: string) {
  const { rows } = await db.engine.query<{ start: string; finish: string; clients: number }>(
    `
    WITH s AS (SELECT DISTINCT ON (client_id) client_id, stage FROM client_stage_changes WHERE org_id = $1 AND month < $2::date ORDER BY client_id, month DESC),
    e AS (SELECT DISTINCT ON (client_id) client_id, stage FROM client_stage_changes WHERE org_id = $1 AND month <= $3::date ORDER BY client_id, month DESC)
    SELECT coalesce(s.stage, 'unaware') AS start, e.stage AS finish, count(*) AS clients
    FROM e LEFT JOIN s USING (client_id) GROUP BY 1, 2`,
    [orgId, from, to],
  );
  return rows.map((r) => ({ from: r.start, to: r.finish, clients: Number(r.clients) }));
}

export type CohortRow = { cohort: string; size: number; retained: number[] };
export type FlowRow = {
  period: string;
  previousBuyers: number;
  retained: number;
  retentionRate: number | null;
  significantLost: number;
  significantGained: number;
  alarm: boolean;
};

/**
 * Cohorts, and per quarter and per year the retention rate and the significant clients lost against
 * gained, from one pass over client_months (each client's periods are compared with their neighbours,
 * not joined with themselves) and the recorded losses (client_losses):
 * - cohort = the quarter of first purchase; retained[k] = the cohort's clients who bought k quarters later;
 * - retention rate of a period = buyers of the previous period who bought again ÷ buyers of the
 *   previous period (docs/domain.md §8, reference 70 %);
 * - significant = A by profit within its period (ABC as in segments; profit here = margin − manager
 *   time − logistics − relationship spend: the cost of late payment needs day-level settlements and
 *   is left out); gained in a period = significant in it and no purchase in the previous one;
 * - lost in a period (docs/domain.md §9) = a client, counted once, that either
 *   (inferred) was significant in the previous period and bought nothing in this one, or
 *   (recorded) was marked lost in this period with a loss record saying it was significant: key or
 *   major on its card when lost, or a profit at loss (its 12 months up to the loss, the same profit as
 *   above) at least the smallest profit of a class-A client of the previous calendar year (of the
 *   year of the loss when there is no previous one) — a profit that would have put it in class A.
 *   A client recorded lost in a period is not counted again, as inferred, in the next one: it is the
 *   same departure, seen a period earlier. Losses later won back still count in their period.
 * The alarm sounds when lost > gained.
 */
export async function retentionCharts(
  db: Database,
  orgId: number,
  s: AnalyticsSettings,
): Promise<{ cohorts: CohortRow[]; quarters: FlowRow[]; years: FlowRow[] }> {
  const org = orgId;
  const rate = sql`${s.hourlyRate}::numeric`;
  const a = sql`${s.abcA}::numeric`;
  const stepOf = (grain: 'quarter' | 'year') =>
    sql.raw(grain === 'quarter' ? `interval '3 months'` : `interval '1 year'`);
  const flows = (grain: 'quarter' | 'year', source: string) => {
    const step = stepOf(grain);
    const g = sql.raw(grain);
    return sql`
      ranked_${g} AS (
        SELECT client_id, period, bought, profit,
          profit > 0 AND coalesce(sum(profit) FILTER (WHERE profit > 0) OVER (PARTITION BY period ORDER BY profit DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) * 100
            < ${a} * sum(profit) FILTER (WHERE profit > 0) OVER (PARTITION BY period) AS significant
        FROM ${sql.raw(source)}
      ), linked_${g} AS (
        SELECT *, lag(period) OVER w AS prev_period, lag(bought) OVER w AS prev_bought, lead(period) OVER w AS next_period, lead(bought) OVER w AS next_bought
        FROM ranked_${g} WINDOW w AS (PARTITION BY client_id ORDER BY period)
      ), events_${g} AS (
        -- Each row speaks for its own period (gained) and for the next one (previous buyer, retained).
        SELECT period, 0 AS previous_buyers, 0 AS retained,
          (significant AND NOT coalesce(prev_period = (period - ${step})::date AND prev_bought, false))::int AS gained FROM linked_${g}
        UNION ALL
        SELECT (period + ${step})::date, bought::int, coalesce(bought AND next_period = (period + ${step})::date AND next_bought, false)::int, 0 FROM linked_${g}
      ), inferred_lost_${g} AS (
        SELECT (period + ${step})::date AS period, client_id FROM linked_${g}
        WHERE significant AND NOT coalesce(next_period = (period + ${step})::date AND next_bought, false)
      )`;
  };
  // After both grains' rankings and the recorded losses: each client lost at most once per period.
  const lostFlows = (grain: 'quarter' | 'year') => {
    const step = stepOf(grain);
    const g = sql.raw(grain);
    return sql`
      lost_${g} AS (
        SELECT period, client_id FROM inferred_lost_${g} i
        WHERE NOT EXISTS (SELECT 1 FROM recorded_lost r WHERE r.client_id = i.client_id AND date_trunc('${g}', r.lost_on)::date = (i.period - ${step})::date)
        UNION
        SELECT date_trunc('${g}', lost_on)::date, client_id FROM recorded_lost
      ), flows_${g} AS (
        SELECT period, sum(previous_buyers) AS previous_buyers, sum(retained) AS retained, sum(lost) AS lost, sum(gained) AS gained FROM (
          SELECT period, previous_buyers, retained, 0 AS lost, gained FROM events_${g}
          UNION ALL SELECT period, 0, 0, 1, 0 FROM lost_${g}
        ) e
        WHERE period > (SELECT min(period) FROM ranked_${g}) AND period <= (SELECT max(period) FROM ranked_${g})
        GROUP BY period
      )`;
  };
  const { rows } = await runSql<{
    kind: 'cohort' | 'quarter' | 'year';
    period: string;
    k: number;
    a: number;
    b: number;
    c: number;
    d: number;
  }>(
    db,
    sql`
    WITH quarters AS MATERIALIZED (
      SELECT client_id, date_trunc('quarter', month)::date AS period, sum(orders) > 0 AS bought,
        sum(revenue - uncosted_revenue - cost - logistics - spend) - round(sum(minutes) * ${rate} / 60) AS profit
      FROM client_months WHERE org_id = ${org} GROUP BY 1, 2
    ), years AS (
      SELECT client_id, date_trunc('year', period)::date AS period, bool_or(bought) AS bought, sum(profit) AS profit FROM quarters GROUP BY 1, 2
    ), cohort AS (
      SELECT client_id, min(period) AS cohort FROM quarters WHERE bought GROUP BY 1
    ), ${flows('quarter', 'quarters')}, ${flows('year', 'years')},
    class_a_floor AS (
      SELECT period, min(profit) AS floor FROM ranked_year WHERE significant GROUP BY period
    ), recorded_lost AS (
      SELECT l.client_id, l.lost_on FROM client_losses l
      LEFT JOIN class_a_floor prev ON prev.period = (date_trunc('year', l.lost_on) - interval '1 year')::date
      LEFT JOIN class_a_floor cur ON cur.period = date_trunc('year', l.lost_on)::date
      WHERE l.org_id = ${org} AND (l.significance IN ('key', 'major') OR l.profit_at_loss >= coalesce(prev.floor, cur.floor))
    ), ${lostFlows('quarter')}, ${lostFlows('year')}
    SELECT 'cohort' AS kind, c.cohort AS period,
      ((extract(year FROM q.period) - extract(year FROM c.cohort)) * 4 + extract(quarter FROM q.period) - extract(quarter FROM c.cohort))::int AS k,
      count(*) AS a, 0 AS b, 0 AS c, 0 AS d
    FROM quarters q JOIN cohort c USING (client_id) WHERE q.bought GROUP BY 2, 3
    UNION ALL SELECT 'quarter', period, 0, previous_buyers, retained, lost, gained FROM flows_quarter
    UNION ALL SELECT 'year', period, 0, previous_buyers, retained, lost, gained FROM flows_year
    ORDER BY 1, 2, 3`,
  );
  const byCohort = new Map<string, number[]>();
  const flowRows = { quarter: [] as FlowRow[], year: [] as FlowRow[] };
  for (const r of rows) {
    if (r.kind === 'cohort') {
      const list = byCohort.get(r.period) ?? [];
      list[Number(r.k)] = Number(r.a);
      byCohort.set(r.period, list);
    } else {
      const prev = Number(r.a);
      const lost = Number(r.c);
      const gained = Number(r.d);
      flowRows[r.kind].push({
        period: r.period,
        previousBuyers: prev,
        retained: Number(r.b),
        retentionRate: prev > 0 ? Number(r.b) / prev : null,
        significantLost: lost,
        significantGained: gained,
        alarm: lost > gained,
      });
    }
  }
  return {
    cohorts: [...byCohort].map(([cohort, list]) => ({
      cohort,
      size: list[0] ?? 0,
      retained: Array.from({ length: list.length }, (_, i) => list[i] ?? 0),
    })),
    quarters: flowRows.quarter,
    years: flowRows.year,
  };
}
