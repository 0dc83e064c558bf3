// Numerical integration for the forecast tests: the double-exponential rules of Takahasi & Mori (1974),
// which stay accurate with integrable singularities at the ends (t^(b−1) of a Beta density, say).
// Written here, independently of the closed forms they check.

/** The step and the half-width of the u-range: nodes −U, −U + h, …, U. */
const STEP = 1 / 64;
const RANGE = 6;

/**
 * ∫₀¹ f(t) dt by tanh-sinh: t = 1 / (1 + e^(−π sinh u)). f gets t and 1 − t, each computed directly,
 * so that a factor (1 − t)^(β−1) keeps its precision next to t = 1.
 */
export function integrateUnit(f: (t: number, oneMinusT: number) => number, step = STEP): number {
  let sum = 0;
  for (let u = -RANGE; u <= RANGE + 1e-12; u += step) {
    const s = Math.PI * Math.sinh(u);
    const t = 1 / (1 + Math.exp(-s));
    const rest = 1 / (1 + Math.exp(s));
    if (t === 0 || rest === 0) continue;
    const weight = Math.PI * Math.cosh(u) * t * rest; // dt/du
    const value = f(t, rest);
    if (value !== 0) sum += value * weight;
  }
  return sum * step;
}

/** ∫₀^∞ f(t) dt by exp-sinh: t = e^(π/2 · sinh u), dt = t · π/2 · cosh u du. */
export function integrateHalfLine(f: (t: number) => number, step = STEP, range = RANGE): number {
  let sum = 0;
  for (let u = -range; u <= range + 1e-12; u += step) {
    const t = Math.exp((Math.PI / 2) * Math.sinh(u));
    if (t === 0 || !Number.isFinite(t)) continue;
    const value = f(t);
    if (value !== 0) sum += value * t * (Math.PI / 2) * Math.cosh(u);
  }
  return sum * step;
}
