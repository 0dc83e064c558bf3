// Expected margin of the coming months — customer lifetime value over a horizon — from BG/NBD and
// Gamma-Gamma (docs/analytics.md §21.8). Money in kopecks, time in days.

import { expectedPurchasesWhileAlive, probabilityAlive, type BgNbdParams, type PurchaseHistory } from './bgnbd.js';

/** A month of the forecast: 365.25 / 12 days. */
export const DAYS_PER_MONTH = 365.25 / 12;

export type MarginOptions = {
  /** Monthly discount rate d, a fraction (0.01 = 1 % a month). */
  monthlyDiscountRate: number;
  /** How many months ahead (default 12). */
  months?: number;
  /** Days in a month of the forecast (default 365.25 / 12). */
  daysPerMonth?: number;
};

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
  const months = options.months ?? 12;
  const f = options.daysPerMonth ?? DAYS_PER_MONTH;
  const alive = probabilityAlive(bg, history);
  let total = 0;
  let before = 0;
  for (let m = 1; m <= months; m++) {
    const upTo = alive * expectedPurchasesWhileAlive(bg, history.x, history.T, m * f);
    total += (upTo - before) / Math.pow(1 + options.monthlyDiscountRate, m);
    before = upTo;
  }
  return Math.round(total * value * marginShare);
}
