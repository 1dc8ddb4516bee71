/**
 * Small dense ordinary least squares used by the unit-root and hedge-ratio kernels.
 * Private to lib/strategies.
 *
 * @module
 */

/** Result of {@linkcode olsFit}. */
export interface OlsFit {
  /** Coefficients, one per column of x. */
  readonly coef: Float64Array;
  /** Standard errors sqrt(s^2 * diag((X'X)^-1)), s^2 = ssr / (n - p). */
  readonly se: Float64Array;
  /** Sum of squared residuals. */
  readonly ssr: number;
  /** Rows used. */
  readonly n: number;
}

/**
 * OLS of y on the columns of the row-major n x p matrix x via the normal equations
 * (Cholesky of X'X). Returns NaN coefficients when X'X is singular.
 *
 * @param x Row-major design, length n * p.
 * @param y Response, length n.
 * @param p Number of columns.
 * @returns Coefficients, standard errors and the residual sum of squares.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { olsFit } from "./_ols.ts";
 * // y = 1 + 2 x exactly
 * const x = new Float64Array([1, 0, 1, 1, 1, 2, 1, 3]);
 * const fit = olsFit(x, new Float64Array([1, 3, 5, 7]), 2);
 * assert.ok(Math.abs(fit.coef[1] - 2) < 1e-12);
 * ```
 */
export function olsFit(x: Float64Array, y: Float64Array, p: number): OlsFit {
  const n = y.length;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    const o = r * p;
    const yr = y[r];
    for (let i = 0; i < p; i++) {
      const xi = x[o + i];
      xty[i] += xi * yr;
      for (let j = 0; j <= i; j++) xtx[i * p + j] += xi * x[o + j];
    }
  }
  const l = cholesky(xtx, p);
  const coef = new Float64Array(p).fill(NaN);
  const se = new Float64Array(p).fill(NaN);
  if (l === undefined) return { coef, se, ssr: NaN, n };
  coef.set(cholSolve(l, xty, p));
  let ssr = 0;
  for (let r = 0; r < n; r++) {
    let f = 0;
    for (let i = 0; i < p; i++) f += x[r * p + i] * coef[i];
    const e = y[r] - f;
    ssr += e * e;
  }
  const s2 = n > p ? ssr / (n - p) : NaN;
  const unit = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    unit.fill(0);
    unit[k] = 1;
    se[k] = Math.sqrt(s2 * cholSolve(l, unit, p)[k]);
  }
  return { coef, se, ssr, n };
}

/** Lower Cholesky factor of the symmetric matrix whose lower triangle is in a. */
function cholesky(a: Float64Array, p: number): Float64Array | undefined {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 1e-14 * Math.max(1, Math.abs(a[i * p + i])))) {
          return undefined;
        }
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j];
    }
  }
  return l;
}

function cholSolve(l: Float64Array, b: Float64Array, p: number): Float64Array {
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * z[k];
    z[i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * z[k];
    z[i] = s / l[i * p + i];
  }
  return z;
}
