// The forecasts of an organisation's whole client base, as Rapport stores them (docs/analytics.md §21.12):
// both models fitted on every client's purchase summary, the fit's status with the reason it fell back,
// and each client's figures — the models' where they stand, its own rhythm always.

import { fitBgNbd, type BgNbdFallbackReason, type BgNbdParams } from './bgnbd.js';
import { fitGammaGamma, type GammaGammaFallbackReason, type GammaGammaParams } from './gamma-gamma.js';
import { rhythmFrom, type Rhythm } from './next-purchase.js';
import { forecastClients, type ClientForecast } from './score.js';

/**
 * One client's purchases up to the as-of day, as the database summarises them (docs/analytics.md §21.1,
 * §21.12): purchase days are the distinct days with a sale, a purchase day's value the Σ of its sales.
 */
export type ClientSummary = {
  clientId: number;
  /** x: purchase days after the first. */
  repeatPurchases: number;
  /** tₓ: last − first purchase day, days. */
  lastAfterFirstDays: number;
  /** T: as-of day − first purchase day, days. */
  ageDays: number;
  /** Σ value of the purchase days after the first, kopecks. */
  repeatValue: number;
  /** Margin ÷ costed revenue over the client's history; null when unknown (no cost data, no costed revenue). */
  marginShare: number | null;
  /** The median gap between consecutive purchase days, days; null without a gap. */
  medianGapDays: number | null;
  lastPurchase: string;
};

/** 'fitted': both models; 'partial': BG/NBD only (no purchase value, no margin); 'fallback': neither. */
export const forecastStatuses = ['fitted', 'partial', 'fallback'] as const;
export type ForecastStatus = (typeof forecastStatuses)[number];

/** The organisation's fit (docs/analytics.md §21.12): parameters where a model stands, else the reason it fell back. */
export type ForecastModel = {
  status: ForecastStatus;
  /** Why BG/NBD gave no parameters (§21.4). */
  reason: BgNbdFallbackReason | null;
  /** Why Gamma-Gamma gave none; not fitted (null) when BG/NBD fell back. */
  valueReason: GammaGammaFallbackReason | null;
  bgnbd: BgNbdParams | null;
  gammaGamma: GammaGammaParams | null;
  clients: number;
  repeatBuyers: number;
  logLikelihood: number | null;
  /** The population mean value of a purchase pγ/(q−1), kopecks. */
  meanPurchaseValue: number | null;
  /** corr(x, z̄) over the repeat buyers: Gamma-Gamma assumes it near 0 (§21.7). */
  frequencyValueCorrelation: number | null;
};

/** One client's stored forecast (docs/analytics.md §21.12). Money in kopecks, times in days. */
export type StoredForecast = {
  clientId: number;
  repeatPurchases: number;
  lastAfterFirstDays: number;
  ageDays: number;
  /** null when the fit fell back, and when x = 0: BG/NBD cannot let a one-time buyer drop out (§21 caveats). */
  pAlive: number | null;
  expectedPurchases30: number | null;
  expectedPurchases90: number | null;
  expectedPurchases365: number | null;
  /** P(at least one purchase within 30 days). */
  purchaseWithin30: number | null;
  expectedPurchaseValue: number | null;
  expectedMargin12m: number | null;
  /** (1 − P(alive)) × the 12-month margin if alive; null with P(alive). */
  expectedMarginLost: number | null;
  /** As-of day + the median days to the next purchase under BG/NBD; null when P(alive) ≤ ½. */
  modelNextPurchaseOn: string | null;
  /** The client's own rhythm (§21.9), with at least two gaps; null otherwise. */
  usualGapDays: number | null;
  daysSinceLast: number;
  nextPurchaseOn: string | null;
  overdue: boolean | null;
};

export type BaseForecastOptions = {
  /** Monthly discount rate d of the 12-month margin, a fraction (§21.8). */
  monthlyDiscountRate: number;
  /** Fit thresholds (§21.4; defaults 50 clients, 30 repeat buyers). */
  minClients?: number;
  minRepeatBuyers?: number;
};

/** A client's purchase history and spend as the models take them (§21.1): z̄ = repeat value ÷ x. */
const historyOf = (s: ClientSummary) => ({ x: s.repeatPurchases, tx: s.lastAfterFirstDays, T: s.ageDays });
const spendOf = (s: ClientSummary) => ({
  x: s.repeatPurchases,
  meanValue: s.repeatPurchases > 0 ? s.repeatValue / s.repeatPurchases : 0,
});

/**
 * Fits BG/NBD on every client's (x, tₓ, T) and, when it stands, Gamma-Gamma on the repeat buyers'
 * (x, z̄) (docs/analytics.md §21.3, §21.7, §21.12). Status 'fitted' with both, 'partial' when only
 * Gamma-Gamma fell back, 'fallback' when BG/NBD did (Gamma-Gamma is then not fitted: no figure uses it alone).
 */
