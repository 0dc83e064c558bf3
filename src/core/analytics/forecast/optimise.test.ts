import { describe, expect, it } from 'vitest';
import { minimise, minimiseFromEach, searchFailure, type Objective, type Search } from './optimise.js';

/** Rosenbrock's valley: f = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1). */
const rosenbrock: Objective = (v, g) => {
  const [x, y] = [v[0]!, v[1]!];
  g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
  g[1] = 200 * (y - x * x);
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
};

describe('minimise (BFGS with a strong Wolfe line search)', () => {
  it("finds Rosenbrock's minimum from the classic start (−1.2, 1)", () => {
    const m = minimise(rosenbrock, [-1.2, 1]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 7);
    expect(m.x[1]).toBeCloseTo(1, 7);
    expect(m.value).toBeLessThan(1e-14);
  });

  it('solves an ill-conditioned quadratic (condition number 10⁴) exactly', () => {
    const scales = [1, 10, 100, 1000, 10_000];
    const centre = [3, -1, 0.5, 2, -7];
    const f: Objective = (x, g) => {
      let v = 0;
      scales.forEach((s, i) => {
        const d = x[i]! - centre[i]!;
        v += 0.5 * s * d * d;
        g[i] = s * d;
      });
      return v;
    };
    const m = minimise(f, [0, 0, 0, 0, 0]);
    expect(m.converged).toBe(true);
    m.x.forEach((v, i) => expect(v).toBeCloseTo(centre[i]!, 8));
  });

  it('backs off from where the objective is +∞ (outside its domain)', () => {
    // −ln x + x has its minimum at x = 1 and is undefined for x ≤ 0; a long first step overshoots.
    const f: Objective = (x, g) => {
      if (x[0]! <= 0) return Infinity;
      g[0] = -1 / x[0]! + 1;
      return -Math.log(x[0]!) + x[0]!;
    };
    const m = minimise(f, [8]);
    expect(m.converged).toBe(true);
    expect(m.x[0]).toBeCloseTo(1, 8);
  });

  it('says it did not converge when the start is not even finite', () => {
    const m = minimise(() => NaN, [0]);
    expect(m.converged).toBe(false);
    expect(m.value).toBe(Infinity);
  });
});

describe('minimiseFromEach and searchFailure', () => {
  const search = (f: Objective, starts: number[][]): Search => {
    const s = minimiseFromEach(f, starts);
    if (typeof s === 'string') throw new Error(s);
    return s;
  };

  const bowl: Objective = (x, g) => {
    g[0] = 2 * (x[0]! - 1);
    g[1] = 2 * (x[1]! + 2);
    return (x[0]! - 1) ** 2 + (x[1]! + 2) ** 2;
  };

  it('keeps the lowest end of several starts, and a well-defined minimum passes the checks', () => {
    const s = search(bowl, [
      [0, 0],
      [5, 5],
      [-3, 4],
    ]);
    expect(s.best.x[0]).toBeCloseTo(1, 8);
    expect(s.best.x[1]).toBeCloseTo(-2, 8);
    expect(searchFailure(s, 1000)).toBeNull();
  });

  it("is 'non-finite-likelihood' when no start gives a number", () => {
    expect(minimiseFromEach(() => NaN, [[0], [1]])).toBe('non-finite-likelihood');
  });

  it("is 'not-converged' when the search stalls away from a stationary point", () => {
    // A wrong gradient: every step it proposes goes uphill, so the line search fails.
    const wrong: Objective = (x, g) => {
      g[0] = -2 * x[0]!;
      return x[0]! * x[0]!;
    };
    expect(searchFailure(search(wrong, [[3]]), 1)).toBe('not-converged');
  });

  it("is 'parameter-at-bound' when the minimum lies at infinity", () => {
    // e^(−x) falls for ever: the search stops where the slope is below 10⁻⁸, at x ≈ 18.4.
    const f: Objective = (x, g) => {
      g[0] = -Math.exp(-x[0]!);
      return Math.exp(-x[0]!);
    };
    expect(minimise(f, [0]).x[0]).toBeGreaterThan(12);
    expect(searchFailure(search(f, [[0]]), 1)).toBe('parameter-at-bound');
  });

  it("is 'flat-likelihood' when starts end at the same value far apart (a ridge)", () => {
    // (x + y − 1)²: every point of the line x + y = 1 is a minimum.
    const ridge: Objective = (x, g) => {
      const d = x[0]! + x[1]! - 1;
      g[0] = 2 * d;
      g[1] = 2 * d;
      return d * d;
    };
    const s = search(ridge, [
      [0, 0],
      [3, -5],
    ]);
    expect(searchFailure(s, 1000)).toBe('flat-likelihood');
  });
});
