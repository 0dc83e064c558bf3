import {
  clientSortKeys,
  figureCatalogue,
  type ClientFiguresItemT,
  type ClientSortKey,
  type FigureKey,
  type FiguresListQueryT,
} from '../../contract/analytics.js';
import { addMonths, asOfFor, monthEnd, monthOf, periodEnding, type Period } from '../../core/analytics/period.js';
import { ladderRank, type AbcBasis } from '../../core/analytics/segments.js';
import { fieldProblem, invalidInput, notFound } from '../../core/errors.js';
import { formatMoney, parseMoney } from '../../core/money/money.js';
import type { Database } from '../../db/database.js';
import {
  abcXyzMatrix,
  costCoverage,
  insignificantTotals,
  ladderFunnel,
  orgTotals,
  rfmSegmentsOf,
  whaleCurve,
} from '../../db/queries/analytics/charts.js';
import { clientFiguresOf, clientMonthsFrom, clientStageChanges } from '../../db/queries/analytics/client-history.js';
import { listClientFigures, type FigureFilter, type FigureRow } from '../../db/queries/analytics/figure-list.js';
import { figureColumns } from '../../db/queries/analytics/figures.js';
import { orgAnalyticsOf } from '../../db/queries/analytics/org-analytics.js';
import { paymentTrackingState } from '../../db/queries/analytics/payment-tracking.js';
import type { Actor } from '../actor.js';
import { assertRecordInScope, clientScope } from '../access/scope.js';
import type { RefreshSummary } from './refresh.js';
import { analyticsSettingsFor } from './settings.js';

const byKey = new Map(figureCatalogue.map(([key, column, kind]) => [key as string, { column, kind }]));
const plainColumns = new Set<string>(figureColumns);

/** A stored figure row as the API's figures: money in roubles, numerics as numbers. */
export function figuresOf(row: Record<string, unknown>): ClientFiguresItemT['figures'] {
  const out: Record<string, unknown> = {};
  for (const [key, column, kind] of figureCatalogue) {
    const v = row[column];
    if (v === undefined || v === null) out[key] = kind === 'money' ? formatMoney(0) : null;
    else if (kind === 'money' || kind === 'moneyOrNull') out[key] = formatMoney(Number(v));
    else if (kind === 'integer' || kind === 'number' || kind === 'share') out[key] = Number(v);
    else out[key] = String(v);
  }
  return out as ClientFiguresItemT['figures'];
}

const itemOf = (row: FigureRow): ClientFiguresItemT => ({
  clientId: Number(row.client_id),
  name: row.name,
  status: row.status,
  region: row.region,
  industry: row.industry,
  ownerUserId: row.owner_user_id === null ? null : Number(row.owner_user_id),
  categoryOverride: row.category_override,
  figures: figuresOf(row),
});

/** The period a request asks for (YYYY-MM months), or the organisation's current one. */
export function periodFor(
  query: { from?: string | undefined; to?: string | undefined },
  periodMonths: number,
  today: string,
): { period: Period; custom: boolean } {
  const current = periodEnding(today, periodMonths);
  if (!query.from && !query.to) return { period: current, custom: false };
  const to = query.to ? `${query.to}-01` : current.to;
  const from = query.from ? `${query.from}-01` : addMonths(to, 1 - periodMonths);
  if (from > to) throw invalidInput([fieldProblem('from', 'order', 'analytics.periodOrder')]);
  if (to > monthOf(today)) throw invalidInput([fieldProblem('to', 'future', 'analytics.periodFuture')]);
  return { period: { from, to }, custom: from !== current.from || to !== current.to };
}

function moneyFilter(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const k = parseMoney(value);
  if (k === null) throw invalidInput([fieldProblem(field, 'money', 'field.moneyRoubles')]);
  return k;
}

function filterOf(query: FiguresListQueryT): FigureFilter {
  return {
    q: query.q,
    status: query.status,
    region: query.region,
    industry: query.industry,
    ownerUserId: query.ownerUserId,
    abcRevenue: query.abcRevenue,
    abcGross: query.abcGross,
    abcProfit: query.abcProfit,
    xyz: query.xyz,
    rfmSegment: query.rfmSegment,
    ladderStage: query.ladderStage,
    category: query.category,
    rScore: query.rScore,
    fScore: query.fScore,
    firstPurchaseFrom: query.firstPurchaseFrom,
    firstPurchaseTo: query.firstPurchaseTo,
    minRevenue: moneyFilter(query.minRevenue, 'minRevenue'),
    maxRevenue: moneyFilter(query.maxRevenue, 'maxRevenue'),
    minProfit: moneyFilter(query.minProfit, 'minProfit'),
    maxProfit: moneyFilter(query.maxProfit, 'maxProfit'),
  };
}

