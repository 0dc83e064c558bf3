import { asOfFor, monthEnd, monthOf, periodEnding } from '../../core/analytics/period.js';
import type { Database } from '../../db/database.js';
import { orgTotals, retentionCharts } from '../../db/queries/analytics/charts.js';
import { refreshFigures } from '../../db/queries/analytics/figures.js';
import { refreshStages, writeCurrentStages } from '../../db/queries/analytics/ladder.js';
import { refreshClientMonths, refreshSettlements } from '../../db/queries/analytics/rollups.js';
import { refreshClaimMonths } from '../../db/queries/claims/summary.js';
import { keepBaseAnalysisFigures, refreshBaseAnalysis } from '../../db/queries/people/base-analysis.js';
import { refreshSurveyMonths } from '../../db/queries/surveys/trends.js';
import { orgAnalyticsOf, saveOrgAnalytics } from '../../db/queries/analytics/org-analytics.js';
import { clientIdRanges, type Scope } from '../../db/queries/analytics/scope.js';
import { refreshSegments } from '../../db/queries/analytics/segments.js';
import { analyzeTables, vacuumAnalyze } from '../../db/queries/maintenance.js';
import { analyticsSettingsFor } from './settings.js';

export type AnalyticsStep = 'rollups' | 'settlements' | 'ladder' | 'figures' | 'segments' | 'charts';
export type AnalyticsProgress = (step: AnalyticsStep, done: number, total: number) => void;
/** `full`: recompute everything from the rollups; `charts`: recompute cohorts and retention now. */
export type RefreshOptions = { full?: boolean | undefined; charts?: boolean | undefined };
export type RefreshSummary = {
  periodFrom: string;
  periodTo: string;
  asOf: string;
  durationMs: number;
  clients: number;
  buyingClients: number;
  revenue: number;
  profit: number;
};

/** Clients are rebuilt in id ranges of about this many, so no statement holds the database for long. */
const CHUNK = 10_000;

/**
 * Rebuilds every derived table of the organisation from the raw documents (after an import, or to
 * verify the incremental upkeep), then refreshes the org-wide classes and charts. Each chunk of
 * clients is its own transaction; readers see the previous figures of a chunk until it commits.
 */
export async function rebuildAnalytics(
  db: Database,
  orgId: number,
  onProgress?: AnalyticsProgress,
): Promise<RefreshSummary> {
  const started = performance.now();
  const settings = await analyticsSettingsFor(db, orgId);
  const today = db.clock.today();
  const ranges = await clientIdRanges(db, orgId, CHUNK);
  const steps: [AnalyticsStep, (scope: Scope) => Promise<void>][] = [
    ['rollups', (scope) => refreshClientMonths(db, scope)],
    ['settlements', (scope) => refreshSettlements(db, scope)],
    ['ladder', (scope) => refreshStages(db, scope, 'all', today, settings)],
  ];
  for (const [step, run] of steps) {
    onProgress?.(step, 0, ranges.length);
    for (const [i, range] of ranges.entries()) {
      await db.engine.transaction(() => run({ orgId, clientRange: range }));
      onProgress?.(step, i + 1, ranges.length);
    }
  }
  // The claims summary's and the satisfaction trends' monthly tallies, from the claims and responses.
  await db.engine.transaction(() => refreshClaimMonths(db, orgId));
  await db.engine.transaction(() => refreshSurveyMonths(db, orgId));
  // Clients deleted since: their rows went with them (foreign keys cascade).
  await analyzeTables(db, ['client_months', 'order_settlements', 'client_stage_changes']);
  return runRefresh(db, orgId, { onProgress, started, today, rebuilt: true });
}

/**
 * The org-wide refresh from the rollups: the ladder stage of the current month (time moves clients
 * towards "lost" without any write), every client's figures for the current period, the classes and
 * the charts. This is what the server runs after writes and once a day.
 */
export function refreshAnalytics(
  db: Database,
  orgId: number,
  options: RefreshOptions & { onProgress?: AnalyticsProgress } = {},
): Promise<RefreshSummary> {
  return runRefresh(db, orgId, { ...options, started: performance.now(), today: db.clock.today(), rebuilt: false });
}

