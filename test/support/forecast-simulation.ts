// Simulated clients for the forecast tests and bench/forecast.ts: a seeded generator and the
// processes BG/NBD and Gamma-Gamma describe (docs/analytics.md §21.2, §21.7), drawn directly from
// their definitions — written here independently of the likelihoods and closed forms under test.

/** A seeded uniform generator on (0, 1): xoshiro128** (Blackman & Vigna), seeded by splitmix32. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state = Uint32Array.from([splitmix(), splitmix(), splitmix(), splitmix()]);
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(state[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (state[1]! << 9) >>> 0;
    state[2]! ^= state[0]!;
    state[3]! ^= state[1]!;
    state[1]! ^= state[2]!;
    state[0]! ^= state[3]!;
    state[2]! ^= t;
    state[3] = rotl(state[3]!, 11);
    return (result + 0.5) / 4_294_967_296;
  };
}

/** Draws from the distributions the models are made of. */
export function sampler(seed: number) {
  const uniform = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  /** Gamma(shape, rate) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1)·U^(1/shape). */
  const gamma = (shape: number, rate: number): number => {
    if (shape < 1) return gamma(shape + 1, rate) * Math.pow(uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  };
  const beta = (a: number, b: number) => {
    const x = gamma(a, 1);
    return x / (x + gamma(b, 1));
  };
  const exponential = (rate: number) => -Math.log(uniform()) / rate;
  return { uniform, normal, gamma, beta, exponential };
}

export type Sampler = ReturnType<typeof sampler>;

/**
 * One client under BG/NBD observed for T after the first purchase: λ ~ Gamma(r, α), p ~ Beta(a, b);
 * purchases come at Poisson rate λ, and after each repeat purchase the client drops out with
 * probability p. Returns x repeat purchases, tₓ the last one's time, and the client's λ and p.
 */
export function simulateBgNbdClient(s: Sampler, params: { r: number; alpha: number; a: number; b: number }, T: number) {
  const lambda = s.gamma(params.r, params.alpha);
  const p = s.beta(params.a, params.b);
  let t = 0;
  let x = 0;
  let tx = 0;
  for (;;) {
    t += s.exponential(lambda);
    if (t > T) break;
    x++;
    tx = t;
    if (s.uniform() < p) break;
  }
  return { x, tx, T, lambda, p };
}

/** The mean of x purchase values zⱼ ~ Gamma(p, ν), ν ~ Gamma(q, γ) drawn once for the client. */
export function simulateMeanValue(s: Sampler, params: { p: number; q: number; gamma: number }, x: number): number {
  const nu = s.gamma(params.q, params.gamma);
  let sum = 0;
  for (let j = 0; j < x; j++) sum += s.gamma(params.p, nu);
  return sum / x;
}