/** Clients with their figures: filter by segments and figure ranges, sort by any figure or by name, status, region, industry; any period. */
export async function findClientFigures(
  db: Database,
  actor: Actor,
  query: FiguresListQueryT,
  extra: Partial<FigureFilter> = {},
  maxRows?: number,
) {
  const settings = await analyticsSettingsFor(db, actor.orgId);
  const today = db.clock.today();
  const { period, custom } = periodFor(query, settings.periodMonths, today);
  const asOf = asOfFor(period, today);
  const sort = query.sort ?? '-profit';
  const descending = sort.startsWith('-');
  const key = descending ? sort.slice(1) : sort;
  const clientColumn = (clientSortKeys as readonly string[]).includes(key) ? (key as ClientSortKey) : undefined;
  const figure = byKey.get(key);
  if (!clientColumn && (!figure || (custom && !plainColumns.has(figure.column)))) {
    throw invalidInput([fieldProblem('sort', 'unknown', 'field.cannotSort', { key })]);
  }
  const pageSize = maxRows ?? query.pageSize ?? 50;
  const page = maxRows ? 1 : (query.page ?? 1);
  const { rows, total } = await listClientFigures(db, actor.orgId, {
    filter: { ...filterOf(query), ...extra, scope: clientScope(actor) },
    column: clientColumn ? { client: clientColumn } : figure!.column,
    descending,
    limit: pageSize,
    offset: (page - 1) * pageSize,
    custom: custom ? { period, asOf, settings } : undefined,
  });
  const computed = await orgAnalyticsOf(db, actor.orgId);
  return {
    items: rows.map(itemOf),
    total,
    page,
    pageSize,
    period: { from: period.from, to: monthEnd(period.to), asOf },
    classesComputedAt: custom ? null : (computed?.computed_at ?? null),
  };
}

/** One client's analytics: its figures, monthly series (24 months) and ladder history. */
export async function getClientAnalytics(db: Database, actor: Actor, clientId: number) {
  const settings = await analyticsSettingsFor(db, actor.orgId);
  const today = db.clock.today();
  const period = periodEnding(today, settings.periodMonths);
  const row = await clientFiguresOf(db, actor.orgId, clientId);
  if (!row) throw notFound('client', clientId);
  await assertRecordInScope(db, actor, clientId, 'client', clientId);
  const months = await clientMonthsFrom(db, actor.orgId, clientId, addMonths(monthOf(today), -23));
  const stages = await clientStageChanges(db, actor.orgId, clientId);
  return {
    clientId,
    period: { from: period.from, to: monthEnd(period.to), asOf: asOfFor(period, today) },
    figures: figuresOf(row),
    manualCategory: (row.category_override as string | null) ?? null,
    manualCategoryReason: (row.category_override_reason as string | null) ?? null,
    months: months.map((m) => ({
      month: String(m.month),
      revenue: formatMoney(Number(m.revenue)),
      uncostedRevenue: formatMoney(Number(m.uncosted_revenue)),
      // As figures.ts: over the lines whose cost is known; unknown when none of the month's lines has one.
      ...(Number(m.lines) > 0 && Number(m.uncosted_lines) === Number(m.lines)
        ? { cost: null, margin: null }
        : {
            cost: formatMoney(Number(m.cost)),
            margin: formatMoney(Number(m.revenue) - Number(m.uncosted_revenue) - Number(m.cost)),
          }),
      orders: Number(m.orders),
      minutes: Number(m.minutes),
      spend: formatMoney(Number(m.spend)),
      logistics: formatMoney(Number(m.logistics)),
    })),
    stages: stages.map((s) => ({ month: s.month, stage: s.stage, previousStage: s.previous_stage })),
    paymentTracking: await paymentTrackingState(db, actor.orgId, settings.paymentTracking),
  };
}

/** The dashboard's figures: totals now, the last refresh's charts, and the insignificant group. */
export async function analyticsSummary(db: Database, actor: Actor) {
  const settings = await analyticsSettingsFor(db, actor.orgId);
  const stored = await orgAnalyticsOf(db, actor.orgId);
  const summary = stored?.summary ?? {};
  return {
    computedAt: stored?.computed_at ?? null,
    refreshMs: stored?.duration_ms ?? null,
    period: stored ? { from: stored.period_from, to: stored.period_to, asOf: stored.as_of } : null,
    totals: totalsView(await orgTotals(db, actor.orgId)),
    insignificant: insignificantView(await insignificantTotals(db, actor.orgId, settings)),
    retentionTargetPct: settings.retentionTargetPct,
    paymentTracking: await paymentTrackingState(db, actor.orgId, settings.paymentTracking),
    quarters: summary.quarters ?? [],
    years: summary.years ?? [],
  };
}