async function runRefresh(
  db: Database,
  orgId: number,
  options: RefreshOptions & {
    onProgress?: AnalyticsProgress | undefined;
    started: number;
    today: string;
    rebuilt: boolean;
  },
): Promise<RefreshSummary> {
  const { onProgress, started, today, rebuilt } = options;
  const settings = await analyticsSettingsFor(db, orgId);
  const period = periodEnding(today, settings.periodMonths);
  const asOf = asOfFor(period, today);
  const last = await orgAnalyticsOf(db, orgId);
  const settingsKey = JSON.stringify(settings);
  const sameRules =
    !rebuilt &&
    !options.full &&
    last !== undefined &&
    last.period_from === period.from &&
    last.summary.settingsKey === settingsKey;
  // Every write keeps its clients' figures current for today, so on the day of the last refresh, with
  // the same period and settings, the figures are all current: only the org-wide classes need redoing.
  // A new day (time moves recency, delays, the ladder), a new period or new settings recompute them.
  const figuresCurrent = sameRules && last.as_of === asOf;
  // Breadth is kept by the writes for the period it was computed for; a new period recomputes it.
  const keepBreadth = sameRules;
  // Cohorts and retention move with documents, not with the clock: recomputed once a day, on demand
  // and after a rebuild, not after every burst of writes.
  const charts =
    rebuilt ||
    options.full ||
    options.charts ||
    !last ||
    last.summary.chartsOn !== today ||
    !('cohorts' in last.summary);
  const ranges = figuresCurrent ? [] : await clientIdRanges(db, orgId, CHUNK);
  onProgress?.('figures', 0, ranges.length);
  for (const [i, range] of ranges.entries()) {
    await db.engine.transaction(async () => {
      const scope = { orgId, clientRange: range };
      await refreshFigures(db, scope, period, asOf, settings, keepBreadth);
      await writeCurrentStages(db, scope, monthOf(today));
      // The base analysis copies revenue and profit; a rebuild recomputes its rows from the people too.
      if (rebuilt) await refreshBaseAnalysis(db, scope);
      else await keepBaseAnalysisFigures(db, scope);
    });
    onProgress?.('figures', i + 1, ranges.length);
  }
  onProgress?.('segments', 0, 1);
  await refreshSegments(db, orgId, settings);
  onProgress?.('segments', 1, 1);
  onProgress?.('charts', 0, 1);
  const totals = await orgTotals(db, orgId);
  const summary = {
    ...(last?.summary ?? {}),
    totals,
    settingsKey,
    ...(charts ? { ...(await retentionCharts(db, orgId, settings)), chartsOn: today } : {}),
  };
  const durationMs = Math.round(performance.now() - started);
  await saveOrgAnalytics(db, orgId, {
    periodFrom: period.from,
    periodTo: monthEnd(period.to),
    asOf,
    summary,
    durationMs,
  });
  onProgress?.('charts', 1, 1);
  // A refresh that recomputed every client's figures (a new day, new rules, a rebuild) rewrote many
  // rows: give the planner fresh statistics and reclaim the old row versions now, not whenever
  // autovacuum gets to it (or never, where it is off). A refresh after writes only moves the classes
  // of the clients whose class changed, and its VACUUM cost as much as the rest of it (0.65 of 1.2 s
  // at 20,000 clients): the day's refresh reclaims what the writes of the day left.
  if (ranges.length > 0)
    await vacuumAnalyze(db, [
      'client_figures',
      'client_stage_changes',
      'client_base_analysis',
      ...(rebuilt ? ['client_months', 'order_settlements', 'claim_months', 'survey_months'] : []),
    ]);
  return {
    periodFrom: period.from,
    periodTo: monthEnd(period.to),
    asOf,
    durationMs,
    clients: totals.clients,
    buyingClients: totals.buyingClients,
    revenue: totals.revenue,
    profit: totals.profit,
  };
}
