import { describe, expect, it } from 'vitest';
import { integrateUnit } from '../../../../test/support/quadrature.js';
import { BRIDGE_NODES, bridgeWeights, digamma, hyp2f1, hyp2f1Log, lnAbsGamma, lnGamma, logSumExp } from './special.js';

const EULER_GAMMA = 0.5772156649015329;
const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('lnGamma', () => {
  it('gives the known values', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(2)).toBeCloseTo(0, 14);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362_880), 13);
    expect(lnGamma(100)).toBeCloseTo(359.1342053695754, 11); // ln 99!
    expect(lnGamma(1 / 3)).toBeCloseTo(Math.log(2.678938534707748), 14); // Γ(1/3)
    // Near 0: ln Γ(x) = −ln x − γx + O(x²).
    expect(lnGamma(1e-10)).toBeCloseTo(-Math.log(1e-10) - EULER_GAMMA * 1e-10, 12);
    expect(lnGamma(0)).toBe(Infinity);
    expect(lnGamma(-1)).toBeNaN();
  });

  it('keeps ln Γ(x+1) − ln Γ(x) = ln x on both sides of the shift to 10', () => {
    for (const x of [0.003, 0.7, 3.3, 8.9, 9.5, 9.99, 10.5, 123.4, 1e6])
      expect(lnGamma(x + 1) - lnGamma(x)).toBeCloseTo(Math.log(x), 11);
  });

  it("keeps Legendre's duplication formula Γ(2x) = 2^(2x−1) Γ(x) Γ(x+½) / √π", () => {
    for (const x of [0.01, 0.4, 2.2, 4.9, 5.1, 17, 3000])
      expect(lnGamma(2 * x)).toBeCloseTo(
        lnGamma(x) + lnGamma(x + 0.5) + (2 * x - 1) * Math.LN2 - 0.5 * Math.log(Math.PI),
        10,
      );
  });
});

describe('lnAbsGamma', () => {
  it('gives Γ of negative non-integers by reflection, with their sign', () => {
    const sqrtPi = Math.sqrt(Math.PI);
    const check = (x: number, want: number) => {
      const g = lnAbsGamma(x);
      expect(g.sign).toBe(Math.sign(want));
      expect(g.log).toBeCloseTo(Math.log(Math.abs(want)), 13);
    };
    check(-0.5, -2 * sqrtPi);
    check(-1.5, (4 * sqrtPi) / 3);
    check(-2.5, (-8 * sqrtPi) / 15);
    check(3.5, (15 * sqrtPi) / 8);
  });

  it('has sign 0 at the poles, so that 1/Γ there is 0', () => {
    expect(lnAbsGamma(0)).toEqual({ sign: 0, log: Infinity });
    expect(lnAbsGamma(-3)).toEqual({ sign: 0, log: Infinity });
  });
});

describe('digamma', () => {
  it('gives the known values and the recurrence', () => {
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14);
    for (const x of [1e-6, 0.3, 9.7, 10.2, 55]) expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 9);
  });

  it('is the derivative of ln Γ (central differences)', () => {
    for (const x of [0.05, 0.9, 7, 10, 40, 2500]) {
      const h = 1e-5 * x;
      const numeric = (lnGamma(x + h) - lnGamma(x - h)) / (2 * h);
      expect(relative(digamma(x), numeric)).toBeLessThan(1e-7);
    }
  });
});

describe('logSumExp', () => {
  it('adds exponentials without overflow or underflow', () => {
    expect(logSumExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logSumExp(-1000, -1001)).toBeCloseTo(-1000 + Math.log1p(Math.exp(-1)), 12);
    expect(logSumExp(-Infinity, 3)).toBe(3);
    expect(logSumExp(3, -Infinity)).toBe(3);
  });
});

describe('bridgeWeights', () => {
  it('reproduces any cubic from its values at the nodes −2, −1, 1, 2', () => {
    const cubic = (s: number) => 0.3 - 1.7 * s + 2.1 * s * s + 0.45 * s * s * s;
    for (const s of [-1, -0.37, 0, 0.5, 0.999]) {
      const w = bridgeWeights(s);
      const value = BRIDGE_NODES.reduce((sum, sj, j) => sum + w[j]! * cubic(sj), 0);
      expect(value).toBeCloseTo(cubic(s), 13);
    }
  });
});

