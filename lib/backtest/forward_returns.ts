/**
 * Forward simple returns from closes: the return a position held at t's close earns.
 *
 * @module
 */

/**
 * `fwd[t] = close[t+1] / close[t] - 1`; the last day has no next bar and gets `NaN`.
 *
 * @param close Closing prices, ascending by date.
 * @returns Forward simple returns, same length.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { forwardReturns } from "./forward_returns.ts";
 * assert.deepEqual(Array.from(forwardReturns(new Float64Array([100, 150, 75]))), [0.5, -0.5, NaN]);
 * ```
 */
export function forwardReturns(close: Float64Array): Float64Array {
  const n = close.length;
  const out = new Float64Array(n);
  for (let t = 0; t + 1 < n; t++) out[t] = close[t + 1] / close[t] - 1;
  if (n > 0) out[n - 1] = NaN;
  return out;
}
