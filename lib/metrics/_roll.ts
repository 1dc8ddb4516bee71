/**
 * Private helpers of the rolling statistics: window validation and the window loop.
 *
 * @module
 */
import { assertSameLength, assertSeries, intOption } from "./_validate.ts";
import type { WindowOptions } from "./types.ts";

/** Validated `window` (default 10, empyrical's default for its roll_* functions). */
export function _window(opts?: WindowOptions): number {
  return intOption(opts?.window ?? 10, "window", 1);
}

/** Validate a (returns, factorReturns) pair; the window. */
export function _checkPair(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: WindowOptions,
): number {
  assertSeries(returns, "returns");
  assertSeries(factorReturns, "factorReturns");
  assertSameLength(returns, factorReturns);
  return _window(opts);
}

/** Apply `stat(from, to)` to every trailing window; n - w + 1 values. */
export function _roll(
  n: number,
  w: number,
  stat: (from: number, to: number) => number,
): Float64Array {
  const m = Math.max(0, n - w + 1);
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) out[k] = stat(k, k + w);
  return out;
}
