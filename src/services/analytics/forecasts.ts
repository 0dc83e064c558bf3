import {
  atRiskReasonsOf,
  DOUBTFUL_ALIVE,
  significantSignificances,
  type AtRiskSortKey,
} from '../../core/analytics/forecast/at-risk.js';
import { fitForecastModel, scoreSummaries, type ForecastModel } from '../../core/analytics/forecast/base.js';
import type { AnalyticsSettings } from '../../core/analytics/settings.js';
import { formatMoney } from '../../core/money/money.js';
import type { AtRiskQueryT } from '../../contract/analytics.js';
import type { Database } from '../../db/database.js';
import {
  atRiskClients,
  databaseNow,
  deleteOtherForecasts,
  forecastSummaries,
  orgForecastOf,
  saveOrgForecast,
  writeClientForecasts,
  type OrgForecastRow,
} from '../../db/queries/analytics/forecasts.js';
import type { Actor } from '../actor.js';
import { clientScope } from '../access/scope.js';
import { analyticsSettingsFor } from './settings.js';

/** How long each part of an org-wide forecast took, ms: the purchases read, the fits, the scoring, the writes. */
export type ForecastRun = {
  status: ForecastModel['status'];
  clients: number;
  readMs: number;
  fitMs: number;
  scoreMs: number;
  writeMs: number;
};

const rate = (settings: AnalyticsSettings) => ({ monthlyDiscountRate: settings.monthlyDiscountPct / 100 });

/**
 * The organisation's forecasts (docs/analytics.md §21.12): every buying client's purchase summary read
 * set-based, both models fitted and everyone scored in this process, the rows written a few thousand per
 * statement, the forecasts of clients that no longer have a purchase day removed, and the fit stored. A
 * client re-scored by an upkeep after the purchases were read keeps its row. When BG/NBD falls back its
 * reason is stored and the clients keep only their own rhythm.
 */
export async function forecastBase(
  db: Database,
  orgId: number,
  asOf: string,
  settings: AnalyticsSettings,
): Promise<ForecastRun> {
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const since = await databaseNow(db);
  const summaries = await forecastSummaries(db, { orgId }, asOf);
  const readMs = lap();
  const model = fitForecastModel(summaries);
  const fitMs = lap();
  const rows = scoreSummaries(model, summaries, asOf, rate(settings));
  const scoreMs = lap();
  await writeClientForecasts(db, orgId, rows, asOf, since);
  await deleteOtherForecasts(
    db,
    { orgId },
    rows.map((r) => r.clientId),
    since,
  );
  const writeMs = lap();
  await saveOrgForecast(db, orgId, model, asOf, { readMs, fitMs, scoreMs, writeMs });
  return { status: model.status, clients: rows.length, readMs, fitMs, scoreMs, writeMs };
}

const modelOf = (row: OrgForecastRow | undefined) => ({
  bgnbd: row && row.r !== null ? { r: row.r, alpha: row.alpha!, a: row.a!, b: row.b! } : null,
  gammaGamma: row && row.p !== null ? { p: row.p, q: row.q!, gamma: row.gamma! } : null,
});

/**
 * Re-scores the written clients with the organisation's stored parameters, inside the write's
 * transaction (docs/analytics.md §21.12): one client's summary, its forecast, its row — so its card is
 * current after an order. No fit yet, or a fit that fell back: its own rhythm only.
 */
export async function rescoreClients(
  db: Database,
  orgId: number,
  clientIds: readonly number[],
  asOf: string,
  settings: AnalyticsSettings,
): Promise<void> {
  const scope = { orgId, clientIds };
  const summaries = await forecastSummaries(db, scope, asOf);
  const rows = scoreSummaries(modelOf(await orgForecastOf(db, orgId)), summaries, asOf, rate(settings));
  await writeClientForecasts(db, orgId, rows, asOf);
  // Every written client still buying (the usual case, an order): nothing to remove.
  if (rows.length < new Set(clientIds).size)
    await deleteOtherForecasts(
      db,
      scope,
      rows.map((r) => r.clientId),
    );
}

// ---- as the API shows them ---------------------------------------------------------------------------

