/**
 * Log returns over k bars and their trailing volatility.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import { rollingStd } from "./rolling.ts";

/**
 * k-bar log return `ln(close[t] / close[t-k])` (bench SPEC W1 `ret_k`).
 *
 * @param close Closes, ascending by date.
 * @param k Horizon in bars (>= 1); the first defined index is k.
 * @returns Log returns; NaN for t < k.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logReturns } from "./returns.ts";
 * const r = logReturns(new Float64Array([1, Math.E, Math.E ** 3]), 1);
 * assert.ok(Number.isNaN(r[0]));
 * assert.equal(r[1], 1);
 * assert.equal(r[2], 2);
 * ```
 */
export function logReturns(close: Float64Array, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(
      `Cannot compute log returns: expected an integer horizon >= 1, got ${k}`,
    );
  }
  const n = close.length, out = new Float64Array(n).fill(NaN);
  for (let t = k; t < n; t++) out[t] = crLog(close[t] / close[t - k]);
  return out;
}

/**
 * Realised volatility `vol_k[t]`: sample std (ddof 1) of the last k daily log returns
 * `r[t-k+1..t]`, not annualised (bench SPEC W1 `vol_k`).
 *
 * @param close Closes, ascending by date.
 * @param k Window in returns (>= 2); the first defined index is k.
 * @returns Daily-scale volatility; NaN for t < k.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { logVolatility } from "./returns.ts";
 * const v = logVolatility(new Float64Array([1, 2, 4, 8]), 2);
 * assert.equal(v[2], 0); // two equal log returns ln 2
 * ```
 */
export function logVolatility(close: Float64Array, k: number): Float64Array {
  return rollingStd(logReturns(close, 1), k);
}
