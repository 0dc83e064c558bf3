// The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013, note 025):
// the value of a purchase, its likelihood, the fit on repeat buyers and the expected value of a
// client's next purchases (docs/analytics.md §21.7). Money is in kopecks.

import { logParameterObjective, minimiseFromEach, searchFailure, type SearchFailure } from './optimise.js';
import { digamma, lnGamma } from './special.js';

/** Purchase values zᵢⱼ ~ Gamma(p, ν) (shape, rate), ν ~ Gamma(q, γ) (docs/analytics.md §21.7); γ in kopecks. */
export type GammaGammaParams = { p: number; q: number; gamma: number };

/**
 * A client's repeat purchases (docs/analytics.md §21.7): how many (x, purchase days after the first) and
 * their mean value z̄ in kopecks (the first purchase left out).
 */
export type SpendHistory = { x: number; meanValue: number };

export type GammaGammaFallbackReason = 'too-few-repeat-buyers' | 'infinite-mean' | SearchFailure;

export type GammaGammaFit =
  | {
      ok: true;
      params: GammaGammaParams;
      logLikelihood: number;
      repeatBuyers: number;
      /** The population mean value of a purchase pγ/(q−1), kopecks. */
      meanValue: number;
      /** Pearson correlation of x and z̄ over the repeat buyers: the model assumes it near 0. */
      frequencyValueCorrelation: number;
      iterations: number;
    }
  | { ok: false; reason: GammaGammaFallbackReason; repeatBuyers: number };

/**
 * One repeat buyer's log-likelihood (docs/analytics.md §21.7; the density of the mean z̄ of x values,
 * note 025 eq. 1a, as in lifetimes' `gamma_gamma_fitter`):
 * ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln z̄ + px ln x − (px+q) ln(γ + x z̄).
 */
export function gammaGammaClientLogLikelihood(params: GammaGammaParams, c: SpendHistory): number {
  const { p, q, gamma } = params;
  const { x, meanValue: z } = c;
  const px = p * x;
  return (
    lnGamma(px + q) -
    lnGamma(px) -
    lnGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(z) +
    px * Math.log(x) -
    (px + q) * Math.log(gamma + x * z)
  );
}

/** Repeat buyers with money scaled by `scale`, x by distinct value. */
type Prepared = {
  n: number;
  scale: number;
  x: Float64Array;
  xz: Float64Array;
  /** Σ ln z̄ and Σ x ln z̄ (scaled). */
  sumLogZ: number;
  sumXLogZ: number;
  xs: Float64Array;
  xWeight: Float64Array;
};

function prepare(histories: readonly SpendHistory[], scale: number): Prepared {
  const buyers = histories.filter((c) => c.x > 0 && c.meanValue > 0);
  const counts = new Map<number, number>();
  let sumLogZ = 0;
  let sumXLogZ = 0;
  for (const c of buyers) {
    if (!Number.isInteger(c.x) || !Number.isFinite(c.meanValue))
      throw new RangeError(`not a spend history: x=${c.x}, meanValue=${c.meanValue}`);
    counts.set(c.x, (counts.get(c.x) ?? 0) + 1);
    const lz = Math.log(c.meanValue * scale);
    sumLogZ += lz;
    sumXLogZ += c.x * lz;
  }
  const xs = Float64Array.from([...counts.keys()].sort((u, v) => u - v));
  return {
    n: buyers.length,
    scale,
    x: Float64Array.from(buyers, (c) => c.x),
    xz: Float64Array.from(buyers, (c) => c.x * c.meanValue * scale),
    sumLogZ,
    sumXLogZ,
    xs,
    xWeight: Float64Array.from(xs, (x) => counts.get(x)!),
  };
}

/**
 * Σℓ over prepared buyers and its gradient in (p, q, γ) (docs/analytics.md §21.7):
 * ∂/∂p = Σ x[ψ(px+q) − ψ(px) + ln z̄ + ln x − ln(γ + x z̄)],
 * ∂/∂q = Σ [ψ(px+q) − ψ(q) + ln γ − ln(γ + x z̄)], ∂/∂γ = Σ [q/γ − (px+q)/(γ + x z̄)].
 * The Γ and ψ terms depend on x alone and are taken once per distinct x.
 */
function summedLogLikelihood(d: Prepared, params: GammaGammaParams, gradient: Float64Array | null): number {
  const { p, q, gamma } = params;
  const lnG = Math.log(gamma);
  const lgq = lnGamma(q);
  const psiQ = digamma(q);
  let ll = p * d.sumXLogZ - d.sumLogZ;
  let gp = d.sumXLogZ;
  let gq = 0;
  let gg = 0;
  for (let j = 0; j < d.xs.length; j++) {
    const x = d.xs[j]!;
    const w = d.xWeight[j]!;
    const px = p * x;
    ll += w * (lnGamma(px + q) - lnGamma(px) - lgq + q * lnG + px * Math.log(x));
    const psiPxq = digamma(px + q);
    gp += w * x * (psiPxq - digamma(px) + Math.log(x));
    gq += w * (psiPxq - psiQ + lnG);
    gg += (w * q) / gamma;
  }
  for (let i = 0; i < d.n; i++) {
    const x = d.x[i]!;
    const v = gamma + d.xz[i]!;
    const lv = Math.log(v);
    ll -= (p * x + q) * lv;
    gp -= x * lv;
    gq -= lv;
    gg -= (p * x + q) / v;
  }
  gradient?.set([gp, gq, gg]);
  return ll;
}

