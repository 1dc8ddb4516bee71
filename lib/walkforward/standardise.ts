/**
 * Feature standardisation fitted on training rows only.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/** Per-column mean and scale fitted on training rows. */
export interface Standardiser {
  readonly mean: Float64Array;
  /** Sample std (n-1) of the training rows; 1 where it is 0 or undefined. */
  readonly scale: Float64Array;
}

/**
 * Fit column means and sample standard deviations (n-1) on rows `[from, to)` of `x`.
 * A constant column (or a single training row) gets scale 1, so it standardises to 0.
 *
 * @param x Feature matrix (row-major).
 * @param from First training row.
 * @param to End of the training rows (exclusive).
 * @returns The fitted mean and scale.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitStandardiser } from "./standardise.ts";
 * const x = { data: new Float64Array([1, 5, 3, 5]), rows: 2, cols: 2 };
 * const s = fitStandardiser(x, 0, 2);
 * assert.deepEqual([...s.mean, ...s.scale], [2, 5, Math.SQRT2, 1]);
 * ```
 */
export function fitStandardiser(
  x: Matrix,
  from: number,
  to: number,
): Standardiser {
  const p = x.cols, d = x.data, n = to - from;
  if (!(from >= 0 && to <= x.rows && n >= 1)) {
    throw new RangeError(
      `Standardiser rows [${from}, ${to}) must be a non-empty range inside 0..${x.rows}`,
    );
  }
  const mean = new Float64Array(p), scale = new Float64Array(p);
  for (let r = from; r < to; r++) {
    for (let c = 0; c < p; c++) mean[c] += d[r * p + c];
  }
  for (let c = 0; c < p; c++) mean[c] /= n;
  for (let r = from; r < to; r++) {
    for (let c = 0; c < p; c++) scale[c] += (d[r * p + c] - mean[c]) ** 2;
  }
  for (let c = 0; c < p; c++) {
    const sd = Math.sqrt(scale[c] / (n - 1));
    scale[c] = sd > 0 ? sd : 1;
  }
  return Object.freeze({ mean, scale });
}

/**
 * `(x[r, c] - mean[c]) / scale[c]` for rows `[from, to)`, as a new matrix.
 *
 * @param x Feature matrix.
 * @param s A fitted standardiser (identity when omitted: the rows are copied).
 * @param from First row.
 * @param to End row (exclusive).
 * @returns A new (to - from) x cols matrix.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyStandardiser } from "./standardise.ts";
 * const x = { data: new Float64Array([1, 3]), rows: 2, cols: 1 };
 * const z = applyStandardiser(x, { mean: new Float64Array([2]), scale: new Float64Array([2]) }, 0, 2);
 * assert.deepEqual(Array.from(z.data), [-0.5, 0.5]);
 * ```
 */
export function applyStandardiser(
  x: Matrix,
  s: Standardiser | undefined,
  from: number,
  to: number,
): Matrix {
  const p = x.cols, n = to - from;
  const out = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    const src = (from + r) * p;
    for (let c = 0; c < p; c++) {
      const v = x.data[src + c];
      out[r * p + c] = s ? (v - s.mean[c]) / s.scale[c] : v;
    }
  }
  return { data: out, rows: n, cols: p };
}
