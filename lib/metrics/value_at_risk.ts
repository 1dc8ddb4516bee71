/**
 * Historical value at risk and expected shortfall (empyrical `value_at_risk`,
 * `conditional_value_at_risk`).
 *
 * @module
 */
import { nanMeanStd, percentileSorted, sortedFinite } from "./_stats.ts";
import { assertSeries, closedUnitOption } from "./_validate.ts";

/** Options of {@linkcode valueAtRisk} and {@linkcode conditionalValueAtRisk}. */
export interface ValueAtRiskOptions {
  /** Lower-tail probability in [0, 1] (0.05 = the 5 % worst periods; 0 gives the
   * minimum, 1 the maximum for VaR and the mean of all returns for CVaR, as empyrical).
   * @default {0.05} */
  readonly cutoff?: number;
}

/**
 * Historical value at risk: the `cutoff` percentile of the returns, linearly
 * interpolated (numpy `percentile(r, 100 * cutoff)`, method "linear"):
 * h = cutoff (n - 1), VaR = s[floor h] + (h - floor h)(s[floor h + 1] - s[floor h]) over
 * the ascending returns s. A RETURN, so usually negative (-0.03 = a 3 % loss).
 * NaN returns are dropped first (empyrical would propagate them); NaN when none is left.
 * cutoff 0 gives the smallest return, 1 the largest.
 *
 * @param returns Simple returns per period.
 * @param opts `cutoff` (default 0.05).
 * @returns The VaR return. O(n log n) (sorts a copy).
 * @see empyrical.stats.value_at_risk
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueAtRisk } from "./value_at_risk.ts";
 * const r = Float64Array.from({ length: 21 }, (_, i) => (i - 10) / 100);
 * assert.ok(Math.abs(valueAtRisk(r) + 0.09) < 1e-15); // h = 1
 * ```
 */
export function valueAtRisk(
  returns: Float64Array,
  opts?: ValueAtRiskOptions,
): number {
  assertSeries(returns, "returns");
  const cutoff = closedUnitOption(opts?.cutoff ?? 0.05, "cutoff");
  return percentileSorted(sortedFinite(returns), 100 * cutoff);
}

/**
 * Conditional value at risk (expected shortfall): the mean of the k smallest returns,
 * k = floor((n - 1) * cutoff) + 1, as empyrical's np.partition shortcut does (the
 * return at the cutoff index is included). NaN returns are dropped first; NaN when none
 * is left. cutoff 0 gives the smallest return, 1 the mean of all. A RETURN, usually
 * negative.
 *
 * @param returns Simple returns per period.
 * @param opts `cutoff` (default 0.05).
 * @returns The CVaR return. O(n log n) (sorts a copy).
 * @see empyrical.stats.conditional_value_at_risk
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { conditionalValueAtRisk } from "./value_at_risk.ts";
 * const r = Float64Array.from({ length: 21 }, (_, i) => (i - 10) / 100);
 * // k = floor(20 * 0.05) + 1 = 2: mean(-0.10, -0.09)
 * assert.ok(Math.abs(conditionalValueAtRisk(r) + 0.095) < 1e-15);
 * ```
 */
export function conditionalValueAtRisk(
  returns: Float64Array,
  opts?: ValueAtRiskOptions,
): number {
  assertSeries(returns, "returns");
  const cutoff = closedUnitOption(opts?.cutoff ?? 0.05, "cutoff");
  const s = sortedFinite(returns);
  if (s.length === 0) return NaN;
  const k = Math.floor((s.length - 1) * cutoff) + 1;
  return nanMeanStd(s.subarray(0, k), 0).mean;
}
