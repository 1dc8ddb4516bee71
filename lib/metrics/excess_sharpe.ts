/**
 * Excess Sharpe ratio (empyrical `excess_sharpe`).
 *
 * @module
 */
import { nanMeanStd } from "./_stats.ts";
import { assertSameLength, assertSeries } from "./_validate.ts";

/**
 * Excess Sharpe: mean(a) / std(a, ddof = 1) with active returns a = r - f, over the
 * non-NaN rows, NOT annualised (a simplified information ratio per period). NaN for
 * fewer than 2 rows; a tracking error that is undefined (one valid row) counts as 0, so
 * the result is then +-Infinity or NaN, as in empyrical.
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @returns The per-period excess Sharpe.
 * @see empyrical.stats.excess_sharpe
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { excessSharpe } from "./excess_sharpe.ts";
 * const r = new Float64Array([0.02, 0.03, 0.04]);
 * const f = new Float64Array([0.01, 0.01, 0.01]);
 * assert.ok(Math.abs(excessSharpe(r, f) - 2) < 1e-12); // mean 0.02 / std 0.01
 * ```
 */
export function excessSharpe(
  returns: Float64Array,
  factorReturns: Float64Array,
): number {
  assertSeries(returns, "returns");
  assertSeries(factorReturns, "factorReturns");
  assertSameLength(returns, factorReturns);
  return _excessSharpe(returns, factorReturns);
}

/** Trusting kernel of {@linkcode excessSharpe}. */
export function _excessSharpe(r: Float64Array, f: Float64Array): number {
  if (r.length < 2) return NaN;
  const { mean, std } = nanMeanStd(r, 1, (i) => f[i]);
  return mean / (Number.isNaN(std) ? 0 : std);
}
