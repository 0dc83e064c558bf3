import { describe, expect, it } from 'vitest';
import { cdnowHistories } from '../../../../test/support/cdnow.js';
import { gradientError, logStandardErrors } from '../../../../test/support/fit-checks.js';
import { sampler, simulateBgNbdClient } from '../../../../test/support/forecast-simulation.js';
import { integrateHalfLine, integrateUnit } from '../../../../test/support/quadrature.js';
import {
  bgnbdClientLogLikelihood,
  bgnbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesNewClient,
  expectedPurchasesWhileAlive,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
  type PurchaseHistory,
} from './bgnbd.js';
import { lnGamma } from './special.js';

const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const keys = ['r', 'alpha', 'a', 'b'] as const;

/** Fader, Hardie & Lee (2005), §5: the estimates on the CDNOW data (weeks), log-likelihood −9582.4. */
const PAPER: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/**
 * ∫∫ e^logG(λ, p, 1−p) Gamma(λ; r, α) Beta(p; a, b) dλ dp, numerically: exp-sinh in λ = u·centre
 * (centre near where the integrand lives), tanh-sinh in p. Written from the model's definition, not
 * from the closed forms.
 */
function priorIntegral(
  params: BgNbdParams,
  centre: number,
  logG: (lambda: number, p: number, q: number) => number,
): number {
  const { r, alpha, a, b } = params;
  const normLambda = r * Math.log(alpha) - lnGamma(r);
  const normP = lnGamma(a + b) - lnGamma(a) - lnGamma(b);
  return integrateHalfLine((u) => {
    const lambda = u * centre;
    const outer = normLambda + (r - 1) * Math.log(lambda) - alpha * lambda + Math.log(centre);
    return integrateUnit((p, q) =>
      Math.exp(outer + normP + (a - 1) * Math.log(p) + (b - 1) * Math.log(q) + logG(lambda, p, q)),
    );
  });
}

/** ln of the likelihood of a history given (λ, p), split into the alive and the dropped-out branch. */
const aliveBranch = (c: PurchaseHistory) => (lambda: number, _p: number, q: number) =>
  c.x * Math.log(q) + c.x * Math.log(lambda) - lambda * c.T;
const deadBranch = (c: PurchaseHistory) => (lambda: number, p: number, q: number) =>
  Math.log(p) + (c.x - 1) * Math.log(q) + c.x * Math.log(lambda) - lambda * c.tx;

/** Numerical P(alive) and E[Y(t) | history] from the posterior of (λ, p). */
function posteriorFigures(params: BgNbdParams, c: PurchaseHistory, t: number) {
  const centre = Math.max(params.r + c.x, 1) / (params.alpha + c.T);
  const alive = priorIntegral(params, centre, aliveBranch(c));
  const dead = c.x > 0 ? priorIntegral(params, centre, deadBranch(c)) : 0;
  // Given (λ, p) and alive at T: E[purchases in t] = (1 − e^(−λpt)) / p (the lifetime is Exp(λp)).
  const future = priorIntegral(params, centre, (lambda, p, q) => {
    return aliveBranch(c)(lambda, p, q) + Math.log(-Math.expm1(-lambda * p * t)) - Math.log(p);
  });
  return { alive: alive / (alive + dead), expected: future / (alive + dead) };
}

describe('BG/NBD log-likelihood', () => {
  it('gives the published −9582.4 at the paper’s estimates on the CDNOW data', () => {
    expect(cdnowHistories).toHaveLength(2357);
    expect(cdnowHistories.filter((c) => c.x > 0)).toHaveLength(946);
    const ll = bgnbdLogLikelihood(PAPER, cdnowHistories).value;
    expect(Math.abs(ll - -9582.4)).toBeLessThan(0.05);
  });

  it('sums to the same value client by client (ln Γ) as over grouped histories (finite sums)', () => {
    // At b = 10⁶ the ln Γ differences of the per-client form keep fewer digits (ln Γ(10⁶) ≈ 1.3·10⁷).
    const cases: [BgNbdParams, number][] = [
      [PAPER, 1e-12],
      [{ r: 2.5, alpha: 0.7, a: 0.05, b: 40 }, 1e-12],
      [{ r: 0.4, alpha: 9, a: 3, b: 1e6 }, 1e-9],
    ];
    for (const [params, tolerance] of cases) {
      const summed = cdnowHistories.reduce((s, c) => s + bgnbdClientLogLikelihood(params, c), 0);
      expect(relative(bgnbdLogLikelihood(params, cdnowHistories).value, summed)).toBeLessThan(tolerance);
    }
  });

  it('has the gradient of its central finite differences', () => {
    const s = sampler(7);
    const days = Array.from({ length: 400 }, () =>
      simulateBgNbdClient(s, { r: 3, alpha: 30, a: 0.5, b: 6 }, 20 + s.uniform() * 900),
    );
    // Away from the maximum, where the gradient is not lost in the rounding of Σℓ; the last case has
    // b/a = 10⁷, where ∂/∂b is 10⁻⁵ against a Σℓ of 10⁴.
    const cases: [BgNbdParams, PurchaseHistory[]][] = [
      [{ r: 0.5, alpha: 3, a: 1.2, b: 4 }, cdnowHistories],
      [{ r: 2.2, alpha: 41, a: 0.3, b: 9 }, days],
      [{ r: 0.9, alpha: 7, a: 1.6, b: 0.4 }, cdnowHistories],
      [{ r: 0.4, alpha: 9, a: 0.01, b: 1e5 }, cdnowHistories],
    ];
    for (const [params, histories] of cases)
      expect(gradientError((p: BgNbdParams) => bgnbdLogLikelihood(p, histories), params)).toBeLessThan(1e-6);
  });

  it('refuses what is not a purchase history', () => {
    expect(() => bgnbdLogLikelihood(PAPER, [{ x: 1.5, tx: 1, T: 2 }])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood(PAPER, [{ x: 2, tx: 3, T: 2 }])).toThrow(RangeError);
    expect(() => bgnbdLogLikelihood(PAPER, [{ x: 0, tx: 1, T: 2 }])).toThrow(RangeError);
  });
});

