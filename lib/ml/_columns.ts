/**
 * Column helpers shared by the learners (internal).
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/** Column means and population standard deviations (divide by n); sd 0 for a constant column. */
export function columnMeanSd(
  x: Matrix,
): { mean: Float64Array; sd: Float64Array } {
  const { rows: n, cols: p, data } = x;
  const mean = new Float64Array(p), sd = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < p; c++) mean[c] += data[r * p + c];
  }
  for (let c = 0; c < p; c++) mean[c] /= n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < p; c++) {
      const d = data[r * p + c] - mean[c];
      sd[c] += d * d;
    }
  }
  for (let c = 0; c < p; c++) sd[c] = Math.sqrt(sd[c] / n);
  return { mean, sd };
}

/** Up/down labels: 1 where `y > 0`, else 0 (so 0/1 labels pass through unchanged). */
export function upLabels(y: Float64Array): Float64Array {
  return y.map((v) => (v > 0 ? 1 : 0));
}

/**
 * Sign of the Pearson correlation between each column of `x` and `pred` (+1, -1 or 0):
 * the direction in which a feature moves the model's prediction on these rows.
 */
export function correlationSigns(x: Matrix, pred: Float64Array): Int8Array {
  const { rows: n, cols: p, data } = x;
  const out = new Int8Array(p);
  let pm = 0;
  for (let r = 0; r < n; r++) pm += pred[r];
  pm /= n || 1;
  for (let c = 0; c < p; c++) {
    let xm = 0;
    for (let r = 0; r < n; r++) xm += data[r * p + c];
    xm /= n || 1;
    let s = 0;
    for (let r = 0; r < n; r++) s += (data[r * p + c] - xm) * (pred[r] - pm);
    out[c] = s > 1e-300 ? 1 : s < -1e-300 ? -1 : 0;
  }
  return out;
}

/** Throw a RangeError unless `y` has one finite value per row of `x` and x is finite. */
export function checkXy(x: Matrix, y: Float64Array, what: string): void {
  if (y.length !== x.rows) {
    throw new RangeError(
      `Cannot fit ${what}: y has ${y.length} rows, expected ${x.rows} like x`,
    );
  }
  if (x.rows === 0) throw new RangeError(`Cannot fit ${what} on zero rows`);
  if (x.data.length !== x.rows * x.cols) {
    throw new RangeError(
      `Cannot fit ${what}: x.data has ${x.data.length} values, expected rows*cols = ${
        x.rows * x.cols
      }`,
    );
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      throw new RangeError(
        `Cannot fit ${what}: y[${i}] is ${y[i]}, expected a finite number`,
      );
    }
  }
}

/** Throw a RangeError unless `x` has `cols` columns. */
export function checkCols(x: Matrix, cols: number, what: string): void {
  if (x.cols !== cols) {
    throw new RangeError(
      `Cannot predict with ${what}: x has ${x.cols} columns, expected ${cols}`,
    );
  }
}

/** Read a number array field of a serialised state as a Float64Array. */
export function numbers(
  state: Record<string, unknown>,
  key: string,
): Float64Array {
  const v = state[key];
  if (!Array.isArray(v) || v.some((e) => typeof e !== "number")) {
    throw new TypeError(
      `Cannot restore model "${
        String(state.name)
      }": field "${key}" must be an array of numbers`,
    );
  }
  return Float64Array.from(v as number[]);
}
