// Every client's forecast at once (docs/analytics.md §21.11): what the per-client functions give, for a
// whole base, computing the expensive part — the expected purchases of a client alive at T — once for
// each distinct (x, T).

import { expectedPurchasesWhileAlive, probabilityAlive, type BgNbdParams, type PurchaseHistory } from './bgnbd.js';
import { discountedPurchases, monthEnds, type MarginOptions } from './clv.js';
import { expectedPurchaseValue, type GammaGammaParams, type SpendHistory } from './gamma-gamma.js';
import { probabilityOfPurchaseWithin, purchaseHorizon } from './next-purchase.js';

export type ClientToForecast = {
  /** Purchase days: x, tₓ and T in days. */
  history: PurchaseHistory;
  /** Repeat purchases and their mean value, kopecks. */
  spend: SpendHistory;
  /** The client's margin ÷ revenue. */
  marginShare: number;
};

export type ClientForecast = {
  probabilityAlive: number;
  /** Expected purchases in the next `horizons` days, in their order (§21.5). */
  expectedPurchases: number[];
  /** P(at least one purchase within `purchaseWithinDays`) (§21.9). */
  probabilityOfPurchase: number;
  /** Median days to the next purchase; null when P(alive) ≤ ½ (§21.9). */
  medianDaysToPurchase: number | null;
  /** Expected value of a purchase, kopecks (§21.7). */
  expectedValue: number;
  /** Expected margin of the coming months, kopecks (§21.8). */
  expectedMargin: number;
};

export type ForecastOptions = MarginOptions & {
  /** Days ahead for the expected purchases (default 30, 90 and 365). */
  horizons?: number[];
  /** Days ahead for the probability of a purchase (default 30). */
  purchaseWithinDays?: number;
};

/**
 * The forecast of every client (docs/analytics.md §21.11): P(alive), expected purchases over each
 * horizon, the probability of a purchase within `purchaseWithinDays` and the median days to it, the
 * expected value of a purchase and the expected margin of the coming months — each exactly as its
 * per-client function computes it. Clients are visited in (x, T) order so that those sharing x and T
 * share `expectedPurchasesWhileAlive` (P(alive) alone depends on tₓ).
 */
export function forecastClients(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  clients: readonly ClientToForecast[],
  options: ForecastOptions,
): ClientForecast[] {
  const horizons = options.horizons ?? [30, 90, 365];
  const within = options.purchaseWithinDays ?? 30;
  const times = [...horizons, ...monthEnds(options)];
  const order = clients
    .map((_, i) => i)
    .sort((i, j) => clients[i]!.history.x - clients[j]!.history.x || clients[i]!.history.T - clients[j]!.history.T);
  const out: ClientForecast[] = new Array(clients.length);
  let whileAlive: number[] = [];
  let previous: PurchaseHistory | null = null;
  for (const i of order) {
    const { history, spend, marginShare } = clients[i]!;
    if (!previous || previous.x !== history.x || previous.T !== history.T)
      whileAlive = times.map((t) => expectedPurchasesWhileAlive(bg, history.x, history.T, t));
    previous = history;
    const alive = probabilityAlive(bg, history);
    const value = expectedPurchaseValue(gg, spend);
    const upToMonthEnd = whileAlive.slice(horizons.length).map((e) => alive * e);
    out[i] = {
      probabilityAlive: alive,
      expectedPurchases: horizons.map((_, k) => alive * whileAlive[k]!),
      probabilityOfPurchase: probabilityOfPurchaseWithin(bg, history, within),
      medianDaysToPurchase: purchaseHorizon(bg, history),
      expectedValue: value,
      expectedMargin: Math.round(discountedPurchases(upToMonthEnd, options.monthlyDiscountRate) * value * marginShare),
    };
  }
  return out;
}
