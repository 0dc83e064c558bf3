import { rfmGrid, steadyStages } from '../../../core/analytics/segments.js';
import type { AnalyticsSettings } from '../../../core/analytics/settings.js';
import { sql } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { runSql } from '../sql.js';

/** The segment of R × FM, FM = round((F + M) / 2), as a CASE over the grid in core. */
const rfmCase = (r: string, f: string, m: string) =>
  sql.raw(
    `CASE ${r}::text || round((${f} + ${m}) / 2.0)::int::text ${Object.entries(rfmGrid)
      .map(([cell, name]) => `WHEN '${cell}' THEN '${name}'`)
      .join(' ')} END`,
  );

/**
 * The computed category of a classed client (columns of `classed` below: bought, profit, insignificant,
 * abc_profit), the rule of core/analytics/segments: none for a client who did not trade with us or
 * whose profit is unknown; loss-making, insignificant, productive (A or B by profit), else average.
 */
const computedCategory =
  sql.raw(`CASE WHEN NOT k.bought THEN NULL WHEN k.profit < 0 THEN 'loss_making' WHEN k.insignificant THEN 'insignificant'
        WHEN k.abc_profit IN ('A', 'B') THEN 'productive' ELSE 'average' END`);

/**
 * Recomputes the org-wide classes of every client from client_figures (the rules are stated, with their
 * sources, in src/core/analytics/segments.ts, whose functions are the reference the tests hold this to):
 * - shares of the organisation's profit (Σ profit of all clients) and managers' minutes;
 * - ABC by revenue (net of returns), by gross sales (revenue + returns: what was sold, as 1C's sales
 *   reports count it) and by profit after cost to serve: rank highest first (ties by id), class by the
 *   cumulative share of the positive values before the client (A below abcA %, B below abcB %);
 * - XYZ by the coefficient of variation of monthly revenue (X ≤ xyzX %, Y ≤ xyzY %), none with fewer
 *   active months than xyzMinActiveMonths;
 * - RFM quintiles (ntile(5), ties by id) over clients who ever bought: R by recency (recent = 5),
 *   F by purchase days in the period, M by gross margin — by revenue instead when some buyer's margin
 *   is unknown (no cost data), so the ranks compare like with like; segment from the R × FM grid;
 * - a client whose profit is unknown (no cost data for any of its lines) is left out of everything
 *   profit-based: no ABC class by profit, no share of profit, never insignificant or loss-making, no
 *   computed category (the pages say how many are left out);
 * - the insignificant group (docs/analytics.md §11): steady clients (repeat, frequent, adherent) with profit ≥ 0 and
 *   manager time, not in class A by profit, taken from the least profit per minute up while together
 *   they give at most insignificantProfitPct % of the positive profit (insignificantGroup in core);
 * - computed category of clients who traded with us (ever bought, or only returned goods in the period;
 *   not a prospect we only spent time on) and whose profit is known: loss-making (profit < 0), insignificant, productive (A or B
 *   by profit), else average; the category shown is the manual one when a person set it, and every
 *   count of a category (the summary's loss-making clients too) counts the category shown.
 */