export function fitForecastModel(
  summaries: readonly ClientSummary[],
  options: Pick<BaseForecastOptions, 'minClients' | 'minRepeatBuyers'> = {},
): ForecastModel {
  const bg = fitBgNbd(summaries.map(historyOf), options);
  const none = { logLikelihood: null, meanPurchaseValue: null, frequencyValueCorrelation: null };
  if (!bg.ok)
    return {
      status: 'fallback',
      reason: bg.reason,
      valueReason: null,
      bgnbd: null,
      gammaGamma: null,
      clients: bg.clients,
      repeatBuyers: bg.repeatBuyers,
      ...none,
    };
  const gg = fitGammaGamma(
    summaries.map(spendOf),
    options.minRepeatBuyers === undefined ? {} : { minRepeatBuyers: options.minRepeatBuyers },
  );
  return {
    status: gg.ok ? 'fitted' : 'partial',
    reason: null,
    valueReason: gg.ok ? null : gg.reason,
    bgnbd: bg.params,
    gammaGamma: gg.ok ? gg.params : null,
    clients: bg.clients,
    repeatBuyers: bg.repeatBuyers,
    logLikelihood: bg.logLikelihood,
    meanPurchaseValue: gg.ok ? gg.meanValue : null,
    frequencyValueCorrelation: gg.ok ? gg.frequencyValueCorrelation : null,
  };
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/**
 * A client's stored forecast from its models' results and its own rhythm (docs/analytics.md §21.12):
 * `forecast` from `forecastClients` (undefined when the fit fell back), P(alive) and the margin lost left
 * null for a client with one purchase day (BG/NBD cannot let it drop out), the model's next purchase on
 * the as-of day + the median wait, and the rhythm (null with fewer than two gaps).
 */
export function storedForecast(
  client: { clientId: number; history: { x: number; tx: number; T: number }; lastPurchase: string },
  forecast: ClientForecast | undefined,
  rhythm: Rhythm | null,
  asOf: string,
): StoredForecast {
  const f = forecast;
  const judged = f !== undefined && client.history.x > 0;
  const today = dayNumber(asOf);
  return {
    clientId: client.clientId,
    repeatPurchases: client.history.x,
    lastAfterFirstDays: client.history.tx,
    ageDays: client.history.T,
    pAlive: judged ? f.probabilityAlive : null,
    expectedPurchases30: f ? f.expectedPurchases[0]! : null,
    expectedPurchases90: f ? f.expectedPurchases[1]! : null,
    expectedPurchases365: f ? f.expectedPurchases[2]! : null,
    purchaseWithin30: f ? f.probabilityOfPurchase : null,
    expectedPurchaseValue: f ? f.expectedValue : null,
    expectedMargin12m: f ? f.expectedMargin : null,
    expectedMarginLost: judged ? f.expectedMarginLost : null,
    modelNextPurchaseOn:
      f && f.medianDaysToPurchase !== null ? isoDay(today + Math.round(f.medianDaysToPurchase)) : null,
    usualGapDays: rhythm ? rhythm.medianGapDays : null,
    daysSinceLast: today - dayNumber(client.lastPurchase),
    nextPurchaseOn: rhythm ? rhythm.expectedNext : null,
    overdue: rhythm ? rhythm.overdue : null,
  };
}

/**
 * Every client's stored forecast (docs/analytics.md §21.12) under the given parameters (none: the fit
 * fell back): `forecastClients` over 30, 90 and 365 days with a purchase within 30 days, and the client's
 * own rhythm from its median gap (`rhythmFrom`, two gaps at least) whatever the models did.
 */
export function scoreSummaries(
  model: { bgnbd: BgNbdParams | null; gammaGamma: GammaGammaParams | null },
  summaries: readonly ClientSummary[],
  asOf: string,
  options: Pick<BaseForecastOptions, 'monthlyDiscountRate'>,
): StoredForecast[] {
  const bg = model.bgnbd;
  const forecasts = bg
    ? forecastClients(
        bg,
        model.gammaGamma,
        summaries.map((s) => ({ history: historyOf(s), spend: spendOf(s), marginShare: s.marginShare })),
        { monthlyDiscountRate: options.monthlyDiscountRate, horizons: [30, 90, 365], purchaseWithinDays: 30 },
      )
    : null;
  return summaries.map((s, i) => {
    const rhythm =
      s.repeatPurchases >= 2 && s.medianGapDays !== null
        ? rhythmFrom(
            { purchaseDays: s.repeatPurchases + 1, medianGapDays: s.medianGapDays, lastPurchase: s.lastPurchase },
            asOf,
          )
        : null;
    return storedForecast(
      { clientId: s.clientId, history: historyOf(s), lastPurchase: s.lastPurchase },
      forecasts?.[i],
      rhythm,
      asOf,
    );
  });
}
