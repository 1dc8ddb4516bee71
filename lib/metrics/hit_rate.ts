/**
 * Hit rate of a return series.
 *
 * @module
 */
import { assertSeries } from "./_validate.ts";

/**
 * Hit rate: #(r > 0) / #(r != 0) over the non-NaN returns, i.e. the share of winning
 * periods among the periods that moved (flat periods, such as days out of the market,
 * are ignored). NaN when no return is non-zero.
 *
 * @param returns Simple returns per period.
 * @returns A share in [0, 1].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hitRate } from "./hit_rate.ts";
 * assert.equal(hitRate(new Float64Array([0.01, 0, -0.02, 0.03, NaN])), 2 / 3);
 * ```
 */
export function hitRate(returns: Float64Array): number {
  assertSeries(returns, "returns");
  let up = 0, moved = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (r > 0) up++, moved++;
    else if (r < 0) moved++;
  }
  return moved > 0 ? up / moved : NaN;
}
