// Special functions the forecasts need (docs/analytics.md §21): ln Γ, ψ, log-sum-exp and the Gauss
// hypergeometric function ₂F₁ with its transformations, all in a form that does not overflow.

const HALF_LN_2PI = 0.9189385332046728; // ½ ln 2π
const LN_PI = 1.1447298858494002;
const LN10 = Math.LN10;

/**
 * ln Γ(x) for x > 0 (docs/analytics.md §21.6): the recurrence ln Γ(x) = ln Γ(x + n) − ln(x(x+1)…(x+n−1))
 * lifts x to at least 10, then Stirling's series ln Γ(y) = (y − ½) ln y − y + ½ ln 2π + Σₖ B₂ₖ / (2k(2k−1) y^(2k−1))
 * to the y⁻¹³ term (absolute error below 10⁻¹⁵). +∞ at 0, NaN below (see `lnAbsGamma`).
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  let y = x;
  let product = 1;
  while (y < 10) {
    product *= y;
    y += 1;
  }
  const y2 = 1 / (y * y);
  const series =
    (1 / 12 - y2 * (1 / 360 - y2 * (1 / 1260 - y2 * (1 / 1680 - y2 * (1 / 1188 - y2 * (691 / 360360 - y2 / 156)))))) /
    y;
  return (y - 0.5) * Math.log(y) - y + HALF_LN_2PI + series - (product === 1 ? 0 : Math.log(product));
}

/** sin(πx), exact at the integers and half-integers (the argument is reduced before multiplying by π). */
function sinPi(x: number): number {
  let r = x - 2 * Math.floor(x / 2); // [0, 2)
  let sign = 1;
  if (r >= 1) {
    r -= 1;
    sign = -1;
  }
  if (r > 0.5) r = 1 - r;
  return sign * Math.sin(Math.PI * r);
}

/**
 * Nodes, in units of a half-width δ, of the cubic that bridges a point where a formula cannot be used
 * (docs/analytics.md §21.6).
 */
export const BRIDGE_NODES = [-2, -1, 1, 2] as const;

/**
 * Lagrange weights at s of the cubic through the nodes −2, −1, 1, 2 (docs/analytics.md §21.6): a smooth
 * f(x₀ + sδ) ≈ Σⱼ wⱼ(s) f(x₀ + sⱼδ) with an error of order δ⁴ f⁗. Used where a closed form has a removable
 * singularity (BG/NBD at a = 1) or where the z → 1 − z transformation of ₂F₁ has poles.
 */
export function bridgeWeights(s: number): number[] {
  return BRIDGE_NODES.map((sj) => {
    let weight = 1;
    for (const sk of BRIDGE_NODES) if (sk !== sj) weight *= (s - sk) / (sj - sk);
    return weight;
  });
}

/** A real number as sign × e^log, so that products of huge and tiny factors neither overflow nor underflow. */
export type SignedLog = { sign: number; log: number };

/**
 * ln |Γ(x)| and the sign of Γ(x) for any real x (docs/analytics.md §21.6); below ½ by reflection,
 * Γ(x) = π / (sin(πx) Γ(1 − x)). At the poles (0, −1, −2, …) the sign is 0 and the log +∞, so that
 * 1/Γ there is exactly 0.
 */
export function lnAbsGamma(x: number): SignedLog {
  if (x > 0) return { sign: 1, log: lnGamma(x) };
  if (Number.isInteger(x)) return { sign: 0, log: Infinity };
  const s = sinPi(x);
  return { sign: s > 0 ? 1 : -1, log: LN_PI - Math.log(Math.abs(s)) - lnGamma(1 - x) };
}

/**
 * Digamma ψ(x) = d ln Γ(x)/dx for x > 0 (docs/analytics.md §21.6): ψ(x) = ψ(x + n) − Σ 1/(x + k) lifts x
 * to at least 10, then ψ(y) = ln y − 1/(2y) − Σₖ B₂ₖ / (2k y^(2k)).
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let y = x;
  let shift = 0;
  while (y < 10) {
    shift -= 1 / y;
    y += 1;
  }
  const y2 = 1 / (y * y);
  return (
    shift +
    Math.log(y) -
    0.5 / y -
    y2 * (1 / 12 - y2 * (1 / 120 - y2 * (1 / 252 - y2 * (1 / 240 - y2 * (1 / 132 - (691 * y2) / 32760)))))
  );
}

/** ln(eᵘ + eᵛ) without overflow: max + log1p(e^(min − max)) (docs/analytics.md §21.2). */
export function logSumExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

