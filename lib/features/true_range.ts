/**
 * True range and average true range in TA-Lib's convention.
 *
 * @module
 */
import { wilderSmooth } from "./ema.ts";
import { checkHlc, checkPeriod, type HighLowClose } from "./_check.ts";

/**
 * True range `TR[t] = max(high[t] - low[t], |high[t] - close[t-1]|, |low[t] - close[t-1]|)`
 * (Wilder; TA-Lib `TA_TRANGE`). NaN at t = 0 (no previous close), where TA-Lib's output
 * begins at index 1.
 *
 * @param bars High, low and close columns of equal length (a `Bars` fits).
 * @returns True range, same length, in price units.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trueRange } from "./true_range.ts";
 * const tr = trueRange({
 *   high: new Float64Array([11, 12, 14]), low: new Float64Array([9, 10, 11]),
 *   close: new Float64Array([10, 11, 12]),
 * });
 * assert.deepEqual([...tr], [NaN, 2, 3]);
 * ```
 */
export function trueRange(bars: HighLowClose): Float64Array {
  const n = checkHlc(bars, "the true range");
  const { high, low, close } = bars;
  const out = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) {
    const pc = close[t - 1];
    out[t] = Math.max(
      high[t] - low[t],
      Math.abs(high[t] - pc),
      Math.abs(low[t] - pc),
    );
  }
  return out;
}

/**
 * Average true range (Wilder; TA-Lib `TA_ATR`): {@linkcode wilderSmooth} of the true
 * range, so the first value, at index n, is the mean of TR[1..n], then
 * `atr[t] = (atr[t-1] * (n - 1) + TR[t]) / n`. In price units (`atr_14` in the feature
 * catalogue divides by the close).
 *
 * @param bars High, low and close columns of equal length (a `Bars` fits).
 * @param n Period (integer >= 1; n = 1 gives the true range, as TA-Lib).
 * @returns ATR; NaN for t < n.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { atr } from "./true_range.ts";
 * const a = atr({
 *   high: new Float64Array([11, 12, 14, 13]), low: new Float64Array([9, 10, 11, 12]),
 *   close: new Float64Array([10, 11, 12, 12.5]),
 * }, 2);
 * assert.deepEqual([...a], [NaN, NaN, 2.5, 1.75]); // TR 2, 3, then (2.5 + 1) / 2
 * ```
 */
export function atr(bars: HighLowClose, n: number): Float64Array {
  checkPeriod(n, "the ATR");
  return wilderSmooth(trueRange(bars), n);
}
