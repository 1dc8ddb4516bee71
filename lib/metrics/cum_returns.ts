/**
 * Cumulative returns (empyrical `cum_returns`, `cum_returns_final`).
 *
 * @module
 */
import { assertSeries } from "./_validate.ts";

/** Options of {@linkcode cumReturns} and {@linkcode cumReturnsFinal}. */
export interface CumReturnsOptions {
  /** 0 gives cumulative returns (growth - 1); any other value gives the value of an
   * account that started at `startingValue` (growth * startingValue).
   * @default {0} */
  readonly startingValue?: number;
}

/**
 * Cumulative simple returns: c[t] = prod_{i<=t} (1 + r[i]) - 1, or
 * startingValue * prod_{i<=t} (1 + r[i]) when `startingValue` is not 0.
 * NaN returns compound as 0 (a flat period), as in empyrical. The value at t uses
 * returns up to and including t.
 *
 * @param returns Simple returns per period (NaN = missing, treated as 0).
 * @param opts See {@linkcode CumReturnsOptions}.
 * @returns A new array of the same length (empty in, empty out).
 * @see empyrical.stats.cum_returns
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cumReturns } from "./cum_returns.ts";
 * const c = cumReturns(new Float64Array([0.1, NaN, -0.5]));
 * assert.deepEqual(Array.from(c, (v) => +v.toFixed(12)), [0.1, 0.1, -0.45]);
 * ```
 */
export function cumReturns(
  returns: Float64Array,
  opts?: CumReturnsOptions,
): Float64Array {
  assertSeries(returns, "returns");
  const sv = opts?.startingValue ?? 0;
  const out = new Float64Array(returns.length);
  let g = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (!Number.isNaN(r)) g *= 1 + r;
    out[i] = sv === 0 ? g - 1 : g * sv;
  }
  return out;
}

/**
 * Total compounded return: prod (1 + r) - 1 (NaN returns skipped, numpy `nanprod`), or
 * startingValue * prod (1 + r) when `startingValue` is not 0. NaN for an empty series;
 * an all-NaN series gives 0 (or `startingValue`).
 *
 * @param returns Simple returns per period.
 * @param opts See {@linkcode CumReturnsOptions}.
 * @returns The final cumulative return (or final value).
 * @see empyrical.stats.cum_returns_final
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cumReturnsFinal } from "./cum_returns.ts";
 * assert.ok(Math.abs(cumReturnsFinal(new Float64Array([0.1, -0.5])) + 0.45) < 1e-15);
 * assert.ok(Math.abs(cumReturnsFinal(new Float64Array([0.1]), { startingValue: 100 }) - 110) < 1e-12);
 * ```
 */
export function cumReturnsFinal(
  returns: Float64Array,
  opts?: CumReturnsOptions,
): number {
  assertSeries(returns, "returns");
  if (returns.length === 0) return NaN;
  const sv = opts?.startingValue ?? 0;
  const g = _growth(returns);
  return sv === 0 ? g - 1 : g * sv;
}

/** prod (1 + r) over the non-NaN returns (trusting kernel). */
export function _growth(returns: Float64Array): number {
  let g = 1;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (!Number.isNaN(r)) g *= 1 + r;
  }
  return g;
}
