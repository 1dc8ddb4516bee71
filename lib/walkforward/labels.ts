/**
 * Walk-forward labels: forward log returns.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";

/**
 * `y[t] = ln(close[t+h] / close[t])`, the label of row t; NaN for the last h rows (no label).
 * The label is a forward return: it never enters a feature.
 *
 * @param close Closing prices.
 * @param h Horizon in bars (integer >= 1).
 * @returns One label per bar.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { forwardLogReturns } from "./labels.ts";
 * const y = forwardLogReturns(new Float64Array([1, Math.E, 1]), 1);
 * assert.deepEqual(Array.from(y), [1, -1, NaN]);
 * ```
 */
export function forwardLogReturns(
  close: Float64Array,
  h: number,
): Float64Array {
  if (!Number.isInteger(h) || h < 1) {
    throw new RangeError(`labelHorizon must be an integer >= 1, got ${h}`);
  }
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = 0; t + h < close.length; t++) {
    out[t] = crLog(close[t + h] / close[t]);
  }
  return out;
}