const rub = (kopecks: unknown) => (kopecks === null || kopecks === undefined ? null : formatMoney(Number(kopecks)));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The organisation's fit as the API gives it (status 'not-computed' before the first refresh). */
export function forecastModelView(row: OrgForecastRow | undefined, settings: AnalyticsSettings) {
  const { bgnbd, gammaGamma } = modelOf(row);
  return {
    status: row?.status ?? ('not-computed' as const),
    reason: row?.reason ?? null,
    valueReason: row?.value_reason ?? null,
    asOf: row?.as_of ?? null,
    fittedAt: row?.fitted_at ?? null,
    clients: row ? Number(row.clients) : 0,
    repeatBuyers: row ? Number(row.repeat_buyers) : 0,
    bgnbd,
    gammaGamma,
    meanPurchaseValue: rub(row?.mean_purchase_value),
    frequencyValueCorrelation: num(row?.frequency_value_correlation),
    monthlyDiscountPct: settings.monthlyDiscountPct,
    readMs: num(row?.read_ms),
    fitMs: num(row?.fit_ms),
    scoreMs: num(row?.score_ms),
    writeMs: num(row?.write_ms),
  };
}

/**
 * One client's forecast with the organisation's fit (docs/analytics.md §21.12), from its stored row
 * (`clientFiguresOf`: null columns when it has no forecast).
 */
export function clientForecastView(
  row: Record<string, unknown>,
  fit: OrgForecastRow | undefined,
  settings: AnalyticsSettings,
) {
  return {
    model: forecastModelView(fit, settings),
    purchaseDays: row.repeat_purchases == null ? 0 : Number(row.repeat_purchases) + 1,
    daysSinceFirst: num(row.age_days),
    pAlive: num(row.p_alive),
    expectedPurchases30: num(row.expected_purchases_30),
    expectedPurchases90: num(row.expected_purchases_90),
    expectedPurchases365: num(row.expected_purchases_365),
    purchaseWithin30: num(row.purchase_within_30),
    expectedPurchaseValue: rub(row.expected_purchase_value),
    expectedMargin12m: rub(row.expected_margin_12m),
    expectedMarginLost: rub(row.expected_margin_lost),
    modelNextPurchaseOn: (row.model_next_purchase_on as string | null | undefined) ?? null,
    usualGapDays: num(row.usual_gap_days),
    daysSinceLast: num(row.days_since_last),
    nextPurchaseOn: (row.next_purchase_on as string | null | undefined) ?? null,
    overdue: (row.overdue as boolean | null | undefined) ?? null,
    scoredAt: (row.scored_at as string | null | undefined) ?? null,
  };
}

/**
 * Significant clients at risk, by the margin expected lost (docs/analytics.md §21.13), each with its
 * owner and reasons; a manager sees its own and shared clients. With the organisation's fit.
 */
export async function atRiskOf(db: Database, actor: Actor, query: AtRiskQueryT) {
  const settings = await analyticsSettingsFor(db, actor.orgId);
  const sort = query.sort ?? '-expectedMarginLost';
  const descending = sort.startsWith('-');
  const pageSize = query.pageSize ?? 50;
  const page = query.page ?? 1;
  const [{ rows, total, lostTotal }, fit] = await Promise.all([
    atRiskClients(db, actor.orgId, {
      significances: significantSignificances,
      doubtfulAlive: DOUBTFUL_ALIVE,
      order: (descending ? sort.slice(1) : sort) as AtRiskSortKey,
      descending,
      ownerUserId: query.ownerUserId,
      scope: clientScope(actor),
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    orgForecastOf(db, actor.orgId),
  ]);
  return {
    model: forecastModelView(fit, settings),
    items: rows.map((r) => {
      const pAlive = num(r.p_alive);
      return {
        clientId: Number(r.client_id),
        name: r.name,
        ownerUserId: num(r.owner_user_id),
        ownerName: r.owner_name,
        significance: r.significance,
        abcProfit: r.abc_profit,
        ladderStage: r.ladder_stage,
        margin: rub(r.margin),
        pAlive,
        expectedMargin12m: rub(r.expected_margin_12m),
        expectedMarginLost: rub(r.expected_margin_lost),
        usualGapDays: num(r.usual_gap_days),
        daysSinceLast: Number(r.days_since_last),
        nextPurchaseOn: (r.next_purchase_on as string | null) ?? null,
        overdue: r.overdue,
        reasons: atRiskReasonsOf({ pAlive, overdue: r.overdue, ladderStage: r.ladder_stage }),
      };
    }),
    total,
    page,
    pageSize,
    expectedMarginLost: formatMoney(lostTotal),
  };
}