describe('hyp2f1', () => {
  it('is −ln(1−z)/z for (1, 1; 2): the series, Pfaff below −½, and 1 − z near 1 with c − a − b = 0', () => {
    for (const z of [-50, -5, -0.9, -0.3, 0.1, 0.5, 0.7, 0.95, 0.999, 0.999999])
      expect(relative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-9);
  });

  it('is (1−z)^(−a) when c = b', () => {
    for (const z of [-3, -0.4, 0.3, 0.9, 0.99])
      expect(relative(hyp2f1(2.5, 1.7, 1.7, z), Math.pow(1 - z, -2.5))).toBeLessThan(1e-10);
  });

  it('gives arctan and arcsin: F(½, 1; 3/2; −x²) = atan(x)/x, F(½, ½; 3/2; x²) = asin(x)/x', () => {
    for (const x of [0.5, 2, 10]) expect(relative(hyp2f1(0.5, 1, 1.5, -x * x), Math.atan(x) / x)).toBeLessThan(1e-10);
    for (const x of [0.5, 0.99, 0.9999])
      expect(relative(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-10);
  });

  it('is a polynomial when a is a non-positive integer', () => {
    const [b, c, z] = [1.3, 2.7, -4.2];
    const want =
      1 -
      (3 * b * z) / c +
      (3 * b * (b + 1) * z * z) / (c * (c + 1)) -
      (b * (b + 1) * (b + 2) * z ** 3) / (c * (c + 1) * (c + 2));
    expect(relative(hyp2f1(-3, b, c, z), want)).toBeLessThan(1e-13);
  });

  it("meets Gauss's theorem at z = 1 and tends to it just below", () => {
    const [a, b, c] = [1.5, 0.5, 3.5];
    const gauss = Math.exp(lnGamma(c) + lnGamma(c - a - b) - lnGamma(c - a) - lnGamma(c - b));
    expect(relative(hyp2f1(a, b, c, 1), gauss)).toBeLessThan(1e-13);
    expect(relative(hyp2f1(a, b, c, 1 - 1e-12), gauss)).toBeLessThan(1e-9);
    expect(hyp2f1(1, 1, 1.5, 1)).toBeNaN(); // c − a − b ≤ 0: infinite
  });

  it('agrees with Euler’s integral Γ(c)/(Γ(b)Γ(c−b)) ∫ tᵇ⁻¹(1−t)^(c−b−1)(1−zt)^(−a) dt, computed numerically', () => {
    // BG/NBD-like parameters (r+x, b+x, a+b+x−1 with the smaller upper one as b), z up to 0.999.
    const cases: [number, number, number, number][] = [
      [2.426, 0.243, 2.219, 0.9],
      [2.426, 0.243, 2.219, 0.999],
      [4.426, 2.243, 4.219, 0.99],
      [53, 50.9, 52.8, 0.97],
      [28.43, 26.24, 28.22, 0.4],
      [250.5, 200.7, 251.3, 0.8],
      [0.5, 0.5, 3, 0.999],
      [1.3, 0.7, 2.9, -20],
      [7.1, 1.8, 2.2, -0.8],
    ];
    for (const [a, b, c, z] of cases) {
      const norm = lnGamma(c) - lnGamma(b) - lnGamma(c - b);
      const integral = integrateUnit((t, rest) =>
        Math.exp(norm + (b - 1) * Math.log(t) + (c - b - 1) * Math.log(rest) - a * Math.log1p(-z * t)),
      );
      expect(relative(hyp2f1(a, b, c, z), integral)).toBeLessThan(1e-9);
    }
  });

  it('keeps huge values in the log: (1−z)^(−a) for a = 500 near z = 1', () => {
    const v = hyp2f1Log(500, 3, 3, 0.999);
    expect(v.sign).toBe(1);
    expect(v.log).toBeCloseTo(-500 * Math.log(0.001), 8);
  });

  it('is NaN for c = 0, −1, … and beyond z = 1', () => {
    expect(hyp2f1(1, 1, 0, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, -2, 0.5)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 1.5)).toBeNaN();
  });
});