// ---- the Gauss hypergeometric function ---------------------------------------------------------------

/** Relative size of the last term (and the bound on the rest) at which a series stops. */
const SERIES_TOLERANCE = 1e-16;
/** The most terms one series may take before it gives up. */
const MAX_TERMS = 200_000;
/** Digits a candidate may lose to cancellation (largest term or piece ÷ result) and still be taken. */
const MAX_LOST_DIGITS = 5;
/** Distance of c − a − b from an integer under which the z → 1 − z transformation is interpolated. */
const NEAR_INTEGER = 3e-4;

type Evaluation = { value: SignedLog; converged: boolean; lostDigits: number };

const NOT_A_NUMBER: Evaluation = { value: { sign: NaN, log: NaN }, converged: false, lostDigits: Infinity };

const signedLog = (x: number, logScale = 0): SignedLog => ({
  sign: Math.sign(x),
  log: Math.log(Math.abs(x)) + logScale,
});

const times = (u: SignedLog, logFactor: number, signFactor = 1): SignedLog => ({
  sign: u.sign * signFactor,
  log: u.log + logFactor,
});

/** sign·e^log of u + v, and how many digits the sum lost to cancellation. */
function add(u: SignedLog, v: SignedLog): { value: SignedLog; lostDigits: number } {
  if (u.sign === 0) return { value: v, lostDigits: 0 };
  if (v.sign === 0) return { value: u, lostDigits: 0 };
  const top = Math.max(u.log, v.log);
  const sum = u.sign * Math.exp(u.log - top) + v.sign * Math.exp(v.log - top);
  if (sum === 0) return { value: { sign: 0, log: -Infinity }, lostDigits: Infinity };
  return { value: signedLog(sum, top), lostDigits: -Math.log10(Math.abs(sum)) };
}

/**
 * The Gauss series Σₖ (a)ₖ(b)ₖ / ((c)ₖ k!) yᵏ for |y| < 1, summed in ordinary floating point with a
 * running power-of-ten offset (so huge terms do not overflow). It stops when the last term, and the
 * geometric bound on the rest, fall below 10⁻¹⁶ of the sum, once every parameter plus k is positive
 * (a negative parameter can make later terms grow again); a non-positive integer a or b ends it exactly.
 */
function gaussSeries(a: number, b: number, c: number, y: number): Evaluation {
  let term = 1;
  let sum = 1;
  let largest = 1;
  let offset = 0;
  const settled = Math.max(0, -a, -b, -c);
  for (let k = 0; k < MAX_TERMS; k++) {
    const ratio = (((a + k) * (b + k)) / ((c + k) * (k + 1))) * y;
    term *= ratio;
    if (term === 0) return { value: signedLog(sum, offset), converged: true, lostDigits: lost(largest, sum) };
    sum += term;
    const size = Math.abs(term);
    if (size > largest) largest = size;
    if (size > 1e250 || Math.abs(sum) > 1e250) {
      term *= 1e-250;
      sum *= 1e-250;
      largest *= 1e-250;
      offset += 250 * LN10;
    }
    const rho = Math.max(Math.abs(ratio), Math.abs(y));
    if (k >= settled && rho < 1 && (size * rho) / (1 - rho) <= SERIES_TOLERANCE * Math.abs(sum))
      return { value: signedLog(sum, offset), converged: true, lostDigits: lost(largest, sum) };
    if (!Number.isFinite(sum)) return NOT_A_NUMBER;
  }
  return { value: signedLog(sum, offset), converged: false, lostDigits: lost(largest, sum) };
}

const lost = (largest: number, sum: number) =>
  sum === 0 ? Infinity : Math.max(0, Math.log10(largest / Math.abs(sum)));

/**
 * Rough number of terms the Gauss series needs at y: while |ratio| ≥ 1 the terms grow (the larger root
 * of (1 − |y|)k² + (c + 1 − |y|(a + b))k + c − |y|ab = 0), then they shrink about |y| per term.
 */
function seriesCost(a: number, b: number, c: number, y: number): number {
  const ay = Math.abs(y);
  if (ay === 0) return 1;
  if (ay >= 1) return Infinity;
  const qa = 1 - ay;
  const qb = c + 1 - ay * (a + b);
  const qc = c - ay * a * b;
  const disc = qb * qb - 4 * qa * qc;
  const grow = disc > 0 ? Math.max(0, (-qb + Math.sqrt(disc)) / (2 * qa)) : 0;
  return grow + Math.max(0, -a, -b, -c) + 37 / -Math.log(ay);
}

