/**
 * Downside risk (empyrical `downside_risk`).
 *
 * @module
 */
import { assertSeries, periodsPerYearOf, rateAt } from "./_validate.ts";
import type { PeriodOptions } from "./types.ts";

/** Options of {@linkcode downsideRisk} and `sortinoRatio`. */
export interface DownsideRiskOptions extends PeriodOptions {
  /** Minimum acceptable return PER PERIOD (a number or one value per row).
   * @default {0} */
  readonly requiredReturn?: number | Float64Array;
}

/**
 * Annualised downside deviation below a threshold:
 * d = min(r - requiredReturn, 0); sqrt(mean(d^2)) * sqrt(periodsPerYear), where the
 * mean runs over ALL non-NaN periods (periods above the threshold count as 0), not only
 * the losing ones. NaN for an empty or all-NaN series.
 *
 * @param returns Simple returns per period.
 * @param opts `requiredReturn` (default 0), `periodsPerYear` (default 252).
 * @returns The annualised downside risk (>= 0).
 * @see empyrical.stats.downside_risk
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { downsideRisk } from "./downside_risk.ts";
 * // d = [0, -0.02, 0, -0.02]: sqrt(0.0008 / 4) * sqrt(4) = 0.02 * sqrt(2)
 * const d = downsideRisk(new Float64Array([0.01, -0.02, 0.03, -0.02]), { periodsPerYear: 4 });
 * assert.ok(Math.abs(d - 0.02 * Math.SQRT2) < 1e-15);
 * ```
 */
export function downsideRisk(
  returns: Float64Array,
  opts?: DownsideRiskOptions,
): number {
  assertSeries(returns, "returns");
  const ppy = periodsPerYearOf(opts);
  const req = rateAt(opts?.requiredReturn, returns.length, "requiredReturn");
  return _downsideRisk(returns, ppy, req);
}

/** Trusting kernel of {@linkcode downsideRisk}. */
export function _downsideRisk(
  returns: Float64Array,
  ppy: number,
  req?: (i: number) => number,
): number {
  let n = 0, s = 0;
  for (let i = 0; i < returns.length; i++) {
    const d = req ? returns[i] - req(i) : returns[i];
    if (Number.isNaN(d)) continue;
    n++;
    if (d < 0) s += d * d;
  }
  return n === 0 ? NaN : Math.sqrt(s / n) * Math.sqrt(ppy);
}
