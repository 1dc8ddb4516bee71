/**
 * Ulcer index and ulcer performance index (Martin 1987; Martin & McCann 1989).
 *
 * @module
 */
import { assertSeries, periodsPerYearOf } from "./_validate.ts";
import { _annualReturn } from "./annual_return.ts";
import { _drawdownSeries } from "./drawdown_series.ts";
import type { PeriodOptions } from "./types.ts";

/**
 * Ulcer index: the quadratic mean of the drawdowns, UI = sqrt(mean_t dd[t]^2), with
 * dd[t] the drawdown of every period as in `drawdownSeries` (start counted as a peak,
 * NaN returns compound as 0). As a FRACTION (Martin's percent figure is 100 x this); it
 * penalises depth and duration together and ignores upside volatility. (ffn's
 * `ulcer_index` divides sqrt(sum dd^2) by n, which is this / sqrt(n).) NaN when empty.
 *
 * Reference: Martin, P. and McCann, B. (1989), "The Investor's Guide to Fidelity Funds".
 *
 * @param returns Simple returns per period.
 * @returns UI >= 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ulcerIndex } from "./ulcer_index.ts";
 * // drawdowns 0, -0.5, -0.25, 0: sqrt((0.25 + 0.0625) / 4)
 * const ui = ulcerIndex(new Float64Array([0, -0.5, 0.5, 1 / 0.75]));
 * assert.ok(Math.abs(ui - Math.sqrt(0.3125 / 4)) < 1e-15);
 * ```
 */
export function ulcerIndex(returns: Float64Array): number {
  assertSeries(returns, "returns");
  return _ulcerIndex(returns);
}

function _ulcerIndex(returns: Float64Array): number {
  const dd = _drawdownSeries(returns, 0, returns.length);
  if (dd.length === 0) return NaN;
  let s = 0;
  for (let t = 0; t < dd.length; t++) s += dd[t] * dd[t];
  return Math.sqrt(s / dd.length);
}

/** Options of {@linkcode ulcerPerformanceIndex}. */
export interface UlcerPerformanceOptions extends PeriodOptions {
  /** ANNUAL risk-free rate subtracted from the annual return. @default 0 */
  readonly riskFreeAnnual?: number;
}

/**
 * Ulcer performance index (Martin ratio): (annual return - annual risk-free rate) /
 * ulcer index, with the annual return the CAGR of `annualReturn` (empyrical) and the
 * ulcer index of {@linkcode ulcerIndex} as a fraction. Infinity-free: NaN when the ulcer
 * index is 0 (never under water) or the series is empty.
 *
 * Reference: Martin, P. and McCann, B. (1989); PerformanceAnalytics' `MartinRatio` uses
 * the same numerator.
 *
 * @param returns Simple returns per period.
 * @param opts `periodsPerYear` (default 252), `riskFreeAnnual` (default 0).
 * @returns The UPI (annual excess return per unit of ulcer index).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { annualReturn, ulcerIndex, ulcerPerformanceIndex } from "./mod.ts";
 * const r = Float64Array.from({ length: 504 }, (_, i) => 0.0005 + 0.01 * Math.sin(i));
 * const upi = ulcerPerformanceIndex(r, { riskFreeAnnual: 0.02 });
 * assert.ok(Math.abs(upi - (annualReturn(r) - 0.02) / ulcerIndex(r)) < 1e-12);
 * ```
 */
export function ulcerPerformanceIndex(
  returns: Float64Array,
  opts?: UlcerPerformanceOptions,
): number {
  assertSeries(returns, "returns");
  const ppy = periodsPerYearOf(opts);
  const rf = opts?.riskFreeAnnual ?? 0;
  if (!Number.isFinite(rf)) {
    throw new RangeError(
      `Cannot compute metric: "riskFreeAnnual" expected a finite number, got ${rf}`,
    );
  }
  const ui = _ulcerIndex(returns);
  if (!(ui > 0)) return NaN;
  return (_annualReturn(returns, ppy) - rf) / ui;
}