/** Gauss's theorem: ₂F₁(a, b; c; 1) = Γ(c)Γ(c − a − b) / (Γ(c − a)Γ(c − b)) when c − a − b > 0. */
function gaussAtOne(a: number, b: number, c: number): SignedLog {
  const g = [lnAbsGamma(c), lnAbsGamma(c - a - b), lnAbsGamma(c - a), lnAbsGamma(c - b)] as const;
  if (g[2].sign === 0 || g[3].sign === 0) return { sign: 0, log: -Infinity };
  return { sign: g[0].sign * g[1].sign * g[2].sign * g[3].sign, log: g[0].log + g[1].log - g[2].log - g[3].log };
}

/**
 * The z → 1 − z transformation (Abramowitz & Stegun 15.3.6), for z close to 1 where the series
 * crawls: with m = c − a − b,
 * F(a,b;c;z) = Γ(c)Γ(m)/(Γ(c−a)Γ(c−b)) · F(a,b;1−m;1−z) + (1−z)^m Γ(c)Γ(−m)/(Γ(a)Γ(b)) · F(c−a,c−b;1+m;1−z).
 * Both Γ(m) and Γ(−m) have poles at the integers, so within δ = 3·10⁻⁴ of an integer n the value is
 * interpolated in c by the cubic through m = n ± δ and n ± 2δ (`bridgeWeights`): the pieces there are
 * about 1/δ times the result and the cubic's own error is of order δ⁴F⁗, so about 11 digits remain.
 */
function oneMinusZ(a: number, b: number, c: number, z: number): Evaluation {
  const m = c - a - b;
  const n = Math.round(m);
  if (Math.abs(m - n) >= NEAR_INTEGER) return oneMinusZExact(a, b, c, z);
  const at = BRIDGE_NODES.map((s) => oneMinusZExact(a, b, c + (n + s * NEAR_INTEGER - m), z));
  if (at.some((e) => !e.converged || e.value.sign === 0)) return NOT_A_NUMBER;
  const top = Math.max(...at.map((e) => e.value.log));
  const weights = bridgeWeights((m - n) / NEAR_INTEGER);
  let value = 0;
  at.forEach((e, j) => (value += weights[j]! * e.value.sign * Math.exp(e.value.log - top)));
  return { value: signedLog(value, top), converged: true, lostDigits: Math.max(...at.map((e) => e.lostDigits)) };
}

function oneMinusZExact(a: number, b: number, c: number, z: number): Evaluation {
  const m = c - a - b;
  const w = 1 - z;
  const gc = lnAbsGamma(c);
  const g1 = [lnAbsGamma(m), lnAbsGamma(c - a), lnAbsGamma(c - b)] as const;
  const g2 = [lnAbsGamma(-m), lnAbsGamma(a), lnAbsGamma(b)] as const;
  const s1 = gaussSeries(a, b, 1 - m, w);
  const s2 = gaussSeries(c - a, c - b, 1 + m, w);
  if (!s1.converged || !s2.converged) return NOT_A_NUMBER;
  // 1/Γ at a pole is 0: that piece vanishes.
  const piece1: SignedLog =
    g1[1].sign === 0 || g1[2].sign === 0
      ? { sign: 0, log: -Infinity }
      : times(s1.value, gc.log + g1[0].log - g1[1].log - g1[2].log, gc.sign * g1[0].sign * g1[1].sign * g1[2].sign);
  const piece2: SignedLog =
    g2[1].sign === 0 || g2[2].sign === 0
      ? { sign: 0, log: -Infinity }
      : times(
          s2.value,
          m * Math.log(w) + gc.log + g2[0].log - g2[1].log - g2[2].log,
          gc.sign * g2[0].sign * g2[1].sign * g2[2].sign,
        );
  const sum = add(piece1, piece2);
  return {
    value: sum.value,
    converged: Number.isFinite(sum.value.log) || sum.value.sign === 0,
    lostDigits: sum.lostDigits + Math.max(s1.lostDigits, s2.lostDigits),
  };
}

/**
 * The ways to evaluate F(a, b; c; z), by number: on 0 ≤ z < 1 the series (0), Euler's transformation (1)
 * and the z → 1 − z transformation (2); below 0 Pfaff's transformation keeping a (3) or b (4), and the
 * series (0). Plain numbers and a switch rather than closures: this runs a dozen times per client.
 */
