/**
 * Sortino ratio (empyrical `sortino_ratio`).
 *
 * @module
 */
import { nanMeanStd } from "./_stats.ts";
import { assertSeries, periodsPerYearOf, rateAt } from "./_validate.ts";
import { _downsideRisk, type DownsideRiskOptions } from "./downside_risk.ts";

/** Options of {@linkcode sortinoRatio}. */
export type SortinoRatioOptions = DownsideRiskOptions;

/**
 * Annualised Sortino ratio: mean(r - requiredReturn) * periodsPerYear / downsideRisk,
 * i.e. the annualised mean excess return over the annualised downside deviation
 * (see `downsideRisk`). NaN for fewer than 2 rows; +-Infinity when nothing fell below the
 * threshold and the mean is not 0 (numpy division).
 *
 * @param returns Simple returns per period.
 * @param opts `requiredReturn` per period (default 0), `periodsPerYear` (default 252).
 * @returns The Sortino ratio.
 * @see empyrical.stats.sortino_ratio
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sortinoRatio } from "./sortino_ratio.ts";
 * // mean 0 -> 0 / downside risk
 * assert.equal(sortinoRatio(new Float64Array([0.01, -0.01])), 0);
 * ```
 */
export function sortinoRatio(
  returns: Float64Array,
  opts?: SortinoRatioOptions,
): number {
  assertSeries(returns, "returns");
  const ppy = periodsPerYearOf(opts);
  const req = rateAt(opts?.requiredReturn, returns.length, "requiredReturn");
  if (returns.length < 2) return NaN;
  const mu = nanMeanStd(returns, 1, req).mean * ppy;
  return mu / _downsideRisk(returns, ppy, req);
}
