import { fieldProblem, type FieldProblem } from '../errors.js';
import { xyzGrains, type XyzGrain } from './segments.js';

/**
 * The organisation's analytics settings: the costs behind cost to serve and every threshold of the
 * segmentations and the loyalty ladder. Stored in organizations.settings.analytics; missing keys take
 * the defaults below, so an organisation only keeps what it changed.
 */
export type AnalyticsSettings = {
  /** Cost of one manager hour, kopecks (salary with taxes and overheads ÷ practical hours). */
  hourlyRate: number;
  /** Annual cost of capital, % (WACC or the credit line's rate), for the cost of late payment. */
  costOfCapitalPct: number;
  /** Length of the analysis period in months, ending with the current month. */
  periodMonths: number;
  /** ABC: cumulative shares (%) closing class A and class B (80/15/5 → 80 and 95). */
  abcA: number;
  abcB: number;
  /**
   * XYZ: the coefficient of variation of revenue per `xyzGrain` period (month or quarter) over the
   * analysis period, bounds in %; fewer months with purchases than the minimum → no class.
   */
  xyzGrain: XyzGrain;
  xyzX: number;
  xyzY: number;
  xyzMinActiveMonths: number;
  /** Insignificant clients: steady clients that together give at most this share of profit (%)… */
  insignificantProfitPct: number;
  /** …and are flagged when they take at least this share of managers' time (%) between them. */
  insignificantTimePct: number;
  /** Reference retention rate (%), docs/domain.md §8. */
  retentionTargetPct: number;
  /** Loyalty ladder: purchases in the trailing 12 months to count as frequent… */
  frequentMinPurchases: number;
  /** …made in at least this many of the last four quarters (a regular rhythm). */
  frequentMinQuarters: number;
  /** Adherent: frequent, and buying for at least this many months. */
  adherentMinTenureMonths: number;
  /** Lost: no purchase for this many times the client's own average interval… */
  lostIntervalMultiple: number;
  /** …and never sooner than this many days; a client with one purchase is lost after `lostSingleDays`. */
  lostMinDays: number;
  lostSingleDays: number;
  /**
   * Payment discipline: tracked ('on'), not tracked ('off'), or 'auto' — tracked once the organisation
   * has recorded any payment. Not tracked: no delays, no overdue, no cost of late payment.
   */
  paymentTracking: PaymentTracking;
};

export const paymentTrackings = ['auto', 'on', 'off'] as const;
export type PaymentTracking = (typeof paymentTrackings)[number];

export const defaultAnalyticsSettings: AnalyticsSettings = {
  hourlyRate: 150_000,
  costOfCapitalPct: 16,
  periodMonths: 12,
  abcA: 80,
  abcB: 95,
  // Quarters and 25/50: the 10/25 % bounds on monthly demand come from stock items; on monthly revenue
  // of B2B clients they put nearly every client in Z (docs/analytics.md §9: Online Retail, 4,297
  // clients, all Z; the demo, all Z), while quarters with the wider bounds of the second convention
  // (X ≤ 25 %, Y ≤ 50 %) give all three classes and still call a skipped quarter unsteady. README, XYZ.
  xyzGrain: 'quarter',
  xyzX: 25,
  xyzY: 50,
  xyzMinActiveMonths: 3,
  insignificantProfitPct: 5,
  insignificantTimePct: 80,
  retentionTargetPct: 70,
  frequentMinPurchases: 4,
  frequentMinQuarters: 3,
  adherentMinTenureMonths: 24,
  lostIntervalMultiple: 3,
  lostMinDays: 90,
  lostSingleDays: 365,
  // A sales history without payments is not a history of unpaid sales: tracked only once payments exist.
  paymentTracking: 'auto',
};

type Bound = { min: number; max: number; integer?: boolean };
type NumericKey = Exclude<keyof AnalyticsSettings, 'xyzGrain' | 'paymentTracking'>;
const bounds: Record<NumericKey, Bound> = {
  hourlyRate: { min: 0, max: 1_000_000_000, integer: true },
  costOfCapitalPct: { min: 0, max: 200 },
  periodMonths: { min: 1, max: 60, integer: true },
  abcA: { min: 1, max: 99 },
  abcB: { min: 2, max: 99.99 },
  xyzX: { min: 0, max: 1000 },
  xyzY: { min: 0, max: 1000 },
  xyzMinActiveMonths: { min: 1, max: 60, integer: true },
  insignificantProfitPct: { min: 0, max: 100 },
  insignificantTimePct: { min: 0, max: 100 },
  retentionTargetPct: { min: 0, max: 100 },
  frequentMinPurchases: { min: 1, max: 365, integer: true },
  frequentMinQuarters: { min: 1, max: 4, integer: true },
  adherentMinTenureMonths: { min: 1, max: 600, integer: true },
  lostIntervalMultiple: { min: 1, max: 100 },
  lostMinDays: { min: 1, max: 3650, integer: true },
  lostSingleDays: { min: 1, max: 3650, integer: true },
};

export const numericSettingKeys = Object.keys(bounds) as NumericKey[];
export const analyticsSettingKeys: (keyof AnalyticsSettings)[] = [...numericSettingKeys, 'xyzGrain', 'paymentTracking'];

/** The stored settings merged over the defaults; unknown or broken stored values fall back to defaults. */
export function analyticsSettingsOf(stored: unknown): AnalyticsSettings {
  const out = { ...defaultAnalyticsSettings };
  if (stored && typeof stored === 'object') {
    for (const key of numericSettingKeys) {
      const value = (stored as Record<string, unknown>)[key];
      if (typeof value === 'number' && checkSetting(key, value) === undefined) out[key] = value;
    }
    const grain = (stored as Record<string, unknown>).xyzGrain;
    if (xyzGrains.includes(grain as XyzGrain)) out.xyzGrain = grain as XyzGrain;
    const tracking = (stored as Record<string, unknown>).paymentTracking;
    if (paymentTrackings.includes(tracking as PaymentTracking)) out.paymentTracking = tracking as PaymentTracking;
  }
  return out;
}

function checkSetting(key: NumericKey, value: number): FieldProblem | undefined {
  const b = bounds[key];
  if (!Number.isFinite(value) || value < b.min || value > b.max || (b.integer && !Number.isInteger(value))) {
    return fieldProblem(key, 'range', b.integer ? 'settings.rangeWhole' : 'settings.range', {
      min: b.min,
      max: b.max,
    });
  }
  return undefined;
}

/** Problems with a change to the settings (each field's range, and the pairs that must be ordered). */
export function settingsProblems(next: AnalyticsSettings): FieldProblem[] {
  const problems = numericSettingKeys
    .map((k) => checkSetting(k, next[k]))
    .filter((p): p is FieldProblem => p !== undefined);
  if (!xyzGrains.includes(next.xyzGrain)) problems.push(fieldProblem('xyzGrain', 'unknown', 'settings.xyzGrain'));
  if (!paymentTrackings.includes(next.paymentTracking))
    problems.push(fieldProblem('paymentTracking', 'unknown', 'settings.paymentTracking'));
  if (next.abcB <= next.abcA) problems.push(fieldProblem('abcB', 'order', 'settings.abcOrder'));
  if (next.xyzY <= next.xyzX) problems.push(fieldProblem('xyzY', 'order', 'settings.xyzOrder'));
  return problems;
}
