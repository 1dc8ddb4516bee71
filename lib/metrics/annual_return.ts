/**
 * Annual return as a compound annual growth rate (empyrical `annual_return`, `cagr`).
 *
 * @module
 */
import { assertSeries, periodsPerYearOf } from "./_validate.ts";
import { _growth } from "./cum_returns.ts";
import type { PeriodOptions } from "./types.ts";

/** Options of {@linkcode annualReturn} and {@linkcode cagr}. */
export type AnnualReturnOptions = PeriodOptions;

/**
 * Compound annual growth rate: (prod (1 + r))^(1 / years) - 1 with
 * years = n / periodsPerYear, where n = returns.length COUNTS NaN periods (they compound
 * as 0 but still take time), as in empyrical. NaN for an empty series; NaN when the
 * account went below zero (a negative growth has no real root).
 *
 * @param returns Simple returns per period.
 * @param opts `periodsPerYear` (default 252).
 * @returns The annualised return (0.07 = 7 % a year).
 * @see empyrical.stats.annual_return
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { annualReturn } from "./annual_return.ts";
 * // +21 % over two yearly periods is +10 % a year
 * assert.ok(Math.abs(annualReturn(new Float64Array([0.1, 0.1]), { periodsPerYear: 1 }) - 0.1) < 1e-12);
 * ```
 */
export function annualReturn(
  returns: Float64Array,
  opts?: AnnualReturnOptions,
): number {
  assertSeries(returns, "returns");
  return _annualReturn(returns, periodsPerYearOf(opts));
}

/**
 * Compound annual growth rate; the same number as {@linkcode annualReturn} (empyrical
 * keeps both names): (prod (1 + r))^(periodsPerYear / n) - 1, n counting NaN periods.
 *
 * @param returns Simple returns per period.
 * @param opts `periodsPerYear` (default 252).
 * @returns The CAGR.
 * @see empyrical.stats.cagr
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cagr } from "./annual_return.ts";
 * const r = new Float64Array(252).fill(0.001);
 * assert.ok(Math.abs(cagr(r) - (1.001 ** 252 - 1)) < 1e-12);
 * ```
 */
export function cagr(
  returns: Float64Array,
  opts?: AnnualReturnOptions,
): number {
  return annualReturn(returns, opts);
}

/** Trusting kernel of {@linkcode annualReturn}. */
export function _annualReturn(returns: Float64Array, ppy: number): number {
  const n = returns.length;
  if (n < 1) return NaN;
  const years = n / ppy;
  return Math.pow(_growth(returns), 1 / years) - 1;
}
