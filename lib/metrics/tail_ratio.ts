/**
 * Tail ratio (empyrical `tail_ratio`).
 *
 * @module
 */
import { percentileSorted, sortedFinite } from "./_stats.ts";
import { assertSeries } from "./_validate.ts";

/**
 * Tail ratio: |P95(r)| / |P5(r)|, percentiles by linear interpolation (numpy default)
 * over the non-NaN returns. 0.25 means the left tail is 4 times as heavy as the right.
 * NaN for an empty or all-NaN series; Infinity when P5 = 0.
 *
 * @param returns Simple returns per period.
 * @returns The tail ratio. O(n log n) (sorts a copy).
 * @see empyrical.stats.tail_ratio
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tailRatio } from "./tail_ratio.ts";
 * const r = Float64Array.from({ length: 101 }, (_, i) => (i - 50) / 1000);
 * assert.ok(Math.abs(tailRatio(r) - 1) < 1e-12);
 * ```
 */
export function tailRatio(returns: Float64Array): number {
  assertSeries(returns, "returns");
  const s = sortedFinite(returns);
  if (s.length < 1) return NaN;
  return Math.abs(percentileSorted(s, 95)) / Math.abs(percentileSorted(s, 5));
}
