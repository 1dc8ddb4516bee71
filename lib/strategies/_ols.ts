/**
 * Small dense ordinary least squares used by the unit-root, cointegration and
 * hedge-ratio kernels. Private to lib/strategies.
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
  /** Residuals y - X b. */
  readonly residuals: Float64Array;
}

/**
 * OLS of y on the columns of the row-major n x p matrix x by Householder QR (backward
 * stable: no squaring of the condition number, so polynomial trend columns t, t^2 are
 * fine). Residuals are y - X b recomputed from the data. Returns NaN coefficients when
 * a column is (numerically) a combination of the earlier ones or n < p.
 *
 * @param x Row-major design, length n * p.
 * @param y Response, length n.
 * @param p Number of columns.
 * @returns Coefficients, standard errors, residuals and their sum of squares.
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
  const coef = new Float64Array(p).fill(NaN);
  const se = new Float64Array(p).fill(NaN);
  const r = n >= p && p > 0 ? qrSolve(x, y, n, p) : undefined;
  if (r === undefined) {
    return { coef, se, ssr: NaN, n, residuals: new Float64Array(n).fill(NaN) };
  }
  coef.set(r.b);
  const residuals = new Float64Array(n);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < p; j++) f += x[i * p + j] * coef[j];
    const e = y[i] - f;
    residuals[i] = e;
    ssr += e * e;
  }
  const s2 = n > p ? ssr / (n - p) : NaN;
  const rinv = upperInverse(r.R, p);
  for (let k = 0; k < p; k++) {
    let v = 0;
    for (let j = k; j < p; j++) v += rinv[k * p + j] ** 2;
    se[k] = Math.sqrt(s2 * v);
  }
  return { coef, se, ssr, n, residuals };
}

/** Householder QR of x (n x p): R (p x p, upper) and b = R^-1 Q'y; undefined if rank < p. */
function qrSolve(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
): { R: Float64Array; b: Float64Array } | undefined {
  const a = new Float64Array(n * p); // column-major working copy
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) a[j * n + i] = x[i * p + j];
  }
  const qty = Float64Array.from(y);
  const R = new Float64Array(p * p);
  for (let k = 0; k < p; k++) {
    const ck = k * n;
    let scale = 0, full = 0;
    for (let i = 0; i < n; i++) full = Math.max(full, Math.abs(x[i * p + k]));
    for (let i = k; i < n; i++) scale = Math.max(scale, Math.abs(a[ck + i]));
    if (!(scale > 1e-13 * full) || !Number.isFinite(scale)) return undefined;
    let norm = 0;
    for (let i = k; i < n; i++) norm += (a[ck + i] / scale) ** 2;
    norm = scale * Math.sqrt(norm);
    const alpha = a[ck + k] > 0 ? -norm : norm;
    a[ck + k] -= alpha; // v = x - alpha e1, stored in place
    const vtv = vtvOf(a, ck, k, n);
    if (!(vtv > 0)) return undefined;
    for (let j = k + 1; j < p; j++) reflect(a, ck, j * n, k, n, vtv);
    reflectVector(a, ck, qty, k, n, vtv);
    R[k * p + k] = alpha;
    for (let j = k + 1; j < p; j++) R[k * p + j] = a[j * n + k];
  }
  const b = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    let s = qty[k];
    for (let j = k + 1; j < p; j++) s -= R[k * p + j] * b[j];
    b[k] = s / R[k * p + k];
  }
  return { R, b };
}

function vtvOf(a: Float64Array, ck: number, k: number, n: number): number {
  let s = 0;
  for (let i = k; i < n; i++) s += a[ck + i] * a[ck + i];
  return s;
}

/** Apply H = I - 2 v v' / (v'v) (v in column ck from row k) to column cj. */
function reflect(
  a: Float64Array,
  ck: number,
  cj: number,
  k: number,
  n: number,
  vtv: number,
): void {
  let d = 0;
  for (let i = k; i < n; i++) d += a[ck + i] * a[cj + i];
  const f = (2 * d) / vtv;
  for (let i = k; i < n; i++) a[cj + i] -= f * a[ck + i];
}

function reflectVector(
  a: Float64Array,
  ck: number,
  y: Float64Array,
  k: number,
  n: number,
  vtv: number,
): void {
  let d = 0;
  for (let i = k; i < n; i++) d += a[ck + i] * y[i];
  const f = (2 * d) / vtv;
  for (let i = k; i < n; i++) y[i] -= f * a[ck + i];
}

/** Inverse of an upper-triangular p x p matrix (row-major). */
function upperInverse(R: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let k = c; k >= 0; k--) {
      let s = k === c ? 1 : 0;
      for (let j = k + 1; j <= c; j++) s -= R[k * p + j] * inv[j * p + c];
      inv[k * p + c] = s / R[k * p + k];
    }
  }
  return inv;
}