export async function refreshSegments(db: Database, orgId: number, s: AnalyticsSettings): Promise<void> {
  const org = orgId;
  const n = (v: number) => sql`${v}::numeric`;
  await runSql(
    db,
    sql`
    WITH f AS (
      SELECT client_id, revenue, revenue + returns AS gross, margin, profit, manager_minutes, purchase_days, recency_days, revenue_cv, active_months, ladder_stage, first_purchase
      FROM client_figures WHERE org_id = ${org}
    ), total AS (
      SELECT nullif(sum(profit), 0) AS profit, nullif(sum(manager_minutes), 0) AS minutes,
        nullif(sum(revenue) FILTER (WHERE revenue > 0), 0) AS positive_revenue, nullif(sum(profit) FILTER (WHERE profit > 0), 0) AS positive_profit,
        nullif(sum(gross) FILTER (WHERE gross > 0), 0) AS positive_gross,
        coalesce(bool_and(margin IS NOT NULL) FILTER (WHERE recency_days IS NOT NULL), true) AS margins_known
      FROM f
    ), abc_revenue AS (
      SELECT client_id, coalesce(sum(revenue) OVER (ORDER BY revenue DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM f WHERE revenue > 0
    ), abc_gross AS (
      SELECT client_id, coalesce(sum(gross) OVER (ORDER BY gross DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM f WHERE gross > 0
    ), abc_profit AS (
      SELECT client_id, coalesce(sum(profit) OVER (ORDER BY profit DESC, client_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
      FROM f WHERE profit > 0
    ), rfm AS (
      SELECT client_id,
        ntile(5) OVER (ORDER BY recency_days DESC, client_id) AS r,
        ntile(5) OVER (ORDER BY purchase_days, client_id) AS f,
        ntile(5) OVER (ORDER BY CASE WHEN t.margins_known THEN margin ELSE revenue END, client_id) AS m
      FROM f CROSS JOIN total t WHERE recency_days IS NOT NULL
    ), steady AS (
      -- Class A by profit is significant by definition, so never insignificant however long it takes.
      SELECT f.client_id,
        sum(f.profit) OVER (ORDER BY f.profit::float8 / f.manager_minutes, f.client_id ROWS UNBOUNDED PRECEDING) AS running
      FROM f CROSS JOIN total t LEFT JOIN abc_profit ap ON ap.client_id = f.client_id
      WHERE f.ladder_stage IN (${sql.raw([...steadyStages].map((x) => `'${x}'`).join(', '))}) AND f.profit >= 0 AND f.manager_minutes > 0
        AND NOT coalesce(f.profit > 0 AND ap.before * 100 < ${n(s.abcA)} * t.positive_profit, false)
    ), classed AS (
      SELECT f.client_id,
        f.profit::float8 / t.profit AS profit_share,
        f.manager_minutes::float8 / t.minutes AS time_share,
        CASE WHEN f.revenue > 0 THEN CASE WHEN ar.before * 100 < ${n(s.abcA)} * t.positive_revenue THEN 'A' WHEN ar.before * 100 < ${n(s.abcB)} * t.positive_revenue THEN 'B' ELSE 'C' END
             WHEN f.first_purchase IS NOT NULL THEN 'C' END AS abc_revenue,
        CASE WHEN f.gross > 0 THEN CASE WHEN ag.before * 100 < ${n(s.abcA)} * t.positive_gross THEN 'A' WHEN ag.before * 100 < ${n(s.abcB)} * t.positive_gross THEN 'B' ELSE 'C' END
             WHEN f.first_purchase IS NOT NULL THEN 'C' END AS abc_gross,
        CASE WHEN f.profit > 0 THEN CASE WHEN ap.before * 100 < ${n(s.abcA)} * t.positive_profit THEN 'A' WHEN ap.before * 100 < ${n(s.abcB)} * t.positive_profit THEN 'B' ELSE 'C' END
             WHEN f.first_purchase IS NOT NULL AND f.profit IS NOT NULL THEN 'C' END AS abc_profit,
        CASE WHEN f.revenue_cv IS NULL OR f.active_months < ${n(s.xyzMinActiveMonths)} THEN NULL
             WHEN f.revenue_cv * 100 <= ${n(s.xyzX)} THEN 'X' WHEN f.revenue_cv * 100 <= ${n(s.xyzY)} THEN 'Y' ELSE 'Z' END AS xyz,
        rfm.r, rfm.f, rfm.m,
        CASE WHEN rfm.r IS NOT NULL THEN ${rfmCase('rfm.r', 'rfm.f', 'rfm.m')} END AS rfm_segment,
        (sd.running IS NOT NULL AND sd.running * 100 <= ${n(s.insignificantProfitPct)} * coalesce(t.positive_profit, 0)) AS insignificant,
        -- Categorised: clients who ever bought, and those with only returns in the period (they traded with us).
        (f.first_purchase IS NOT NULL OR f.revenue <> 0) AND f.profit IS NOT NULL AS bought, f.profit
      FROM f CROSS JOIN total t
      LEFT JOIN abc_revenue ar ON ar.client_id = f.client_id
      LEFT JOIN abc_gross ag ON ag.client_id = f.client_id
      LEFT JOIN abc_profit ap ON ap.client_id = f.client_id
      LEFT JOIN rfm ON rfm.client_id = f.client_id
      LEFT JOIN steady sd ON sd.client_id = f.client_id
    ), categorised AS (
      SELECT k.*, ${computedCategory} AS computed_category FROM classed k
    )
    UPDATE client_figures cf SET
      profit_share = k.profit_share, time_share = k.time_share, abc_revenue = k.abc_revenue, abc_gross = k.abc_gross, abc_profit = k.abc_profit, xyz = k.xyz,
      r_score = k.r, f_score = k.f, m_score = k.m, rfm_segment = k.rfm_segment,
      computed_category = k.computed_category,
      category = coalesce(c.category_override, k.computed_category)
    FROM categorised k, clients c
    WHERE cf.org_id = ${org} AND cf.client_id = k.client_id AND c.org_id = cf.org_id AND c.id = cf.client_id
      AND (cf.profit_share, cf.time_share, cf.abc_revenue, cf.abc_gross, cf.abc_profit, cf.xyz, cf.r_score, cf.f_score, cf.m_score, cf.rfm_segment, cf.computed_category, cf.category)
        IS DISTINCT FROM (k.profit_share, k.time_share, k.abc_revenue, k.abc_gross, k.abc_profit, k.xyz, k.r, k.f, k.m, k.rfm_segment,
          k.computed_category, coalesce(c.category_override, k.computed_category))`,
  );
}
