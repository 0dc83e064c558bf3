import { describe, expect, it } from 'vitest';
import { gradientError, logStandardErrors } from '../../../../test/support/fit-checks.js';
import { sampler, simulateBgNbdClient, simulateMeanValue } from '../../../../test/support/forecast-simulation.js';
import { integrateHalfLine } from '../../../../test/support/quadrature.js';
import {
  expectedPurchaseValue,
  fitGammaGamma,
  gammaGammaClientLogLikelihood,
  gammaGammaLogLikelihood,
  type GammaGammaParams,
  type SpendHistory,
} from './gamma-gamma.js';
import { lnGamma } from './special.js';

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const keys = ['p', 'q', 'gamma'] as const;
/** Mean purchase 40 000.00 ₽ = pγ/(q−1) = 4 · 20 000.00 ₽ / 2, in kopecks. */
const TRUTH: GammaGammaParams = { p: 4, q: 3, gamma: 2_000_000 };

/** Repeat buyers of `n` clients simulated under BG/NBD (days), each with the mean of its repeat purchases. */
function simulateBuyers(seed: number, n: number, params: GammaGammaParams = TRUTH): SpendHistory[] {
  const s = sampler(seed);
  const out: SpendHistory[] = [];
  for (let i = 0; i < n; i++) {
    const { x } = simulateBgNbdClient(s, { r: 0.9, alpha: 40, a: 0.8, b: 3 }, 30 + s.uniform() * 700);
    if (x > 0) out.push({ x, meanValue: simulateMeanValue(s, params, x) });
  }
  return out;
}

describe('Gamma-Gamma log-likelihood', () => {
  it('is the log of a density of the mean value z̄: it integrates to 1 over z̄ for each x', () => {
    for (const x of [1, 3, 12])
      for (const params of [TRUTH, { p: 0.7, q: 1.4, gamma: 300 }]) {
        const scale = (params.p * params.gamma) / (params.q - 1);
        const total = integrateHalfLine(
          (u) => scale * Math.exp(gammaGammaClientLogLikelihood(params, { x, meanValue: u * scale })),
        );
        expect(total).toBeCloseTo(1, 9);
      }
  });

  it('sums client by client to its grouped sum, skipping clients without repeat purchases', () => {
    const buyers = simulateBuyers(3, 500);
    const summed = buyers.reduce((s, c) => s + gammaGammaClientLogLikelihood(TRUTH, c), 0);
    const withOthers = [...buyers, { x: 0, meanValue: 0 }, { x: 2, meanValue: 0 }];
    expect(relative(gammaGammaLogLikelihood(TRUTH, withOthers).value, summed)).toBeLessThan(1e-12);
  });

  it('has the gradient of its central finite differences', () => {
    const buyers = simulateBuyers(4, 800);
    for (const params of [
      { p: 2, q: 5, gamma: 1_000_000 },
      { p: 7, q: 1.5, gamma: 4_000_000 },
    ])
      expect(gradientError((p: GammaGammaParams) => gammaGammaLogLikelihood(p, buyers), params)).toBeLessThan(1e-6);
  });
});

describe('fitGammaGamma', () => {
  it('gives back the parameters the repeat buyers of 5,000 simulated clients were drawn from, within 4 standard errors', () => {
    for (const seed of [31, 32, 33]) {
      const buyers = simulateBuyers(seed, 5000);
      const fit = fitGammaGamma(buyers);
      if (!fit.ok) throw new Error(fit.reason);
      const se = logStandardErrors(
        (theta) => {
          const { gradient } = gammaGammaLogLikelihood({ p: theta[0]!, q: theta[1]!, gamma: theta[2]! }, buyers);
          return keys.map((k) => gradient[k]);
        },
        keys.map((k) => fit.params[k]),
      );
      keys.forEach((k, i) => expect(Math.abs(Math.log(fit.params[k] / TRUTH[k]))).toBeLessThan(4 * se[i]!));
      expect(relative(fit.meanValue, 4_000_000)).toBeLessThan(0.05);
      expect(Number.isInteger(fit.meanValue)).toBe(true);
      expect(Math.abs(fit.frequencyValueCorrelation)).toBeLessThan(0.05);
      // Its log-likelihood is that of the data at its estimate, in kopecks.
      expect(fit.logLikelihood).toBeCloseTo(gammaGammaLogLikelihood(fit.params, buyers).value, 6);
    }
  });

  it('does not depend on the unit of money: values × 100 give the same p, q and γ × 100', () => {
    const buyers = simulateBuyers(35, 3000);
    const [a, b] = [fitGammaGamma(buyers), fitGammaGamma(buyers.map((c) => ({ ...c, meanValue: c.meanValue * 100 })))];
    if (!a.ok || !b.ok) throw new Error('no fit');
    expect(relative(b.params.p, a.params.p)).toBeLessThan(1e-6);
    expect(relative(b.params.q, a.params.q)).toBeLessThan(1e-6);
    expect(relative(b.params.gamma, a.params.gamma * 100)).toBeLessThan(1e-6);
  });

  it("says 'infinite-mean' when q ≤ 1: the population has no mean purchase value", () => {
    const buyers = simulateBuyers(36, 5000, { p: 4, q: 0.7, gamma: 2_000_000 });
    expect(fitGammaGamma(buyers)).toMatchObject({ ok: false, reason: 'infinite-mean' });
  });

  it('needs enough repeat buyers', () => {
    const buyers = simulateBuyers(37, 20);
    expect(fitGammaGamma(buyers)).toMatchObject({
      ok: false,
      reason: 'too-few-repeat-buyers',
      repeatBuyers: buyers.length,
    });
  });
});

describe('expectedPurchaseValue', () => {
  it('is the posterior mean of p/ν given x purchases averaging z̄ (numerical integration over ν), in kopecks', () => {
    const { p, q, gamma } = TRUTH;
    for (const c of [
      { x: 1, meanValue: 1_234_567 },
      { x: 6, meanValue: 9_000_000 },
      { x: 40, meanValue: 2_500_000 },
    ]) {
      // ν | data ∝ ν^(q−1) e^(−γν) · ν^(px) e^(−ν x z̄); E[Z] = p · E[1/ν]. With ν = v · shape / rate the
      // posterior lives near v = 1, where the quadrature's nodes are.
      const rate = gamma + c.x * c.meanValue;
      const shape = q + p * c.x;
      const density = (v: number, power: number) =>
        Math.exp((shape - 1 + power) * Math.log(v * shape) - v * shape - lnGamma(shape) + Math.log(shape));
      const meanInverse = integrateHalfLine((v) => density(v, -1)) * rate;
      expect(integrateHalfLine((v) => density(v, 0))).toBeCloseTo(1, 10);
      expect(Math.abs(expectedPurchaseValue(TRUTH, c) - p * meanInverse)).toBeLessThanOrEqual(0.5);
    }
  });

  it('weighs the client’s own mean more the more it bought, and is the population mean without repeat purchases', () => {
    const population = (TRUTH.p * TRUTH.gamma) / (TRUTH.q - 1);
    expect(expectedPurchaseValue(TRUTH, { x: 0, meanValue: 0 })).toBe(population);
    const own = 10_000_000;
    const few = expectedPurchaseValue(TRUTH, { x: 1, meanValue: own });
    const many = expectedPurchaseValue(TRUTH, { x: 50, meanValue: own });
    expect(few).toBeGreaterThan(population);
    expect(many).toBeGreaterThan(few);
    expect(many).toBeLessThan(own);
    expect(Number.isInteger(few)).toBe(true);
  });
});
