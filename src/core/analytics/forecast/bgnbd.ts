// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): the likelihood, its
// gradient, the maximum-likelihood fit with the detection of fits that mean nothing, and the
// predictions — P(alive) and the expected number of purchases (docs/analytics.md §21.2–§21.5).

import { logParameterObjective, minimiseFromEach, searchFailure, type SearchFailure } from './optimise.js';
import { BRIDGE_NODES, bridgeWeights, hyp2f1Log, lnGamma, logSumExp } from './special.js';

/**
 * One client's purchase history (docs/analytics.md §21.1), in days or any one unit of time:
 * x repeat purchases (purchase days after the first), tx the time of the last purchase counted from
 * the first, T the time from the first purchase to the day of the forecast.
 */
export type PurchaseHistory = { x: number; tx: number; T: number };

/** λ ~ Gamma(r, α) (α a rate, in 1/time), p ~ Beta(a, b) (docs/analytics.md §21.2). */
export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

/** Why a fit gives no parameters (docs/analytics.md §21.4); labels in `labels.ts`. */
export type BgNbdFallbackReason =
  'too-few-clients' | 'too-few-repeat-buyers' | 'no-evidence-of-dropout' | SearchFailure;

export type BgNbdFit =
  | {
      ok: true;
      params: BgNbdParams;
      /** Σ ℓᵢ at the estimate, in the unit of time of the data. */
      logLikelihood: number;
      /** The same data under the NBD (no dropout), for the likelihood-ratio check. */
      nbdLogLikelihood: number;
      clients: number;
      repeatBuyers: number;
      /** Minimiser iterations over all starting points. */
      iterations: number;
    }
  | { ok: false; reason: BgNbdFallbackReason; clients: number; repeatBuyers: number };

export type BgNbdFitOptions = {
  /** Fewer clients than this: 'too-few-clients' (default 50). */
  minClients?: number;
  /** Fewer clients with a repeat purchase than this: 'too-few-repeat-buyers' (default 30). */
  minRepeatBuyers?: number;
};

/** b/a above this: a mean dropout probability a/(a+b) under 0.1 % — no dropout the data can show. */
const MAX_B_OVER_A = 1000;
/** Likelihood-ratio statistic 2(ℓ_BG/NBD − ℓ_NBD) under which dropout is not evidenced (χ̄² 5 %: ½χ²₀ + ½χ²₁). */
const DROPOUT_LR = 2.71;

/**
 * One client's log-likelihood ℓᵢ under BG/NBD (docs/analytics.md §21.2; paper eq. 6 in log space as in
 * lifetimes' `beta_geo_fitter`):
 * A₁ = ln Γ(r+x) − ln Γ(r) + r ln α, A₂ = ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x),
 * A₃ = −(r+x) ln(α+T), A₄ = ln a − ln(b+x−1) − (r+x) ln(α+tₓ) (only when x > 0),
 * ℓᵢ = A₁ + A₂ + ln(e^A₃ + δ(x>0) e^A₄).
 */
export function bgnbdClientLogLikelihood(p: BgNbdParams, c: PurchaseHistory): number {
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logSumExp(a3, a4);
}

// ---- the summed likelihood over prepared data ----------------------------------------------------------

/**
 * Histories prepared for repeated evaluation (docs/analytics.md §21.2): identical (x, tₓ, T) are one
 * group with a weight (exact: the likelihood is a product over clients), x and the times are indices
 * into their distinct values, and times are multiplied by `scale`.
 */
type Prepared = {
  clients: number;
  repeatBuyers: number;
  scale: number;
  totalWeight: number;
  /** Σ w·x, for moving the log-likelihood between time units. */
  weightedX: number;
  /** Σ w·T (scaled), for the starting points. */
  weightedT: number;
  groupWeight: Float64Array;
  groupX: Float64Array;
  groupXIndex: Uint32Array;
  groupT: Uint32Array;
  groupTx: Uint32Array;
  /** Distinct x, ascending, and the total weight of each. */
  xs: Float64Array;
  xWeight: Float64Array;
  times: Float64Array;
};

