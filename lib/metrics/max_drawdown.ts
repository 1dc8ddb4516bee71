/**
 * Maximum drawdown (empyrical `max_drawdown`).
 *
 * @module
 */
import { assertSeries } from "./_validate.ts";
import { _maxDrawdown } from "./drawdown_series.ts";

/**
 * Maximum drawdown: min_t (V[t] / max_{s<=t} V[s] - 1) with V the compounded value of an
 * account started at 100 before the first return (the start counts as a peak). A
 * NEGATIVE fraction (-0.5678 = the account fell 56.78 % from a peak); 0 when it never
 * went under water; NaN for an empty series. NaN returns compound as 0.
 *
 * @param returns Simple returns per period.
 * @returns The maximum drawdown, <= 0.
 * @see empyrical.stats.max_drawdown
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maxDrawdown } from "./max_drawdown.ts";
 * // 100 -> 110 -> 55 -> 66: worst point is 55 / 110 - 1
 * assert.ok(Math.abs(maxDrawdown(new Float64Array([0.1, -0.5, 0.2])) + 0.5) < 1e-15);
 * ```
 */
export function maxDrawdown(returns: Float64Array): number {
  assertSeries(returns, "returns");
  return _maxDrawdown(returns, 0, returns.length);
}
