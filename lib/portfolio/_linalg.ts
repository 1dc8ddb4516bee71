/**
 * Private linear-algebra helpers for lib/portfolio (ml-matrix for solves).
 *
 * @module
 */
import { Matrix as MlMatrix, solve } from "ml-matrix";
import type { Matrix } from "../_shared/types.ts";

/** Validate an N x N covariance with finite entries; returns N. */
export function checkCovariance(cov: Matrix, what = "Covariance"): number {
  const n = cov.rows;
  if (cov.cols !== n || cov.data.length !== n * n || n === 0) {
    throw new RangeError(
      `${what} must be a non-empty square matrix, got ${cov.rows} x ${cov.cols}`,
    );
  }
  for (let k = 0; k < n * n; k++) {
    if (!Number.isFinite(cov.data[k])) {
      throw new RangeError(
        `${what} must be finite, got ${cov.data[k]} at row ${
          Math.floor(k / n)
        }, column ${k % n}`,
      );
    }
  }
  return n;
}

/** Solve cov x = b (LU via ml-matrix). */
export function solveLinear(cov: Matrix, b: ArrayLike<number>): Float64Array {
  const n = cov.rows;
  const A = new MlMatrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) A.set(i, j, cov.data[i * n + j]);
  }
  const B = MlMatrix.columnVector(Array.from(b));
  const x = solve(A, B);
  return Float64Array.from({ length: n }, (_, i) => x.get(i, 0));
}

/** y = cov x. */
export function matVec(
  cov: Matrix,
  x: ArrayLike<number>,
  out = new Float64Array(cov.rows),
): Float64Array {
  const n = cov.rows;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += cov.data[i * n + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** x' cov x. */
export function quadForm(cov: Matrix, x: ArrayLike<number>): number {
  const n = cov.rows;
  let s = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) r += cov.data[i * n + j] * x[j];
    s += x[i] * r;
  }
  return s;
}

/** Largest eigenvalue of a symmetric PSD matrix (power iteration, 1e-12 relative). */
export function maxEigenvalue(cov: Matrix): number {
  const n = cov.rows;
  let v = new Float64Array(n).fill(1 / Math.sqrt(n)), lam = 0;
  const w = new Float64Array(n);
  for (let it = 0; it < 1000; it++) {
    matVec(cov, v, w);
    let norm = 0;
    for (let i = 0; i < n; i++) norm += w[i] * w[i];
    norm = Math.sqrt(norm);
    if (norm === 0) return 0;
    const next = w.map((x) => x / norm);
    if (Math.abs(norm - lam) <= 1e-12 * norm) return norm;
    lam = norm;
    v = next;
  }
  return lam;
}

/**
 * Euclidean projection of v onto { w : sum w = 1, lo <= w <= hi } by bisection on the
 * shift tau in w = clip(v - tau, lo, hi). Requires sum lo <= 1 <= sum hi.
 */
export function projectBoundedSimplex(
  v: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  out = new Float64Array(v.length),
): Float64Array {
  const n = v.length;
  const sumAt = (tau: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += Math.min(hi[i], Math.max(lo[i], v[i] - tau));
    }
    return s;
  };
  let a = Infinity, b = -Infinity;
  for (let i = 0; i < n; i++) {
    a = Math.min(a, v[i] - 1);
    b = Math.max(b, v[i] + 1);
  }
  // expand the bracket (bounds may be infinite): sumAt is non-increasing in tau
  for (let step = 1, k = 0; sumAt(a) < 1 && k < 1100; k++, step *= 2) a -= step;
  for (let step = 1, k = 0; sumAt(b) > 1 && k < 1100; k++, step *= 2) b += step;
  for (let it = 0; it < 200 && b - a > 1e-16 * Math.max(1, Math.abs(a)); it++) {
    const m = (a + b) / 2;
    if (sumAt(m) > 1) a = m;
    else b = m;
  }
  const tau = (a + b) / 2;
  for (let i = 0; i < n; i++) {
    out[i] = Math.min(hi[i], Math.max(lo[i], v[i] - tau));
  }
  return out;
}

/** Bounds as arrays, checked feasible (sum lo <= 1 <= sum hi). */
export function resolveBounds(
  n: number,
  longOnly: boolean,
  bounds?: {
    readonly lower?: number | ArrayLike<number>;
    readonly upper?: number | ArrayLike<number>;
  },
): { lo: Float64Array; hi: Float64Array } {
  const arr = (v: number | ArrayLike<number> | undefined, d: number) =>
    Float64Array.from(
      { length: n },
      (_, i) => v === undefined ? d : typeof v === "number" ? v : v[i],
    );
  const lo = arr(bounds?.lower, longOnly ? 0 : -Infinity);
  const hi = arr(bounds?.upper, Infinity);
  let sl = 0, sh = 0;
  for (let i = 0; i < n; i++) {
    if (!(lo[i] <= hi[i])) {
      throw new RangeError(
        `Bound ${i}: lower ${lo[i]} must be <= upper ${hi[i]}`,
      );
    }
    sl += lo[i];
    sh += hi[i];
  }
  if (sl > 1 + 1e-12 || sh < 1 - 1e-12) {
    throw new RangeError(
      `Infeasible bounds: weights must sum to 1, but lower bounds sum to ${sl} and upper bounds to ${sh}`,
    );
  }
  return { lo, hi };
}
