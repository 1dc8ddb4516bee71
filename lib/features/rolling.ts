/**
 * Trailing-window kernels shared by the feature catalogue. Every value at t uses
 * `x[t-k+1..t]` only; each kernel allocates its output once and never mutates its input.
 *
 * @module
 */

function checkWindow(k: number, min: number): void {
  if (!Number.isInteger(k) || k < min) {
    throw new RangeError(
      `Cannot compute a rolling statistic: expected an integer window >= ${min}, got ${k}`,
    );
  }
}

/**
 * Trailing sum of `x[t-k+1..t]`, as a Neumaier-compensated sliding sum (O(n), error of a
 * few ulps of the window sum however long the series).
 *
 * NaN for t < k-1 and while the window holds a non-finite value.
 *
 * @param x Input series.
 * @param k Window length (>= 1).
 * @returns Rolling sums, same length as `x`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingSum } from "./rolling.ts";
 * assert.deepEqual([...rollingSum(new Float64Array([1, 2, 3, 4]), 2)], [NaN, 3, 5, 7]);
 * ```
 */
export function rollingSum(x: Float64Array, k: number): Float64Array {
  checkWindow(k, 1);
  const n = x.length, out = new Float64Array(n).fill(NaN);
  let s = 0, c = 0, bad = 0;
  for (let t = 0; t < n; t++) {
    let v = x[t];
    if (Number.isFinite(v)) {
      const u = s + v;
      c += Math.abs(s) >= Math.abs(v) ? (s - u) + v : (v - u) + s;
      s = u;
    } else bad++;
    if (t >= k) {
      v = -x[t - k];
      if (Number.isFinite(v)) {
        const u = s + v;
        c += Math.abs(s) >= Math.abs(v) ? (s - u) + v : (v - u) + s;
        s = u;
      } else bad--;
    }
    if (t >= k - 1 && bad === 0) out[t] = s + c;
  }
  return out;
}

/**
 * Trailing simple moving average `SMA_k[t] = mean(x[t-k+1..t])` (see {@linkcode rollingSum}).
 *
 * @param x Input series.
 * @param k Window length (>= 1).
 * @returns Rolling means; NaN for t < k-1 or a non-finite value in the window.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingMean } from "./rolling.ts";
 * assert.deepEqual([...rollingMean(new Float64Array([1, 2, 3, 4]), 2)], [NaN, 1.5, 2.5, 3.5]);
 * ```
 */
export function rollingMean(x: Float64Array, k: number): Float64Array {
  const out = rollingSum(x, k);
  for (let t = 0; t < out.length; t++) out[t] /= k;
  return out;
}

/** Options of {@linkcode rollingStd}. */
export interface RollingStdOptions {
  /** Delta degrees of freedom: 1 for the sample std (n - 1), 0 for the population std
   * (TA-Lib's `TA_STDDEV`, Bollinger bands). @default 1 */
  readonly ddof?: 0 | 1;
}

/**
 * Trailing standard deviation of `x[t-k+1..t]` with divisor k - ddof (sample std by
 * default), computed two-pass per window (mean first, then squared deviations): exact
 * to a few ulps, no cancellation.
 *
 * @param x Input series.
 * @param k Window length (>= 1 + ddof).
 * @param options `ddof` (default 1).
 * @returns Rolling std; NaN for t < k-1 or a non-finite value in the window.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingStd } from "./rolling.ts";
 * const s = rollingStd(new Float64Array([1, 2, 3, 5]), 3);
 * assert.ok(Number.isNaN(s[1]));
 * assert.equal(s[2], 1);
 * assert.equal(rollingStd(new Float64Array([1, 3]), 2, { ddof: 0 })[1], 1);
 * ```
 */
export function rollingStd(
  x: Float64Array,
  k: number,
  options: RollingStdOptions = {},
): Float64Array {
  const ddof = options.ddof ?? 1;
  if (ddof !== 0 && ddof !== 1) {
    throw new RangeError(
      `Cannot compute a rolling statistic: "ddof" expected 0 or 1, got ${ddof}`,
    );
  }
  checkWindow(k, 1 + ddof);
  const n = x.length, out = new Float64Array(n).fill(NaN);
  for (let t = k - 1; t < n; t++) {
    let m = 0;
    for (let i = t - k + 1; i <= t; i++) m += x[i];
    m /= k;
    let ss = 0;
    for (let i = t - k + 1; i <= t; i++) {
      const d = x[i] - m;
      ss += d * d;
    }
    out[t] = Math.sqrt(ss / (k - ddof));
  }
  return out;
}

/**
 * Trailing maximum (`sign = 1`) or minimum (`sign = -1`) of `x[t-k+1..t]` with a
 * monotonic deque (O(n)).
 *
 * @param x Input series.
 * @param k Window length (>= 1).
 * @param sign `1` for the maximum, `-1` for the minimum.
 * @returns Rolling extremes; NaN for t < k-1 or a non-finite value in the window.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingExtreme } from "./rolling.ts";
 * const x = new Float64Array([3, 1, 2, 0]);
 * assert.deepEqual([...rollingExtreme(x, 2, 1)], [NaN, 3, 2, 2]);
 * assert.deepEqual([...rollingExtreme(x, 2, -1)], [NaN, 1, 1, 0]);
 * ```
 */
export function rollingExtreme(
  x: Float64Array,
  k: number,
  sign: 1 | -1,
): Float64Array {
  checkWindow(k, 1);
  const n = x.length, out = new Float64Array(n).fill(NaN);
  const dq = new Int32Array(n);
  let head = 0, tail = 0, lastBad = -1;
  for (let t = 0; t < n; t++) {
    const v = x[t];
    if (!Number.isFinite(v)) {
      lastBad = t;
      head = tail = 0;
    } else {
      while (tail > head && sign * x[dq[tail - 1]] <= sign * v) tail--;
      dq[tail++] = t;
    }
    while (tail > head && dq[head] <= t - k) head++;
    if (t >= k - 1 && lastBad <= t - k) out[t] = x[dq[head]];
  }
  return out;
}