// The database sums money in kopecks; the API answers decimal roubles everywhere (README, "Money").
const rub = (kopecks: number) => formatMoney(kopecks);

function totalsView(t: Awaited<ReturnType<typeof orgTotals>>) {
  return {
    ...t,
    revenue: rub(t.revenue),
    margin: rub(t.margin),
    costToServe: rub(t.costToServe),
    profit: rub(t.profit),
    overdueNow: rub(t.overdueNow),
    lossMakingProfit: rub(t.lossMakingProfit),
    costCoverage: coverageView(t.costCoverage),
  };
}

const coverageView = (c: Awaited<ReturnType<typeof costCoverage>>) => ({
  ...c,
  revenueWithoutCost: rub(c.revenueWithoutCost),
});

const insignificantView = (t: Awaited<ReturnType<typeof insignificantTotals>>) => ({ ...t, profit: rub(t.profit) });

/** What a refresh or rebuild did, amounts in roubles (the command line prints the same in its own words). */
export const refreshResultView = (r: RefreshSummary) => ({ ...r, revenue: rub(r.revenue), profit: rub(r.profit) });

/** The insignificant group's totals against the organisation's thresholds. */
export async function insignificantOf(db: Database, actor: Actor) {
  return insignificantView(await insignificantTotals(db, actor.orgId, await analyticsSettingsFor(db, actor.orgId)));
}

/** ABC × XYZ on a basis, with the ABC shares and the XYZ grain and bounds it was classed with. */
export async function matrixOf(db: Database, actor: Actor, basis: AbcBasis = 'profit') {
  const s = await analyticsSettingsFor(db, actor.orgId);
  const cells = await abcXyzMatrix(db, actor.orgId, basis);
  return {
    basis,
    abc: { a: s.abcA, b: s.abcB },
    xyz: { grain: s.xyzGrain, x: s.xyzX, y: s.xyzY, minActiveMonths: s.xyzMinActiveMonths },
    cells: cells.map((c) => ({ ...c, revenue: rub(c.revenue), grossSales: rub(c.grossSales), profit: rub(c.profit) })),
    costCoverage: coverageView(await costCoverage(db, actor.orgId)),
  };
}

export async function rfmOf(db: Database, actor: Actor) {
  const map = await rfmSegmentsOf(db, actor.orgId);
  return {
    basis: map.basis,
    grid: map.grid,
    segments: map.segments.map((s) => ({
      ...s,
      revenue: rub(s.revenue),
      margin: rub(s.margin),
      profit: rub(s.profit),
    })),
  };
}

export async function whaleOf(db: Database, actor: Actor) {
  const w = await whaleCurve(db, actor.orgId);
  return {
    basis: 'profit' as const,
    clients: w.clients,
    totalProfit: rub(w.totalProfit),
    peakProfit: rub(w.peakProfit),
    hump: w.hump,
    curve: w.curve.map((p) => ({ ...p, cumulativeProfit: rub(p.cumulativeProfit) })),
    costCoverage: coverageView(await costCoverage(db, actor.orgId)),
  };
}

/** The ladder funnel for a period of months (default: the organisation's current period). */
export async function funnelOf(
  db: Database,
  actor: Actor,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const settings = await analyticsSettingsFor(db, actor.orgId);
  const { period } = periodFor(query, settings.periodMonths, db.clock.today());
  const transitions = await ladderFunnel(db, actor.orgId, period.from, period.to);
  const rank = ladderRank as Record<string, number>;
  const sum = (test: (a: number, b: number) => boolean) =>
    transitions.filter((t) => test(rank[t.from]!, rank[t.to]!)).reduce((s, t) => s + t.clients, 0);
  return {
    period: { from: period.from, to: monthEnd(period.to) },
    transitions,
    climbed: sum((a, b) => b > a),
    stayed: sum((a, b) => b === a),
    fell: sum((a, b) => b < a),
  };
}

export async function cohortsOf(db: Database, actor: Actor) {
  const stored = await orgAnalyticsOf(db, actor.orgId);
  return {
    computedAt: stored?.computed_at ?? null,
    cohorts: stored?.summary.cohorts ?? [],
  };
}

export async function flowsOf(db: Database, actor: Actor, grain: 'quarter' | 'year' = 'quarter') {
  const settings = await analyticsSettingsFor(db, actor.orgId);
  const stored = await orgAnalyticsOf(db, actor.orgId);
  return {
    computedAt: stored?.computed_at ?? null,
    retentionTargetPct: settings.retentionTargetPct,
    grain,
    periods: (grain === 'year' ? stored?.summary.years : stored?.summary.quarters) ?? [],
  };
}

export type { FigureKey };
