// A small quasi-Newton minimiser for the forecast fits (docs/analytics.md §21.3): BFGS with a line
// search that keeps the strong Wolfe conditions (Nocedal & Wright, Numerical Optimization, 2nd ed.,
// algorithms 6.1, 3.5 and 3.6). Four or five parameters, a smooth objective with its exact gradient:
// nothing more is needed, and no library is.

/** An objective: returns f(x) and writes ∇f(x) into `gradient`. +∞ (or NaN) means "outside the domain". */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export type MinimiseOptions = {
  /** Stop when every |∂f/∂xᵢ| is at most this (default 10⁻⁸). */
  gradientTolerance?: number;
  maxIterations?: number;
};

export type Minimum = {
  x: number[];
  value: number;
  /** max |∂f/∂xᵢ| at x. */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  /** The gradient fell below the tolerance (otherwise the search stalled or ran out of iterations). */
  converged: boolean;
};

const C1 = 1e-4; // sufficient decrease
const C2 = 0.9; // curvature (quasi-Newton)
const MAX_LINE_STEPS = 30;
/** Relative size of a change in f that rounding can hide (f is a sum of many terms). */
const ROUNDING = 1e-14;

const dot = (u: Float64Array, v: Float64Array) => {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i]! * v[i]!;
  return s;
};
const maxAbs = (u: Float64Array) => {
  let m = 0;
  for (const v of u) m = Math.max(m, Math.abs(v));
  return m;
};

type Point = { step: number; value: number; slope: number; x: Float64Array; gradient: Float64Array };

/**
 * Minimises f from x0 by BFGS (docs/analytics.md §21.3): the inverse Hessian H starts as the identity,
 * is scaled by sᵀy / yᵀy after the first step and updated by
 * H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / yᵀs (skipped when yᵀs ≤ 0); each step goes along
 * −H∇f as far as the strong Wolfe line search finds (sufficient decrease 10⁻⁴, curvature 0.9). A failed
 * line search restarts from the identity once; a second failure ends the search, and so does a
 * predicted decrease −∇fᵀd below 10⁻¹⁴|f| (it could not be told from rounding).
 */
