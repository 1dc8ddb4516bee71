/**
 * Calmar ratio (empyrical `calmar_ratio`).
 *
 * @module
 */
import { assertSeries, periodsPerYearOf } from "./_validate.ts";
import { _annualReturn } from "./annual_return.ts";
import { _maxDrawdown } from "./drawdown_series.ts";
import type { PeriodOptions } from "./types.ts";

/** Options of {@linkcode calmarRatio}. */
export type CalmarRatioOptions = PeriodOptions;

/**
 * Calmar ratio: annualReturn / |maxDrawdown| over the whole series. NaN when there is no
 * drawdown (maxDrawdown = 0), for an empty series, and when the ratio is infinite.
 *
 * @param returns Simple returns per period.
 * @param opts `periodsPerYear` (default 252).
 * @returns The Calmar ratio.
 * @see empyrical.stats.calmar_ratio
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { calmarRatio } from "./calmar_ratio.ts";
 * // yearly returns: growth 1.1 * 0.5 * 2.4 = 1.32 over 3 years, max drawdown -50 %
 * const c = calmarRatio(new Float64Array([0.1, -0.5, 1.4]), { periodsPerYear: 1 });
 * assert.ok(Math.abs(c - (1.32 ** (1 / 3) - 1) / 0.5) < 1e-12);
 * assert.ok(Number.isNaN(calmarRatio(new Float64Array([0.01, 0.02]))));
 * ```
 */
export function calmarRatio(
  returns: Float64Array,
  opts?: CalmarRatioOptions,
): number {
  assertSeries(returns, "returns");
  const ppy = periodsPerYearOf(opts);
  const mdd = _maxDrawdown(returns, 0, returns.length);
  if (!(mdd < 0)) return NaN;
  const c = _annualReturn(returns, ppy) / Math.abs(mdd);
  return Number.isFinite(c) || Number.isNaN(c) ? c : NaN;
}