function checkHistory(c: PurchaseHistory) {
  const { x, tx, T } = c;
  if (!(Number.isInteger(x) && x >= 0 && tx >= 0 && T >= tx && Number.isFinite(T) && (x > 0 || tx === 0)))
    throw new RangeError(`not a purchase history: x=${x}, tx=${tx}, T=${T}`);
}

function prepare(histories: readonly PurchaseHistory[], scale: number): Prepared {
  const timeIndex = new Map<number, number>();
  const xIndex = new Map<number, number>();
  for (const c of histories) {
    checkHistory(c);
    if (!timeIndex.has(c.T)) timeIndex.set(c.T, timeIndex.size);
    if (!timeIndex.has(c.tx)) timeIndex.set(c.tx, timeIndex.size);
    if (!xIndex.has(c.x)) xIndex.set(c.x, 0);
  }
  const times = Float64Array.from(timeIndex.keys(), (t) => t * scale);
  const xs = Float64Array.from([...xIndex.keys()].sort((u, v) => u - v));
  xs.forEach((x, i) => xIndex.set(x, i));
  // Identical histories share a key: the indices of x, tₓ and T in mixed radix (a string past 2⁵³).
  const nt = times.length;
  const numeric = xs.length * nt * nt < Number.MAX_SAFE_INTEGER;
  const groups = new Map<number | string, number>();
  const weight: number[] = [];
  const gx: number[] = [];
  const gt: number[] = [];
  const gtx: number[] = [];
  const xWeight = new Float64Array(xs.length);
  let repeatBuyers = 0;
  let weightedX = 0;
  let weightedT = 0;
  for (const c of histories) {
    const t = timeIndex.get(c.T)!;
    const tx = timeIndex.get(c.tx)!;
    const xi = xIndex.get(c.x)!;
    const key = numeric ? (xi * nt + tx) * nt + t : `${xi},${tx},${t}`;
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, weight.length);
      weight.push(1);
      gx.push(xi);
      gt.push(t);
      gtx.push(tx);
    } else weight[g]! += 1;
    xWeight[xi]! += 1;
    if (c.x > 0) repeatBuyers++;
    weightedX += c.x;
    weightedT += c.T * scale;
  }
  return {
    clients: histories.length,
    repeatBuyers,
    scale,
    totalWeight: histories.length,
    weightedX,
    weightedT,
    groupWeight: Float64Array.from(weight),
    groupX: Float64Array.from(gx, (i) => xs[i]!),
    groupXIndex: Uint32Array.from(gx),
    groupT: Uint32Array.from(gt),
    groupTx: Uint32Array.from(gtx),
    xs,
    xWeight,
    times,
  };
}

/**
 * Σ wᵢℓᵢ and its gradient in (r, α, a, b) over prepared data (docs/analytics.md §21.2). x is a whole
 * number, so the Γ ratios are finite products, summed once up to the largest x for every distinct x:
 * ln Γ(r+x) − ln Γ(r) = Σ_{i<x} ln(r+i), A₂ = −Σ_{i<x} ln(1 + a/(b+i)), and their derivatives
 * Σ 1/(r+i), −Σ 1/(a+b+i), Σ a/((b+i)(a+b+i)) — exact for huge b, where ln Γ differences lose digits.
 * The per-group part: with w₃, w₄ the shares e^(Aⱼ−ℓ), ∂/∂r = −w₃ ln(α+T) − w₄ ln(α+tₓ),
 * ∂/∂α = −(r+x)(w₃/(α+T) + w₄/(α+tₓ)), ∂/∂a = w₄/a, ∂/∂b = −w₄/(b+x−1).
 * With `dropout` false it is the NBD (p ≡ 0): A₂ = 0 and no A₄.
 */