export function minimise(f: Objective, x0: readonly number[], options: MinimiseOptions = {}): Minimum {
  const tolerance = options.gradientTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 500;
  const n = x0.length;
  let evaluations = 0;
  const evaluate = (x: Float64Array, g: Float64Array) => {
    evaluations++;
    const v = f(x, g);
    return Number.isFinite(v) && g.every(Number.isFinite) ? v : Infinity;
  };

  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let value = evaluate(x, g);
  const result = (iterations: number, converged: boolean): Minimum => ({
    x: Array.from(x),
    value,
    gradientNorm: maxAbs(g),
    iterations,
    evaluations,
    converged,
  });
  if (!Number.isFinite(value)) return result(0, false);

  const h = new Float64Array(n * n);
  const resetH = (scale: number) => {
    h.fill(0);
    for (let i = 0; i < n; i++) h[i * n + i] = scale;
  };
  resetH(1);
  let identity = true;
  let scaled = false;
  const direction = new Float64Array(n);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(g) <= tolerance) return result(iteration, true);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= h[i * n + j]! * g[j]!;
      direction[i] = s;
    }
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      resetH(1);
      identity = true;
      for (let i = 0; i < n; i++) direction[i] = -g[i]!;
      slope = dot(direction, g);
    }
    // A predicted decrease below the rounding of f cannot be checked by a line search: f is as low as it gets.
    if (-slope <= ROUNDING * Math.abs(value)) return result(iteration, maxAbs(g) <= tolerance);
    // The first step along the bare gradient is kept short; afterwards H carries the scale.
    const first = identity && !scaled ? Math.min(1, 1 / maxAbs(direction)) : 1;
    const found = lineSearch(evaluate, { step: 0, value, slope, x, gradient: g }, direction, first);
    if (!found) {
      if (identity) return result(iteration, maxAbs(g) <= tolerance);
      resetH(1);
      identity = true;
      scaled = false;
      continue;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = found.x[i]! - x[i]!;
      y[i] = found.gradient[i]! - g[i]!;
    }
    const sy = dot(s, y);
    const previous = value;
    x = found.x;
    g = found.gradient;
    value = found.value;
    if (sy > 1e-300) {
      if (!scaled) {
        resetH(sy / dot(y, y));
        scaled = true;
      }
      bfgsUpdate(h, s, y, 1 / sy);
      identity = false;
    }
    if (previous - value <= 1e-16 * Math.max(1, Math.abs(value)) && maxAbs(s) <= 1e-14 * Math.max(1, maxAbs(x)))
      return result(iteration + 1, maxAbs(g) <= tolerance);
  }
  return result(maxIterations, maxAbs(g) <= tolerance);
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, written out: H − ρ(s(Hy)ᵀ + (Hy)sᵀ) + (ρ² yᵀHy + ρ) s sᵀ. */
function bfgsUpdate(h: Float64Array, s: Float64Array, y: Float64Array, rho: number) {
  const n = s.length;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < n; j++) v += h[i * n + j]! * y[j]!;
    hy[i] = v;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      h[i * n + j] = h[i * n + j]! - rho * (s[i]! * hy[j]! + hy[i]! * s[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
}

/**
 * A step along `direction` that meets the strong Wolfe conditions φ(α) ≤ φ(0) + c₁αφ′(0) and
 * |φ′(α)| ≤ c₂|φ′(0)| (Nocedal & Wright algorithms 3.5 and 3.6): steps double until they bracket such a
 * point, then the bracket shrinks by safeguarded cubic interpolation. A non-finite φ counts as too
 * long a step. Returns null when no such step is found.
 */
function lineSearch(
  evaluate: (x: Float64Array, g: Float64Array) => number,
  start: Point,
  direction: Float64Array,
  firstStep: number,
): Point | null {
  const at = (step: number): Point => {
    const x = new Float64Array(start.x.length);
    for (let i = 0; i < x.length; i++) x[i] = start.x[i]! + step * direction[i]!;
    const gradient = new Float64Array(x.length);
    const value = evaluate(x, gradient);
    return { step, value, slope: Number.isFinite(value) ? dot(gradient, direction) : NaN, x, gradient };
  };
  const sufficient = (p: Point) => p.value <= start.value + C1 * p.step * start.slope;
  const curvature = (p: Point) => Math.abs(p.slope) <= -C2 * start.slope;

  let previous = start;
  let step = firstStep;
  for (let i = 0; i < MAX_LINE_STEPS; i++) {
    const p = at(step);
    if (!Number.isFinite(p.value) || !sufficient(p) || (i > 0 && p.value >= previous.value))
      return zoom(at, sufficient, curvature, previous, p);
    if (curvature(p)) return p;
    if (p.slope >= 0) return zoom(at, sufficient, curvature, p, previous);
    previous = p;
    step *= 2;
  }
  return null;
}

function zoom(
  at: (step: number) => Point,
  sufficient: (p: Point) => boolean,
  curvature: (p: Point) => boolean,
  low: Point,
  high: Point,
): Point | null {
  let lo = low;
  let hi = high;
  for (let i = 0; i < MAX_LINE_STEPS; i++) {
    const width = hi.step - lo.step;
    if (Math.abs(width) <= 1e-16 * Math.max(1, Math.abs(lo.step))) break;
    const p = at(interpolate(lo, hi));
    if (!Number.isFinite(p.value) || !sufficient(p) || p.value >= lo.value) hi = p;
    else {
      if (curvature(p)) return p;
      if (p.slope * (hi.step - lo.step) >= 0) hi = lo;
      lo = p;
    }
  }
  // No Wolfe point, but a step that lowered f is still progress.
  return lo.step !== 0 && sufficient(lo) ? lo : null;
}

/**
 * The minimiser of the cubic through (α_lo, φ, φ′) and (α_hi, φ, φ′) (Nocedal & Wright 3.59), kept
 * inside the middle 80 % of the bracket; the midpoint when the cubic is not defined.
 */
function interpolate(lo: Point, hi: Point): number {
  const a = lo.step;
  const b = hi.step;
  const left = Math.min(a, b) + 0.1 * Math.abs(b - a);
  const right = Math.max(a, b) - 0.1 * Math.abs(b - a);
  const mid = (a + b) / 2;
  if (!Number.isFinite(hi.value) || !Number.isFinite(hi.slope)) return mid;
  const d1 = lo.slope + hi.slope - (3 * (lo.value - hi.value)) / (a - b);
  const disc = d1 * d1 - lo.slope * hi.slope;
  if (!(disc >= 0)) return mid;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  const t = b - (b - a) * ((hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2));
  return Number.isFinite(t) ? Math.min(right, Math.max(left, t)) : mid;
}

// ---- several starting points and what their ends say (docs/analytics.md §21.4) --------------------------

/** Log-parameters are searched within ±25 (e^25 ≈ 7·10¹⁰, on data scaled to order 1). */
const LOG_BOUND = 25;
/**
 * A log-parameter beyond ±12 (1.6·10⁵ or 6·10⁻⁶ on data scaled to order 1) has run off: a likelihood
 * whose supremum lies at infinity flattens there, and the search stalls or stops where its slope is
 * below the tolerance, well inside ±25.
 */
const RUN_OFF = 12;
/** max |∂f/∂φ| of a mean negative log-likelihood under which a fit counts as converged. */
const CONVERGED_GRADIENT = 1e-6;
/** Starts whose Σℓ ends within this of the best… */
const SAME_LIKELIHOOD = 1e-3;
/** …must agree on every log-parameter to within this (a spread means a standard error of ~20 % or more). */
const SAME_ESTIMATE = 0.01;

/**
 * The objective of a maximum-likelihood fit over log-parameters (docs/analytics.md §21.3): the mean
 * negative log-likelihood −Σℓ(θ)/weight at θ = e^φ, with ∂/∂φ = −θ · ∂Σℓ/∂θ / weight. `logLikelihood`
 * returns Σℓ and writes ∂Σℓ/∂θ.
 */
export function logParameterObjective(
  logLikelihood: (theta: number[], gradient: Float64Array) => number,
  weight: number,
): Objective {
  return (phi, gradient) => {
    const theta = Array.from(phi, Math.exp);
    const ll = logLikelihood(theta, gradient);
    theta.forEach((t, k) => (gradient[k] = (-t * gradient[k]!) / weight));
    return -ll / weight;
  };
}

/** Why a multi-start search gives no estimate. */
export type SearchFailure = 'non-finite-likelihood' | 'not-converged' | 'parameter-at-bound' | 'flat-likelihood';

export type Search = { best: Minimum; runs: Minimum[]; iterations: number };

/**
 * Minimises a mean negative log-likelihood over log-parameters from each start (docs/analytics.md
 * §21.3) and keeps the lowest finite end; +∞ outside |φ| ≤ 25. 'non-finite-likelihood' when no start
 * gives a finite value.
 */
export function minimiseFromEach(f: Objective, starts: readonly number[][]): Search | 'non-finite-likelihood' {
  const bounded: Objective = (x, g) => (x.some((v) => Math.abs(v) > LOG_BOUND) ? Infinity : f(x, g));
  const runs = starts.map((start) => minimise(bounded, start));
  const finite = runs.filter((m) => Number.isFinite(m.value));
  if (finite.length === 0) return 'non-finite-likelihood';
  const best = finite.reduce((u, v) => (v.value < u.value ? v : u));
  return { best, runs: finite, iterations: runs.reduce((s, m) => s + m.iterations, 0) };
}

/**
 * What the ends of a search say about the estimate (docs/analytics.md §21.4): 'parameter-at-bound'
 * when the best end has a log-parameter beyond ±12; 'not-converged' when its gradient is not below
 * 10⁻⁶; 'flat-likelihood' when another converged start ends within 0.001 of the best Σℓ (`weight`
 * turns the mean back into the sum) but more than 0.01 away in some log-parameter; else null.
 */
export function searchFailure(search: Search, weight: number): SearchFailure | null {
  const { best, runs } = search;
  if (best.x.some((v) => Math.abs(v) > RUN_OFF)) return 'parameter-at-bound';
  if (!(best.gradientNorm <= CONVERGED_GRADIENT)) return 'not-converged';
  const apart = runs.some(
    (m) =>
      m.gradientNorm <= CONVERGED_GRADIENT &&
      (m.value - best.value) * weight <= SAME_LIKELIHOOD &&
      m.x.some((v, k) => Math.abs(v - best.x[k]!) > SAME_ESTIMATE),
  );
  return apart ? 'flat-likelihood' : null;
}