function evaluateBy(route: number, a: number, b: number, c: number, z: number): Evaluation {
  switch (route) {
    case 0:
      return gaussSeries(a, b, c, z);
    case 1:
      return scaled(gaussSeries(c - a, c - b, c, z), (c - a - b) * Math.log1p(-z));
    case 2:
      return oneMinusZ(a, b, c, z);
    case 3:
      return scaled(onUnitInterval(a, c - b, c, z / (z - 1)), -a * Math.log1p(-z));
    default:
      return scaled(onUnitInterval(c - a, b, c, z / (z - 1)), -b * Math.log1p(-z));
  }
}

const scaled = (e: Evaluation, logFactor: number): Evaluation => ({ ...e, value: times(e.value, logFactor) });

/**
 * Tries the routes cheapest first (`costs[route]`, ∞ for a route that does not apply) and takes the
 * first that converged without losing more than 5 digits; else the converged one that lost fewest.
 */
function firstGood(costs: number[], a: number, b: number, c: number, z: number): Evaluation {
  let best: Evaluation = NOT_A_NUMBER;
  let tried = 0; // a bit per route
  for (;;) {
    let route = -1;
    for (let r = 0; r < costs.length; r++)
      if (!(tried & (1 << r)) && Number.isFinite(costs[r]) && (route < 0 || costs[r]! < costs[route]!)) route = r;
    if (route < 0) return best;
    tried |= 1 << route;
    const e = evaluateBy(route, a, b, c, z);
    if (e.converged && e.lostDigits <= MAX_LOST_DIGITS) return e;
    if (e.converged && e.lostDigits < best.lostDigits) best = e;
  }
}

/**
 * ₂F₁(a, b; c; y) for 0 ≤ y < 1: the series itself; Euler's transformation
 * F(a,b;c;y) = (1−y)^(c−a−b) F(c−a, c−b; c; y), which converges fast when c is large against a and b;
 * and, for y above ½, the y → 1 − y transformation (two series and six ln Γ: a margin of 60 terms so that
 * a series about as quick wins). Cheapest first by `seriesCost`.
 */
function onUnitInterval(a: number, b: number, c: number, y: number): Evaluation {
  const m = c - a - b;
  const costs = [
    seriesCost(a, b, c, y),
    seriesCost(c - a, c - b, c, y) + 1,
    y > 0.5 ? seriesCost(a, b, 1 - m, 1 - y) + seriesCost(c - a, c - b, 1 + m, 1 - y) + 60 : Infinity,
  ];
  return firstGood(costs, a, b, c, y);
}

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₖ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ for real parameters
 * and real z ≤ 1, as sign and logarithm (docs/analytics.md §21.6). The series converges for |z| < 1;
 * the function is continued to every z < 1 by Pfaff's transformation
 * F(a,b;c;z) = (1−z)^(−a) F(a, c−b; c; z/(z−1)) (or the same with a and b swapped), which maps
 * z < −½ into (⅓, 1); on [0, 1) the series, Euler's transformation or the z → 1 − z transformation are
 * used, whichever needs fewest terms without losing more than 5 digits to cancellation. At z = 1 it is
 * Gauss's theorem (finite only when c − a − b > 0). c = 0, −1, −2, … and z > 1 give NaN.
 */
export function hyp2f1Log(a: number, b: number, c: number, z: number): SignedLog {
  const finite = Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(z);
  if (!finite || (c <= 0 && Number.isInteger(c)) || z > 1) return { sign: NaN, log: NaN };
  if (z === 0 || a === 0 || b === 0) return { sign: 1, log: 0 };
  if (z === 1) return c - a - b > 0 ? gaussAtOne(a, b, c) : { sign: NaN, log: NaN };
  // A non-positive integer a or b: a polynomial, summed as it stands.
  if ((a < 0 && Number.isInteger(a)) || (b < 0 && Number.isInteger(b))) return gaussSeries(a, b, c, z).value;
  if (z > 0) return onUnitInterval(a, b, c, z).value;
  const y = z / (z - 1);
  const costs = [
    z > -1 ? seriesCost(a, b, c, z) : Infinity,
    Infinity,
    Infinity,
    seriesCost(a, c - b, c, y) + 1,
    seriesCost(c - a, b, c, y) + 1,
  ];
  return firstGood(costs, a, b, c, z).value;
}

/** ₂F₁(a, b; c; z) as a plain number (docs/analytics.md §21.6); see `hyp2f1Log`. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const v = hyp2f1Log(a, b, c, z);
  return v.sign === 0 ? 0 : v.sign * Math.exp(v.log);
}