/**
 * Σℓ over the repeat buyers (x ≥ 1 and z̄ > 0; others are skipped) and its gradient ∂/∂(p, q, γ)
 * (docs/analytics.md §21.7).
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  histories: readonly SpendHistory[],
): { value: number; gradient: GammaGammaParams } {
  const g = new Float64Array(3);
  const value = summedLogLikelihood(prepare(histories, 1), params, g);
  return { value, gradient: { p: g[0]!, q: g[1]!, gamma: g[2]! } };
}

function correlation(u: Float64Array, v: Float64Array): number {
  const n = u.length;
  let mu = 0;
  let mv = 0;
  for (let i = 0; i < n; i++) {
    mu += u[i]! / n;
    mv += v[i]! / n;
  }
  let suv = 0;
  let suu = 0;
  let svv = 0;
  for (let i = 0; i < n; i++) {
    const du = u[i]! - mu;
    const dv = v[i]! - mv;
    suv += du * dv;
    suu += du * du;
    svv += dv * dv;
  }
  return suu > 0 && svv > 0 ? suv / Math.sqrt(suu * svv) : 0;
}

/**
 * Fits Gamma-Gamma on the repeat buyers by maximum likelihood (docs/analytics.md §21.7, §21.4). Money
 * is scaled so that the mean z̄ is 1 (γ is scaled back; Σℓ moves by n·ln(scale), the density of a
 * value being per kopeck); the mean negative log-likelihood is minimised over ln(p, q, γ) by BFGS from
 * starts (p, q) = (1, 2), (2, 4), (4, 3), (0.5, 1.5) with the data-informed γ = mean z̄·(q−1)/p, and
 * the origin. No parameters, but a reason, when there are fewer than `minRepeatBuyers` (30) repeat
 * buyers, the search fails (§21.4), or q ≤ 1 (the population mean pγ/(q−1) does not exist).
 */
export function fitGammaGamma(
  histories: readonly SpendHistory[],
  options: { minRepeatBuyers?: number } = {},
): GammaGammaFit {
  const buyers = histories.filter((c) => c.x > 0 && c.meanValue > 0);
  const mean = buyers.reduce((s, c) => s + c.meanValue, 0) / buyers.length;
  const d = prepare(buyers, buyers.length > 0 ? 1 / mean : 1);
  const fail = (reason: GammaGammaFallbackReason): GammaGammaFit => ({ ok: false, reason, repeatBuyers: d.n });
  if (d.n < (options.minRepeatBuyers ?? 30)) return fail('too-few-repeat-buyers');

  const f = logParameterObjective(
    ([p, q, gamma], gradient) => summedLogLikelihood(d, { p: p!, q: q!, gamma: gamma! }, gradient),
    d.n,
  );
  const starts = [
    [1, 2],
    [2, 4],
    [4, 3],
    [0.5, 1.5],
  ].map(([p, q]) => [Math.log(p!), Math.log(q!), Math.log((q! - 1) / p!)]);
  const search = minimiseFromEach(f, [...starts, [0, 0, 0]]);
  if (typeof search === 'string') return fail(search);
  const failure = searchFailure(search, d.n);
  if (failure) return fail(failure);
  const [p, q, gamma] = search.best.x.map(Math.exp) as [number, number, number];
  if (!(q > 1)) return fail('infinite-mean');
  const params = { p, q, gamma: gamma / d.scale };
  return {
    ok: true,
    params,
    logLikelihood: -search.best.value * d.n + d.n * Math.log(d.scale),
    repeatBuyers: d.n,
    meanValue: Math.round((p * params.gamma) / (q - 1)),
    frequencyValueCorrelation: correlation(
      d.x,
      Float64Array.from(buyers, (c) => c.meanValue),
    ),
    iterations: search.iterations,
  };
}

/**
 * Expected value of the client's future purchases, kopecks rounded (docs/analytics.md §21.7; note 025
 * eq. 5): E[Z | x, z̄] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · z̄ = p(γ + x z̄)/(px+q−1), a
 * credibility-weighted mix of the population mean and the client's own mean; with no repeat purchase
 * (x = 0) the population mean pγ/(q−1).
 */
export function expectedPurchaseValue(params: GammaGammaParams, c: SpendHistory): number {
  const { p, q, gamma } = params;
  const x = c.x > 0 && c.meanValue > 0 ? c.x : 0;
  return Math.round((p * (gamma + x * c.meanValue)) / (p * x + q - 1));
}
