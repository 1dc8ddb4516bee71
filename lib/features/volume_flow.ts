/**
 * Range and volume-flow features: stochastic %K and the on-balance-volume slope.
 *
 * @module
 */
import { rollingExtreme, rollingMean } from "./rolling.ts";

/**
 * Stochastic %K over n bars (`stoch_k14`):
 * `100 * (close[t] - min(low[t-n+1..t])) / (max(high[t-n+1..t]) - min(low[t-n+1..t]))`;
 * 50 (mid-range) where the range is 0.
 *
 * @param high Highs.
 * @param low Lows.
 * @param close Closes.
 * @param n Window (>= 1); the first defined index is n-1.
 * @returns %K in [0, 100] for consistent bars; NaN for t < n-1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stochasticK } from "./volume_flow.ts";
 * const k = stochasticK(new Float64Array([10, 12]), new Float64Array([8, 9]), new Float64Array([9, 11]), 2);
 * assert.equal(k[1], 75); // (11 - 8) / (12 - 8)
 * ```
 */
export function stochasticK(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  n: number,
): Float64Array {
  const hh = rollingExtreme(high, n, 1), ll = rollingExtreme(low, n, -1);
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = n - 1; t < close.length; t++) {
    const range = hh[t] - ll[t];
    out[t] = range === 0 ? 50 : 100 * (close[t] - ll[t]) / range;
  }
  return out;
}

/**
 * Slope of on-balance volume over n bars, in average daily volumes per day
 * (`obv_slope20`). `OBV[0] = 0`, `OBV[t] = OBV[t-1] + sign(c[t] - c[t-1]) * volume[t]`;
 * the value is the least-squares slope of `OBV[t-n+1..t]` on `0..n-1`, divided by the
 * mean volume of the same window (so +1 means OBV rose by one average day's volume per
 * day). NaN where that mean volume is 0.
 *
 * @param close Closes.
 * @param volume Volumes.
 * @param n Window (>= 2); the first defined index is n-1.
 * @returns Scaled slopes; NaN for t < n-1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { obvSlope } from "./volume_flow.ts";
 * const s = obvSlope(new Float64Array([1, 2, 3]), new Float64Array([5, 5, 5]), 3);
 * assert.equal(s[2], 1); // OBV 0, 5, 10: slope 5 = one average volume
 * ```
 */
export function obvSlope(
  close: Float64Array,
  volume: Float64Array,
  n: number,
): Float64Array {
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(
      `Cannot compute the OBV slope: expected an integer window >= 2, got ${n}`,
    );
  }
  const len = close.length, obv = new Float64Array(len);
  for (let t = 1; t < len; t++) {
    const d = close[t] - close[t - 1];
    obv[t] = obv[t - 1] + (d > 0 ? volume[t] : d < 0 ? -volume[t] : d * 0);
  }
  const mv = rollingMean(volume, n), out = new Float64Array(len).fill(NaN);
  const xbar = (n - 1) / 2, sxx = n * (n * n - 1) / 12;
  for (let t = n - 1; t < len; t++) {
    const base = obv[t - n + 1];
    let sxy = 0;
    for (let j = 0; j < n; j++) sxy += (j - xbar) * (obv[t - n + 1 + j] - base);
    out[t] = mv[t] !== 0 ? sxy / sxx / mv[t] : NaN;
  }
  return out;
}
