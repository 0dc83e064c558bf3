import { describe, expect, it } from 'vitest';
import { sampler } from '../../../../test/support/forecast-simulation.js';
import { expectedPurchases, probabilityAlive, type BgNbdParams, type PurchaseHistory } from './bgnbd.js';
import { DAYS_PER_MONTH, expectedMargin } from './clv.js';

const BG: BgNbdParams = { r: 0.9, alpha: 40, a: 0.8, b: 3 };
const CLIENT: PurchaseHistory = { x: 6, tx: 280, T: 330 };
/** A purchase of 40 000.00 ₽ at a 22 % margin. */
const VALUE = 4_000_000;
const SHARE = 0.22;

describe('expectedMargin', () => {
  it('without discounting is the expected purchases of the whole horizon × value × margin share', () => {
    const margin = expectedMargin(BG, CLIENT, VALUE, SHARE, { monthlyDiscountRate: 0 });
    expect(margin).toBe(Math.round(expectedPurchases(BG, CLIENT, 12 * DAYS_PER_MONTH) * VALUE * SHARE));
  });

  it('agrees with Monte-Carlo: 200,000 futures drawn from the posterior, each purchase discounted by its month', () => {
    const d = 0.02;
    const s = sampler(9);
    const alive = probabilityAlive(BG, CLIENT);
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      let value = 0;
      if (s.uniform() < alive) {
        // Alive at T: λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x); buy at rate λ, drop out after a purchase w.p. p.
        const lambda = s.gamma(BG.r + CLIENT.x, BG.alpha + CLIENT.T);
        const p = s.beta(BG.a, BG.b + CLIENT.x);
        for (let t = s.exponential(lambda); t <= 12 * DAYS_PER_MONTH; t += s.exponential(lambda)) {
          value += Math.pow(1 + d, -Math.ceil(t / DAYS_PER_MONTH));
          if (s.uniform() < p) break;
        }
      }
      sum += value;
      squares += value * value;
    }
    const mean = sum / n;
    const se = Math.sqrt((squares / n - mean * mean) / n) * VALUE * SHARE;
    const margin = expectedMargin(BG, CLIENT, VALUE, SHARE, { monthlyDiscountRate: d });
    expect(Math.abs(margin - mean * VALUE * SHARE)).toBeLessThan(4 * se);
  });

  it('is whole kopecks, lower with discounting, and nothing over no months or at no margin', () => {
    const plain = expectedMargin(BG, CLIENT, VALUE, SHARE, { monthlyDiscountRate: 0 });
    const discounted = expectedMargin(BG, CLIENT, VALUE, SHARE, { monthlyDiscountRate: 0.01 });
    expect(Number.isInteger(discounted)).toBe(true);
    expect(discounted).toBeLessThan(plain);
    expect(discounted).toBeGreaterThan(plain / 1.01 ** 12);
    expect(expectedMargin(BG, CLIENT, VALUE, SHARE, { monthlyDiscountRate: 0.01, months: 0 })).toBe(0);
    expect(expectedMargin(BG, CLIENT, VALUE, 0, { monthlyDiscountRate: 0.01 })).toBe(0);
  });
});