describe('fitBgNbd', () => {
  it('finds the CDNOW maximum the paper reports (log-likelihood −9582.4, mean p 0.246, mean λ 0.055 a week)', () => {
    const fit = fitBgNbd(cdnowHistories);
    if (!fit.ok) throw new Error(fit.reason);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.05);
    for (const k of keys) expect(relative(fit.params[k], PAPER[k])).toBeLessThan(0.005); // the paper rounds to 3 decimals
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeCloseTo(0.246, 3);
    expect(fit.params.r / fit.params.alpha).toBeCloseTo(0.055, 3);
    expect(fit.logLikelihood).toBeGreaterThan(fit.nbdLogLikelihood);
  });

  it('gives back the parameters 5,000 simulated clients were drawn from, within 4 standard errors', () => {
    const truth: BgNbdParams = { r: 0.9, alpha: 40, a: 0.8, b: 3 };
    for (const seed of [11, 12, 13]) {
      const s = sampler(seed);
      const clients = Array.from({ length: 5000 }, () => simulateBgNbdClient(s, truth, 30 + s.uniform() * 700));
      const fit = fitBgNbd(clients);
      if (!fit.ok) throw new Error(fit.reason);
      const se = logStandardErrors(
        (theta) => {
          const { gradient } = bgnbdLogLikelihood(
            { r: theta[0]!, alpha: theta[1]!, a: theta[2]!, b: theta[3]! },
            clients,
          );
          return keys.map((k) => gradient[k]);
        },
        keys.map((k) => fit.params[k]),
      );
      keys.forEach((k, i) => expect(Math.abs(Math.log(fit.params[k] / truth[k]))).toBeLessThan(4 * se[i]!));
      // The means, which the data pin down better than the parameters: within 10 %.
      expect(relative(fit.params.r / fit.params.alpha, truth.r / truth.alpha)).toBeLessThan(0.1);
      expect(relative(fit.params.a / (fit.params.a + fit.params.b), 0.8 / 3.8)).toBeLessThan(0.1);
    }
  });

  it("says 'no-evidence-of-dropout' when nobody drops out (the NBD), instead of printing a, b", () => {
    const s = sampler(21);
    const clients = Array.from({ length: 3000 }, () => {
      const T = 30 + s.uniform() * 700;
      const lambda = s.gamma(0.9, 40);
      let [t, x, tx] = [s.exponential(lambda), 0, 0];
      for (; t <= T; t += s.exponential(lambda)) [x, tx] = [x + 1, t];
      return { x, tx, T };
    });
    expect(fitBgNbd(clients)).toMatchObject({ ok: false, reason: 'no-evidence-of-dropout', clients: 3000 });
  });

  it("says 'parameter-at-bound' when every client buys at the same rate (r, α → ∞)", () => {
    const s = sampler(1);
    const clients = Array.from({ length: 3000 }, () => {
      const T = 30 + s.uniform() * 700;
      const p = s.beta(0.8, 3);
      let [t, x, tx] = [s.exponential(0.03), 0, 0];
      for (; t <= T; t += s.exponential(0.03)) {
        [x, tx] = [x + 1, t];
        if (s.uniform() < p) break;
      }
      return { x, tx, T };
    });
    const fit = fitBgNbd(clients);
    expect(fit.ok ? null : fit.reason).toBe('parameter-at-bound');
  });

  it('needs enough clients and enough repeat buyers', () => {
    const few = cdnowHistories.slice(0, 40);
    expect(fitBgNbd(few)).toMatchObject({ ok: false, reason: 'too-few-clients', clients: 40 });
    const once = [...cdnowHistories.filter((c) => c.x === 0), ...cdnowHistories.filter((c) => c.x > 0).slice(0, 29)];
    expect(fitBgNbd(once)).toMatchObject({ ok: false, reason: 'too-few-repeat-buyers', repeatBuyers: 29 });
    // Allowed to try with 29, it finds the likelihood too flat to pin the parameters down.
    expect(fitBgNbd(once, { minRepeatBuyers: 20 })).toMatchObject({ ok: false, reason: 'flat-likelihood' });
  });
});

