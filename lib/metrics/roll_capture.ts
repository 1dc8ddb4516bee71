/**
 * Rolling capture ratios (empyrical `roll_up_capture`, `roll_down_capture`,
 * `roll_up_down_capture`): n - window + 1 values, value k for rows k .. k + window - 1
 * (aligned to the window's last row), each exactly the scalar ratio of that slice.
 *
 * @module
 */
import { periodsPerYearOf } from "./_validate.ts";
import { _checkPair, _roll } from "./_roll.ts";
import { _sidedCapture, _upDownCapture } from "./capture.ts";
import type { PeriodOptions, WindowOptions } from "./types.ts";

/**
 * Rolling up capture (see `upCapture`).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `window` (default 10), `periodsPerYear` (default 252).
 * @returns n - window + 1 ratios aligned to window ends.
 * @see empyrical.stats.roll_up_capture
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollUpCapture } from "./roll_capture.ts";
 * const f = new Float64Array([0.1, -0.1, 0.1]);
 * const u = rollUpCapture(f.map((v) => v / 2), f, { window: 2 });
 * assert.equal(u.length, 2);
 * ```
 */
export function rollUpCapture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: WindowOptions & PeriodOptions,
): Float64Array {
  return _rollCapture(returns, factorReturns, opts, 1);
}

/**
 * Rolling down capture (see `downCapture`).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `window` (default 10), `periodsPerYear` (default 252).
 * @returns n - window + 1 ratios aligned to window ends.
 * @see empyrical.stats.roll_down_capture
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollDownCapture } from "./roll_capture.ts";
 * const f = new Float64Array([0.1, -0.1, 0.1]);
 * assert.equal(rollDownCapture(f, f, { window: 3 })[0], 1);
 * ```
 */
export function rollDownCapture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: WindowOptions & PeriodOptions,
): Float64Array {
  return _rollCapture(returns, factorReturns, opts, -1);
}

/**
 * Rolling up/down capture (see `upDownCapture`).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `window` (default 10), `periodsPerYear` (default 252).
 * @returns n - window + 1 ratios aligned to window ends.
 * @see empyrical.stats.roll_up_down_capture
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollUpDownCapture } from "./roll_capture.ts";
 * const f = new Float64Array([0.1, -0.1, 0.1]);
 * assert.equal(rollUpDownCapture(f, f, { window: 3 })[0], 1);
 * ```
 */
export function rollUpDownCapture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: WindowOptions & PeriodOptions,
): Float64Array {
  const w = _checkPair(returns, factorReturns, opts);
  const ppy = periodsPerYearOf(opts);
  return _roll(
    returns.length,
    w,
    (a, b) =>
      _upDownCapture(returns.subarray(a, b), factorReturns.subarray(a, b), ppy),
  );
}

function _rollCapture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts: (WindowOptions & PeriodOptions) | undefined,
  side: 1 | -1,
): Float64Array {
  const w = _checkPair(returns, factorReturns, opts);
  const ppy = periodsPerYearOf(opts);
  return _roll(returns.length, w, (a, b) =>
    _sidedCapture(
      returns.subarray(a, b),
      factorReturns.subarray(a, b),
      ppy,
      side,
    ));
}
