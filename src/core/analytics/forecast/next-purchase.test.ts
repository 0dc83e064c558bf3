import { describe, expect, it } from 'vitest';
import { cdnowHistories } from '../../../../test/support/cdnow.js';
import { sampler } from '../../../../test/support/forecast-simulation.js';
import { integrateHalfLine } from '../../../../test/support/quadrature.js';
import { fitBgNbd, probabilityAlive, type BgNbdParams } from './bgnbd.js';
import { expectedWaitWhileAlive, ownRhythm, probabilityOfPurchaseWithin, purchaseHorizon } from './next-purchase.js';

describe('next purchase under BG/NBD', () => {
  it('gives the figures of the planning notes for CDNOW customers at the maximum-likelihood estimate (weeks)', () => {
    const fit = fitBgNbd(cdnowHistories);
    if (!fit.ok) throw new Error(fit.reason);
    const p = fit.params;
    const customer1 = { x: 2, tx: 30.43, T: 38.86 };
    const sevenRepeats = { x: 7, tx: 29.43, T: 38.86 };
    const customer1516 = { x: 26, tx: 30.86, T: 31 };
    expect(probabilityAlive(p, customer1)).toBeCloseTo(0.7266, 4);
    expect(1 - probabilityOfPurchaseWithin(p, customer1, 39)).toBeCloseTo(0.4454, 4);
    expect(purchaseHorizon(p, customer1)).toBeCloseTo(29.5, 1);
    expect(expectedWaitWhileAlive(p, customer1)).toBeCloseTo(34.8, 1);
    expect(probabilityOfPurchaseWithin(p, customer1, 13)).toBeCloseTo(0.3235, 4);
    expect(probabilityAlive(p, sevenRepeats)).toBeCloseTo(0.6418, 4);
    expect(1 - probabilityOfPurchaseWithin(p, sevenRepeats, 13)).toBeCloseTo(0.454, 4);
    expect(purchaseHorizon(p, customer1516)).toBeCloseTo(1.0, 1);
    // 0.96866 here: the notes' 0.9686 is truncated, or their estimate differs in the fifth digit.
    expect(probabilityOfPurchaseWithin(p, customer1516, 13)).toBeCloseTo(0.9686, 3);
  });

  const BG: BgNbdParams = { r: 0.9, alpha: 40, a: 0.8, b: 3 };
  const client = { x: 3, tx: 150, T: 260 };

  it('P(a purchase within t) agrees with Monte-Carlo from the posterior', () => {
    const s = sampler(17);
    const alive = probabilityAlive(BG, client);
    const n = 200_000;
    for (const t of [30, 90, 365]) {
      let hits = 0;
      for (let i = 0; i < n; i++)
        if (s.uniform() < alive && s.exponential(s.gamma(BG.r + client.x, BG.alpha + client.T)) <= t) hits++;
      const share = hits / n;
      const se = Math.sqrt((share * (1 - share)) / n);
      expect(Math.abs(probabilityOfPurchaseWithin(BG, client, t) - share)).toBeLessThan(4 * se);
    }
    expect(probabilityOfPurchaseWithin(BG, client, 0)).toBe(0);
  });

  it('the horizon t_q is where that probability reaches q, and there is none beyond P(alive)', () => {
    for (const q of [0.1, 0.25, 0.5]) {
      const t = purchaseHorizon(BG, client, q)!;
      expect(probabilityOfPurchaseWithin(BG, client, t)).toBeCloseTo(q, 12);
    }
    const silent = { x: 3, tx: 40, T: 700 };
    expect(probabilityAlive(BG, silent)).toBeLessThan(0.5);
    expect(purchaseHorizon(BG, silent)).toBeNull();
  });

  it('the expected wait when alive is the integral of the waiting time’s survival ((α+T)/(α+T+t))^(r+x)', () => {
    const scale = BG.alpha + client.T;
    const survivalIntegral = integrateHalfLine((u) => scale * Math.pow(1 + u, -(BG.r + client.x)));
    expect(expectedWaitWhileAlive(BG, client)).toBeCloseTo(survivalIntegral, 6);
    expect(expectedWaitWhileAlive(BG, { x: 0, tx: 0, T: 10 })).toBeNull(); // r + x = 0.9: no mean
  });
});

describe('ownRhythm', () => {
  const cement = ['2026-01-05', '2026-01-26', '2026-02-16', '2026-03-09'];

  it('usually buys cement every 3 weeks; 5 weeks now: overdue', () => {
    expect(ownRhythm(cement, '2026-04-13')).toEqual({
      purchaseDays: 4,
      medianGapDays: 21,
      lastPurchase: '2026-03-09',
      expectedNext: '2026-03-30',
      daysSinceLast: 35,
      overdue: true,
    });
  });

  it('is not overdue up to the usual gap × the factor (1.5 × 21 = 31.5 days), strictly', () => {
    expect(ownRhythm(cement, '2026-04-09')!.overdue).toBe(false); // 31 days
    expect(ownRhythm(cement, '2026-04-10')!.overdue).toBe(true); // 32 days
    expect(ownRhythm(cement, '2026-04-10', { overdueFactor: 2 })!.overdue).toBe(false);
  });

  it('takes distinct days up to the as-of day, and the median of an even number of gaps halfway', () => {
    const days = ['2026-03-01', '2026-01-01', '2026-01-11', '2026-01-11', '2026-02-10', '2026-05-01'];
    // Up to 2026-03-15: 01-01, 01-11, 02-10, 03-01 → gaps 10, 30, 19 → median 19.
    expect(ownRhythm(days, '2026-03-15')).toMatchObject({
      purchaseDays: 4,
      medianGapDays: 19,
      expectedNext: '2026-03-20',
    });
    // Two gaps of 10 and 30: median 20.
    expect(ownRhythm(days.slice(1, 5), '2026-03-15')).toMatchObject({ medianGapDays: 20, expectedNext: '2026-03-02' });
  });

  it('needs at least two gaps (or the number asked for)', () => {
    expect(ownRhythm(['2026-01-01', '2026-02-01'], '2026-03-01')).toBeNull();
    expect(ownRhythm(['2026-01-01', '2026-02-01'], '2026-03-01', { minGaps: 1 })).toMatchObject({ medianGapDays: 31 });
    expect(ownRhythm(cement, '2026-04-13', { minGaps: 4 })).toBeNull();
  });
});
