// Expected margin of the coming months — customer lifetime value over a horizon — from BG/NBD and
// Gamma-Gamma (docs/analytics.md §21.8). Money in kopecks, time in days.

import { expectedPurchasesWhileAlive, probabilityAlive, type BgNbdParams, type PurchaseHistory } from './bgnbd.js';

/** A month of the forecast: 365.25 / 12 days (docs/analytics.md §21.8). */
export const DAYS_PER_MONTH = 365.25 / 12;

export type MarginOptions = {
  /** Monthly discount rate d, a fraction (0.01 = 1 % a month). */
  monthlyDiscountRate: number;
  /** How many months ahead (default 12). */
  months?: number;
  /** Days in a month of the forecast (default 365.25 / 12). */
  daysPerMonth?: number;
};

/** The month ends m·f, m = 1…months, at which the expected purchases are needed (docs/analytics.md §21.8). */
export const monthEnds = (options: MarginOptions): number[] =>
  Array.from({ length: options.months ?? 12 }, (_, i) => (i + 1) * (options.daysPerMonth ?? DAYS_PER_MONTH));

/**
 * Σ_m (E_m − E_{m−1}) / (1 + d)^m over expected purchases E_m up to the end of month m (E₀ = 0): the
 * discounted expected number of purchases of the coming months (docs/analytics.md §21.8).
 */
export function discountedPurchases(upToMonthEnd: readonly number[], monthlyDiscountRate: number): number {
  let total = 0;
  let before = 0;
  upToMonthEnd.forEach((upTo, i) => {
    total += (upTo - before) / Math.pow(1 + monthlyDiscountRate, i + 1);
    before = upTo;
  });
  return total;
}

/**
 * Expected margin of the next `months` months, kopecks rounded (docs/analytics.md §21.8; lifetimes'
 * `_customer_lifetime_value`): with f days a month and E[Y(t)] the BG/NBD expected purchases in the
 * next t days (§21.5),
 * Σ_{m=1..months} (E[Y(m·f)] − E[Y((m−1)·f)]) · value · marginShare / (1 + d)^m,
 * where value is the expected value of a purchase in kopecks (Gamma-Gamma, §21.7) and marginShare the
 * client's margin ÷ revenue. BG/NBD must have been fitted with time in days.
 */
export function expectedMargin(
  bg: BgNbdParams,
  history: PurchaseHistory,
  value: number,
  marginShare: number,
  options: MarginOptions,
): number {
  const alive = probabilityAlive(bg, history);
  const upTo = monthEnds(options).map((t) => alive * expectedPurchasesWhileAlive(bg, history.x, history.T, t));
  return Math.round(discountedPurchases(upTo, options.monthlyDiscountRate) * value * marginShare);
}
