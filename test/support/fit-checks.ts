// Standard errors of a maximum-likelihood estimate for the forecast tests: the inverse of the observed
// information, the Hessian of −Σℓ in the log-parameters, by central differences of the analytic gradient.

/**
 * Standard errors of ln θ at `theta`, given ∂Σℓ/∂θ as a function of θ.
 */
export function logStandardErrors(gradient: (theta: number[]) => number[], theta: number[]): number[] {
  const logGradient = (phi: number[]) => {
    const t = phi.map(Math.exp);
    return gradient(t).map((g, k) => -t[k]! * g);
  };
  const phi = theta.map(Math.log);
  const h = 1e-4;
  const hessian = phi.map((_, i) => {
    const up = logGradient(phi.map((v, j) => (j === i ? v + h : v)));
    const down = logGradient(phi.map((v, j) => (j === i ? v - h : v)));
    return up.map((u, j) => (u - down[j]!) / (2 * h));
  });
  return invert(hessian).map((row, i) => Math.sqrt(row[i]!));
}

/** Gauss–Jordan inverse of a small positive-definite matrix. */
function invert(m: number[][]): number[][] {
  const n = m.length;
  let a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let i = 0; i < n; i++) {
    const pivotRow = a[i]!.map((v) => v / a[i]![i]!);
    a = a.map((row, k) => (k === i ? pivotRow : row.map((v, j) => v - row[i]! * pivotRow[j]!)));
  }
  return a.map((row) => row.slice(n));
}

/**
 * The largest relative difference between an analytic gradient and central finite differences of the
 * value (step 10⁻⁵ of each parameter).
 */
export function gradientError<P extends Record<string, number>>(
  evaluate: (params: P) => { value: number; gradient: P },
  params: P,
): number {
  const { gradient } = evaluate(params);
  return Math.max(
    ...Object.keys(params).map((k) => {
      const h = 1e-5 * params[k]!;
      const up = evaluate({ ...params, [k]: params[k]! + h }).value;
      const down = evaluate({ ...params, [k]: params[k]! - h }).value;
      return Math.abs(gradient[k]! - (up - down) / (2 * h)) / Math.abs(gradient[k]!);
    }),
  );
}