function summedLogLikelihood(d: Prepared, p: BgNbdParams, gradient: Float64Array | null, dropout = true): number {
  const { r, alpha, a, b } = p;
  const nx = d.xs.length;
  const xConst = new Float64Array(nx);
  const xLogA4 = new Float64Array(nx);
  const xInvB = new Float64Array(nx);
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  let ll = 0;
  const lnAlpha = Math.log(alpha);
  // Running sums over i < x.
  let sr = 0;
  let sdr = 0;
  let sab = 0;
  let sda = 0;
  let sdb = 0;
  let i = 0;
  for (let j = 0; j < nx; j++) {
    const x = d.xs[j]!;
    for (; i < x; i++) {
      sr += Math.log(r + i);
      sdr += 1 / (r + i);
      if (dropout) {
        const bi = b + i;
        const abi = a + bi;
        sab -= Math.log1p(a / bi);
        sda -= 1 / abi;
        sdb += a / (bi * abi);
      }
    }
    const w = d.xWeight[j]!;
    const c1 = sr + r * lnAlpha + (dropout ? sab : 0);
    ll += w * c1;
    gr += w * (sdr + lnAlpha);
    gAlpha += (w * r) / alpha;
    if (dropout) {
      ga += w * sda;
      gb += w * sdb;
      if (x > 0) {
        xLogA4[j] = Math.log(a) - Math.log(b + x - 1);
        xInvB[j] = 1 / (b + x - 1);
      }
    }
    xConst[j] = c1;
  }
  const nt = d.times.length;
  const lt = new Float64Array(nt);
  const it = new Float64Array(nt);
  for (let k = 0; k < nt; k++) {
    const v = alpha + d.times[k]!;
    lt[k] = Math.log(v);
    it[k] = 1 / v;
  }
  const { groupWeight, groupX, groupXIndex, groupT, groupTx } = d;
  const n = groupWeight.length;
  for (let g = 0; g < n; g++) {
    const w = groupWeight[g]!;
    const x = groupX[g]!;
    const big = r + x;
    const t = groupT[g]!;
    const a3 = -big * lt[t]!;
    if (x === 0 || !dropout) {
      ll += w * a3;
      gr -= w * lt[t]!;
      gAlpha -= w * big * it[t]!;
      continue;
    }
    const j = groupXIndex[g]!;
    const tx = groupTx[g]!;
    const a4 = xLogA4[j]! - big * lt[tx]!;
    let lse: number;
    let w4: number;
    if (a3 >= a4) {
      const e = Math.exp(a4 - a3);
      lse = a3 + Math.log1p(e);
      w4 = e / (1 + e);
    } else {
      const e = Math.exp(a3 - a4);
      lse = a4 + Math.log1p(e);
      w4 = 1 / (1 + e);
    }
    const w3 = 1 - w4;
    ll += w * lse;
    gr -= w * (w3 * lt[t]! + w4 * lt[tx]!);
    gAlpha -= w * big * (w3 * it[t]! + w4 * it[tx]!);
    ga += (w * w4) / a;
    gb -= w * w4 * xInvB[j]!;
  }
  gradient?.set(dropout ? [gr, gAlpha, ga, gb] : [gr, gAlpha]);
  return ll;
}

/**
 * Σᵢ ℓᵢ over the clients and its gradient ∂/∂(r, α, a, b) (docs/analytics.md §21.2): the analytic
 * derivatives of A₁…A₄, the Γ ratios written as finite sums over i < x.
 */
export function bgnbdLogLikelihood(
  p: BgNbdParams,
  histories: readonly PurchaseHistory[],
): { value: number; gradient: BgNbdParams } {
  const g = new Float64Array(4);
  const value = summedLogLikelihood(prepare(histories, 1), p, g);
  return { value, gradient: { r: g[0]!, alpha: g[1]!, a: g[2]!, b: g[3]! } };
}

// ---- the fit --------------------------------------------------------------------------------------------

const params = (theta: readonly number[]): BgNbdParams => ({
  r: theta[0]!,
  alpha: theta[1]!,
  a: theta[2] ?? 1,
  b: theta[3] ?? 1,
});

/**
 * The objective minimised (docs/analytics.md §21.3): the mean negative log-likelihood over ln(r, α, a, b),
 * or over ln(r, α) for the NBD.
 */
