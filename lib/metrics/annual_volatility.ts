/**
 * Annualised volatility (empyrical `annual_volatility`).
 *
 * @module
 */
import { nanMeanStd } from "./_stats.ts";
import { assertSeries, periodsPerYearOf } from "./_validate.ts";
import type { PeriodOptions } from "./types.ts";

/** Options of {@linkcode annualVolatility}. */
export type AnnualVolatilityOptions = PeriodOptions;

/**
 * Annualised volatility: std(r, ddof = 1) * sqrt(periodsPerYear), the SAMPLE standard
 * deviation (n - 1) of the non-NaN returns. NaN for fewer than 2 rows (or fewer than 2
 * non-NaN returns); exactly 0 for a constant series.
 *
 * @param returns Simple returns per period.
 * @param opts `periodsPerYear` (default 252).
 * @returns Annual volatility (0.2 = 20 % a year).
 * @see empyrical.stats.annual_volatility
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { annualVolatility } from "./annual_volatility.ts";
 * // std([0.01, -0.01], ddof 1) = sqrt(2) * 0.01
 * const v = annualVolatility(new Float64Array([0.01, -0.01]), { periodsPerYear: 4 });
 * assert.ok(Math.abs(v - Math.SQRT2 * 0.02) < 1e-15);
 * ```
 */
export function annualVolatility(
  returns: Float64Array,
  opts?: AnnualVolatilityOptions,
): number {
  assertSeries(returns, "returns");
  const ppy = periodsPerYearOf(opts);
  if (returns.length < 2) return NaN;
  return nanMeanStd(returns, 1).std * Math.sqrt(ppy);
}
