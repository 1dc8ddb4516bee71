/**
 * Sharpe ratio (empyrical `sharpe_ratio`).
 *
 * @module
 */
import { nanMeanStd } from "./_stats.ts";
import { assertSeries, periodsPerYearOf, rateAt } from "./_validate.ts";
import type { PeriodOptions, RiskFreeOptions } from "./types.ts";

/** Options of {@linkcode sharpeRatio}. */
export interface SharpeRatioOptions extends PeriodOptions, RiskFreeOptions {}

/**
 * Annualised Sharpe ratio: mean(r - rf) / std(r - rf, ddof = 1) * sqrt(periodsPerYear),
 * over the non-NaN excess returns (numpy nanmean / nanstd), `riskFree` PER PERIOD.
 * NaN for fewer than 2 rows. A series whose excess returns are all identical has a
 * spread of exactly 0, so its Sharpe is +Infinity / -Infinity by the sign of the mean
 * (NaN when the mean is 0 too), as numpy's division gives in empyrical.
 *
 * @param returns Simple returns per period.
 * @param opts `periodsPerYear` (default 252), `riskFree` (default 0).
 * @returns The annualised Sharpe ratio.
 * @see empyrical.stats.sharpe_ratio
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sharpeRatio } from "./sharpe_ratio.ts";
 * // mean 0.01, std (ddof 1) 0.01 -> 1 per period -> sqrt(252) a year
 * const s = sharpeRatio(new Float64Array([0, 0.01, 0.02]));
 * assert.ok(Math.abs(s - Math.sqrt(252)) < 1e-12);
 * assert.equal(sharpeRatio(new Float64Array(252).fill(0.001)), Infinity);
 * ```
 */
export function sharpeRatio(
  returns: Float64Array,
  opts?: SharpeRatioOptions,
): number {
  assertSeries(returns, "returns");
  const ppy = periodsPerYearOf(opts);
  const rf = rateAt(opts?.riskFree, returns.length, "riskFree");
  return _sharpeRatio(returns, ppy, rf);
}

/** Trusting kernel of {@linkcode sharpeRatio}. */
export function _sharpeRatio(
  returns: Float64Array,
  ppy: number,
  rf?: (i: number) => number,
): number {
  if (returns.length < 2) return NaN;
  const { mean, std } = nanMeanStd(returns, 1, rf);
  return (mean / std) * Math.sqrt(ppy);
}