const objective = (d: Prepared, dropout: boolean) =>
  logParameterObjective((theta, gradient) => summedLogLikelihood(d, params(theta), gradient, dropout), d.totalWeight);

/**
 * Starting points (docs/analytics.md §21.3), in scaled time: r ∈ {1, 0.3, 3} with α = r / (mean repeat
 * rate Σx/ΣT), so that the prior mean rate r/α matches the data, and (a, b) = (1, 1), (0.5, 3), (2, 10);
 * plus lifetimes' data-free start, every log-parameter 0.1.
 */
function startingPoints(d: Prepared): number[][] {
  const rate = d.weightedX / d.weightedT;
  const starts = [
    [1, 1, 1],
    [0.3, 0.5, 3],
    [3, 2, 10],
  ].map(([r, a, b]) => [Math.log(r!), Math.log(r! / rate), Math.log(a!), Math.log(b!)]);
  return [...starts, [0.1, 0.1, 0.1, 0.1]];
}

/**
 * Fits BG/NBD by maximum likelihood (docs/analytics.md §21.3–§21.4). Time is scaled so that the
 * longest T is 1 (α is scaled back afterwards; Σℓ moves by Σx·ln(scale), a client's likelihood scaling
 * by scale^(−x)); the mean negative log-likelihood is minimised over ln(r, α, a, b) by BFGS from four
 * starting points and the best end is kept. No parameters, but a reason, when: there are too few
 * clients or repeat buyers; no start gives a finite likelihood; dropout is not evidenced (b/a > 1000,
 * or the NBD without dropout fits as well: 2Δℓ < 2.71); a log-parameter ran off beyond ±12; the best
 * end did not converge; or starts that end at the same likelihood (within 0.001) disagree on a
 * log-parameter by more than 0.01.
 */
export function fitBgNbd(histories: readonly PurchaseHistory[], options: BgNbdFitOptions = {}): BgNbdFit {
  const maxT = histories.reduce((m, c) => Math.max(m, c.T), 0);
  const d = prepare(histories, maxT > 0 ? 1 / maxT : 1);
  const counts = { clients: d.clients, repeatBuyers: d.repeatBuyers };
  const fail = (reason: BgNbdFallbackReason): BgNbdFit => ({ ok: false, reason, ...counts });
  if (d.clients < (options.minClients ?? 50)) return fail('too-few-clients');
  if (d.repeatBuyers < (options.minRepeatBuyers ?? 30)) return fail('too-few-repeat-buyers');

  const search = minimiseFromEach(objective(d, true), startingPoints(d));
  if (typeof search === 'string') return fail(search);
  const scaled = params(search.best.x.map(Math.exp));
  const logLikelihood = -search.best.value * d.totalWeight + d.weightedX * Math.log(d.scale);
  const nbd = fitNbd(d);
  // Before the search's own checks: a → 0 or b → ∞ is this, not a parameter gone astray.
  if (scaled.b / scaled.a > MAX_B_OVER_A || 2 * (logLikelihood - nbd) < DROPOUT_LR)
    return fail('no-evidence-of-dropout');
  const failure = searchFailure(search, d.totalWeight);
  if (failure) return fail(failure);
  return {
    ok: true,
    params: { ...scaled, alpha: scaled.alpha / d.scale },
    logLikelihood,
    nbdLogLikelihood: nbd,
    ...counts,
    iterations: search.iterations,
  };
}

/**
 * The NBD's maximised log-likelihood (BG/NBD with p ≡ 0: ℓᵢ = A₁ + A₃; docs/analytics.md §21.4), in the
 * data's unit of time, from two starts (−∞ if neither is finite; where the search stopped short, a
 * lower bound of the maximum).
 */
function fitNbd(d: Prepared): number {
  const rate = d.weightedX / d.weightedT;
  const search = minimiseFromEach(
    objective(d, false),
    [1, 0.3].map((r) => [Math.log(r), Math.log(r / rate)]),
  );
  if (typeof search === 'string') return -Infinity;
  return -search.best.value * d.totalWeight + d.weightedX * Math.log(d.scale);
}

// ---- predictions ----------------------------------------------------------------------------------------