describe('P(alive) and expected purchases', () => {
  const cases: [string, BgNbdParams, PurchaseHistory, number][] = [
    ['CDNOW customer 1, 39 weeks', PAPER, { x: 2, tx: 30.43, T: 38.86 }, 39],
    ['CDNOW, no repeat purchase', PAPER, { x: 0, tx: 0, T: 38.86 }, 39],
    ['CDNOW customer 1516, 13 weeks', PAPER, { x: 26, tx: 30.86, T: 31 }, 13],
    ['days, a new client, a year', { r: 0.9, alpha: 40, a: 0.8, b: 3 }, { x: 0, tx: 0, T: 0 }, 365],
    ['days, a quiet regular', { r: 0.9, alpha: 40, a: 0.8, b: 3 }, { x: 5, tx: 300, T: 400 }, 30],
    ['days, a frequent buyer', { r: 0.9, alpha: 40, a: 0.8, b: 3 }, { x: 40, tx: 700, T: 720 }, 365],
    ['a just above 1 (bridged)', { r: 1.5, alpha: 20, a: 1.0004, b: 2 }, { x: 3, tx: 100, T: 150 }, 90],
    ['a + b − 1 < 0 (contiguous relation)', { r: 0.5, alpha: 10, a: 0.3, b: 0.6 }, { x: 0, tx: 0, T: 50 }, 365],
    ['a > 1, many purchases', { r: 2, alpha: 5, a: 3, b: 12 }, { x: 10, tx: 200, T: 210 }, 365],
    ['z = 0.9986: 1 − z transformation', { r: 0.3, alpha: 0.5, a: 0.7, b: 2 }, { x: 0, tx: 0, T: 0 }, 365],
  ];

  it.each(cases)('agree with numerical integration over the posterior of (λ, p): %s', (_, params, c, t) => {
    const numeric = posteriorFigures(params, c, t);
    expect(Math.abs(probabilityAlive(params, c) - numeric.alive)).toBeLessThan(1e-8);
    expect(relative(expectedPurchases(params, c, t), numeric.expected)).toBeLessThan(1e-7);
  });

  it('P(alive) is 1 without repeat purchases and falls with silence', () => {
    expect(probabilityAlive(PAPER, { x: 0, tx: 0, T: 30 })).toBe(1);
    const recent = probabilityAlive(PAPER, { x: 4, tx: 38, T: 38.86 });
    const silent = probabilityAlive(PAPER, { x: 4, tx: 10, T: 38.86 });
    expect(silent).toBeLessThan(recent);
  });

  it('E[X(t)] of a new client agrees with Monte-Carlo: 200,000 clients simulated for t', () => {
    const params: BgNbdParams = { r: 0.9, alpha: 40, a: 0.8, b: 3 };
    const s = sampler(5);
    for (const t of [30, 365]) {
      const n = 200_000;
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const { x } = simulateBgNbdClient(s, params, t);
        sum += x;
        squares += x * x;
      }
      const mean = sum / n;
      const se = Math.sqrt((squares / n - mean * mean) / n);
      expect(Math.abs(expectedPurchasesNewClient(params, t) - mean)).toBeLessThan(4 * se);
    }
  });

  it('E[X(t)] starts at the mean rate r/α and is continuous through a = 1', () => {
    const params: BgNbdParams = { r: 0.9, alpha: 40, a: 0.8, b: 3 };
    expect(relative(expectedPurchasesNewClient(params, 1e-4) / 1e-4, 0.9 / 40)).toBeLessThan(1e-4);
    const around = [0.997, 0.9995, 1, 1.0005, 1.003].map((a) =>
      expectedPurchasesWhileAlive({ ...params, a }, 3, 200, 90),
    );
    for (let i = 1; i < around.length; i++) expect(around[i]).toBeLessThan(around[i - 1]!);
    expect(Math.abs(around[2]! - (around[1]! + around[3]!) / 2)).toBeLessThan(1e-6);
    expect(expectedPurchasesWhileAlive(params, 3, 200, 0)).toBe(0);
  });
});
