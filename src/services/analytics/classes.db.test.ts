// The org-wide classes on the demo company (as a first start loads it: 300 clients over three years),
// held to the pure reference rules in src/core/analytics/segments.ts fed with the stored figures and
// rollups: the insignificant group never holds a class-A client (issue 14, item 10), and XYZ at the
// default grain and bounds gives all three classes (item 11).
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildOrg } from '../../../test/support/factories.js';
import { addMonths, monthsIn, periodEnding } from '../../core/analytics/period.js';
import { abcClassify, insignificantGroup, revenueVariation, xyzClassify } from '../../core/analytics/segments.js';
import { defaultAnalyticsSettings, type AnalyticsSettings } from '../../core/analytics/settings.js';
import { loadDemo } from '../demo/load-demo.js';
import { refreshAnalytics } from './refresh.js';
import { analyticsSettingsFor, updateAnalyticsSettings } from './settings.js';

const TODAY = '2026-06-15';
const db = await useDatabase({ today: TODAY });

type Row = {
  id: number;
  profit: number;
  minutes: number;
  stage: string | null;
  abcProfit: string | null;
  category: string | null;
  rfm: string | null;
  xyz: string | null;
  cv: number | null;
  activeMonths: number;
  bought: boolean;
};

async function figures(orgId: number): Promise<Row[]> {
  const { rows } = await db.engine.query<Record<string, unknown>>(
    `
    SELECT client_id, profit, manager_minutes, ladder_stage, abc_profit, computed_category, rfm_segment, xyz, revenue_cv, active_months, first_purchase IS NOT NULL AS bought
    FROM client_figures WHERE org_id = $1 ORDER BY client_id`,
    [orgId],
  );
  return rows.map((r) => ({
    id: Number(r.client_id),
    profit: Number(r.profit),
    minutes: Number(r.manager_minutes),
    stage: r.ladder_stage as string | null,
    abcProfit: r.abc_profit as string | null,
    category: r.computed_category as string | null,
    rfm: r.rfm_segment as string | null,
    xyz: r.xyz as string | null,
    cv: r.revenue_cv === null ? null : Number(r.revenue_cv),
    activeMonths: Number(r.active_months),
    bought: Boolean(r.bought),
  }));
}

/** Every client's revenue per month of the current period, oldest first, from the monthly rollup. */
async function monthlyRevenue(orgId: number, months: number): Promise<Map<number, number[]>> {
  const period = periodEnding(TODAY, months);
  const { rows } = await db.engine.query<{ client_id: number; month: string; revenue: number }>(
    'SELECT client_id, month, revenue FROM client_months WHERE org_id = $1 AND month BETWEEN $2 AND $3',
    [orgId, period.from, period.to],
  );
  const index = new Map(Array.from({ length: monthsIn(period) }, (_, i) => [addMonths(period.from, i), i]));
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const series = out.get(Number(r.client_id)) ?? Array<number>(monthsIn(period)).fill(0);
    series[index.get(r.month)!]! += Number(r.revenue);
    out.set(Number(r.client_id), series);
  }
  return out;
}

async function expectXyzAsReference(orgId: number, s: AnalyticsSettings) {
  const rows = await figures(orgId);
  const monthly = await monthlyRevenue(orgId, s.periodMonths);
  for (const r of rows) {
    const cv = revenueVariation(monthly.get(r.id) ?? Array<number>(s.periodMonths).fill(0), s.xyzGrain);
    if (cv === null) expect(r.cv, `client ${r.id}`).toBeNull();
    else expect(r.cv, `client ${r.id}`).toBeCloseTo(cv, 9);
    expect(r.xyz, `client ${r.id}`).toBe(xyzClassify(r.cv, r.activeMonths, s.xyzX, s.xyzY, s.xyzMinActiveMonths));
  }
  return rows;
}

const count = (rows: Row[], xyz: string) => rows.filter((r) => r.xyz === xyz).length;

describe('classes on the demo company', () => {
  let owner: Awaited<ReturnType<typeof buildOrg>>;
  beforeAll(async () => {
    owner = await buildOrg(db);
    await loadDemo(db, owner.orgId, { clients: 300, years: 3, seed: 1, until: TODAY });
    await refreshAnalytics(db, owner.orgId);
  });

  it('puts no class-A client (by profit) in the insignificant group, which is exactly the reference group', async () => {
    const rows = await figures(owner.orgId);
    const byProfit = abcClassify(
      rows.filter((r) => r.bought).map((r) => ({ id: r.id, value: r.profit })),
      80,
      95,
    );
    for (const r of rows) expect(r.abcProfit, `client ${r.id}`).toBe(byProfit.get(r.id) ?? null);
    const group = insignificantGroup(rows, defaultAnalyticsSettings.insignificantProfitPct);
    const insignificant = rows.filter((r) => r.category === 'insignificant');
    expect(insignificant.map((r) => r.id)).toEqual(rows.filter((r) => group.has(r.id)).map((r) => r.id));
    expect(insignificant.length).toBeGreaterThan(0);
    expect(insignificant.filter((r) => r.abcProfit === 'A')).toEqual([]);
    // The demo has class-A clients that the rule without the exclusion would have taken (the defect).
    const withoutExclusion = insignificantGroup(
      rows.map((r) => ({ ...r, abcProfit: null })),
      defaultAnalyticsSettings.insignificantProfitPct,
    );
    expect(rows.filter((r) => withoutExclusion.has(r.id) && r.abcProfit === 'A').length).toBeGreaterThan(0);
  });

  it('gives all three XYZ classes at the default grain (quarter) and bounds (25/50), as the reference computes them', async () => {
    const rows = await expectXyzAsReference(owner.orgId, await analyticsSettingsFor(db, owner.orgId));
    expect({ X: count(rows, 'X') > 0, Y: count(rows, 'Y') > 0, Z: count(rows, 'Z') > 0 }).toEqual({
      X: true,
      Y: true,
      Z: true,
    });
  });

  it("follows the organisation's grain: months with the stock-item bounds 10/25 leave X empty on the same data", async () => {
    await updateAnalyticsSettings(db, owner, { xyzGrain: 'month', xyzX: 10, xyzY: 25 });
    await refreshAnalytics(db, owner.orgId);
    const rows = await expectXyzAsReference(owner.orgId, await analyticsSettingsFor(db, owner.orgId));
    expect(count(rows, 'X')).toBe(0);
    expect(count(rows, 'Z')).toBeGreaterThan(count(rows, 'Y') * 10);
    await updateAnalyticsSettings(db, owner, {
      xyzGrain: defaultAnalyticsSettings.xyzGrain,
      xyzX: defaultAnalyticsSettings.xyzX,
      xyzY: defaultAnalyticsSettings.xyzY,
    });
  });
});