/**
 * P(alive | x, tₓ, T) (docs/analytics.md §21.5; Hardie note 021):
 * 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)), as a logistic of
 * −[(r+x) ln((α+T)/(α+tₓ)) + ln(a/(b+x−1))]; 1 when x = 0.
 */
export function probabilityAlive(p: BgNbdParams, c: PurchaseHistory): number {
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = p;
  const logOdds = (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx)) + Math.log(a / (b + c.x - 1));
  return 1 / (1 + Math.exp(logOdds));
}

/** a within this of 1 is bridged by the cubic through a = 1 ± δ, 1 ± 2δ (the formula divides by a − 1). */
const NEAR_ONE = 1e-3;

/**
 * Expected purchases in (T, T + t] of a client known to be alive at T after x repeat purchases
 * (docs/analytics.md §21.5; paper eq. 10 without its P(alive)): with R = r+x, B = b+x, C = a+b+x−1,
 * z = t/(α+T+t),
 * E = C/(a−1) · [1 − (1−z)^R · ₂F₁(R, B; C; z)], the bracket as −expm1(R ln(1−z) + ln ₂F₁).
 * C ≤ ½ (only x = 0 with a + b ≤ 1.5) goes through Gauss's contiguous relation, which gives C·₂F₁(…; C; z)
 * from ₂F₁(…; C+1; z) and ₂F₁(…; C+2; z) without the pole at C = 0; a within 10⁻³ of 1 (where both factors
 * vanish) through the cubic `bridgeWeights` over a = 1 ± 10⁻³, 1 ± 2·10⁻³.
 */
export function expectedPurchasesWhileAlive(p: BgNbdParams, x: number, T: number, t: number): number {
  if (!(t > 0)) return 0;
  if (Math.abs(p.a - 1) < NEAR_ONE) {
    const weights = bridgeWeights((p.a - 1) / NEAR_ONE);
    return BRIDGE_NODES.reduce(
      (s, sj, j) => s + weights[j]! * aliveBracket({ ...p, a: 1 + sj * NEAR_ONE }, x, T, t),
      0,
    );
  }
  return aliveBracket(p, x, T, t);
}

function aliveBracket(p: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = p;
  const big = r + x;
  const bx = b + x;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const l = Math.log1p(-z);
  if (c > 0.5) {
    const f = hyp2f1Log(big, bx, c, z);
    if (f.sign !== 1) return NaN;
    return (c / (a - 1)) * -Math.expm1(big * l + f.log);
  }
  // C·F(C) = {(C+1)[C − (2C+1−R−B)z] F(C+1) + (C+1−R)(C+1−B) z F(C+2)} / ((C+1)(1−z)), each term × (1−z)^R.
  const f1 = hyp2f1Log(big, bx, c + 1, z);
  const f2 = hyp2f1Log(big, bx, c + 2, z);
  const p1 = f1.sign * Math.exp(big * l + f1.log);
  const p2 = f2.sign * Math.exp(big * l + f2.log);
  const cf =
    ((c + 1) * (c - (2 * c + 1 - big - bx) * z) * p1 + (c + 1 - big) * (c + 1 - bx) * z * p2) / ((c + 1) * (1 - z));
  return (c - cf) / (a - 1);
}

/**
 * Expected purchases in (T, T+t] given the history (docs/analytics.md §21.5; paper eq. 10):
 * E[Y(t) | x, tₓ, T] = P(alive | x, tₓ, T) · `expectedPurchasesWhileAlive`(x, T, t).
 */
export function expectedPurchases(p: BgNbdParams, c: PurchaseHistory, t: number): number {
  return probabilityAlive(p, c) * expectedPurchasesWhileAlive(p, c.x, c.T, t);
}

/**
 * Expected repeat purchases of a new client in (0, t] (docs/analytics.md §21.5; paper eq. 9):
 * E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] — the case x = 0, T = 0 above.
 */
export function expectedPurchasesNewClient(p: BgNbdParams, t: number): number {
  return expectedPurchasesWhileAlive(p, 0, 0, t);
}
