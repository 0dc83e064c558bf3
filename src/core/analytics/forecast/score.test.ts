import { describe, expect, it } from 'vitest';
import { expectedPurchases, probabilityAlive, type BgNbdParams } from './bgnbd.js';
import { expectedMargin } from './clv.js';
import { expectedPurchaseValue, type GammaGammaParams } from './gamma-gamma.js';
import { probabilityOfPurchaseWithin, purchaseHorizon } from './next-purchase.js';
import { forecastClients, type ClientToForecast } from './score.js';

const BG: BgNbdParams = { r: 0.9, alpha: 40, a: 0.8, b: 3 };
const GG: GammaGammaParams = { p: 4, q: 3, gamma: 2_000_000 };

describe('forecastClients', () => {
  it('gives every client what the per-client functions give, clients sharing x and T included', () => {
    const clients: ClientToForecast[] = [
      { history: { x: 3, tx: 200, T: 400 }, spend: { x: 3, meanValue: 5_000_000 }, marginShare: 0.2 },
      { history: { x: 0, tx: 0, T: 100 }, spend: { x: 0, meanValue: 0 }, marginShare: 0.3 },
      { history: { x: 3, tx: 380, T: 400 }, spend: { x: 3, meanValue: 1_000_000 }, marginShare: 0.25 },
      { history: { x: 12, tx: 690, T: 700 }, spend: { x: 12, meanValue: 2_400_000 }, marginShare: 0.18 },
      { history: { x: 0, tx: 0, T: 100 }, spend: { x: 0, meanValue: 0 }, marginShare: 0.1 },
      { history: { x: 3, tx: 50, T: 400 }, spend: { x: 3, meanValue: 7_000_000 }, marginShare: 0.4 },
    ];
    const options = { monthlyDiscountRate: 0.015, horizons: [30, 90, 365, 730], purchaseWithinDays: 60 };
    const forecasts = forecastClients(BG, GG, clients, options);
    clients.forEach(({ history, spend, marginShare }, i) => {
      const f = forecasts[i]!;
      const value = expectedPurchaseValue(GG, spend);
      expect(f.probabilityAlive).toBe(probabilityAlive(BG, history));
      expect(f.expectedPurchases).toEqual(options.horizons.map((t) => expectedPurchases(BG, history, t)));
      expect(f.probabilityOfPurchase).toBe(probabilityOfPurchaseWithin(BG, history, 60));
      expect(f.medianDaysToPurchase).toBe(purchaseHorizon(BG, history));
      expect(f.expectedValue).toBe(value);
      expect(f.expectedMargin).toBe(expectedMargin(BG, history, value, marginShare, options));
    });
  });

  it('uses 30, 90 and 365 days and a purchase within 30 days by default', () => {
    const client = { history: { x: 2, tx: 100, T: 150 }, spend: { x: 2, meanValue: 3_000_000 }, marginShare: 0.2 };
    const [f] = forecastClients(BG, GG, [client], { monthlyDiscountRate: 0.01 });
    expect(f!.expectedPurchases).toEqual([30, 90, 365].map((t) => expectedPurchases(BG, client.history, t)));
    expect(f!.probabilityOfPurchase).toBe(probabilityOfPurchaseWithin(BG, client.history, 30));
  });
});
