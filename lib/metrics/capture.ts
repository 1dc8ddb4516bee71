/**
 * Capture ratios (empyrical `capture`, `up_capture`, `down_capture`, `up_down_capture`).
 *
 * @module
 */
import { filterPairs } from "./_stats.ts";
import {
  assertSameLength,
  assertSeries,
  periodsPerYearOf,
} from "./_validate.ts";
import { _annualReturn } from "./annual_return.ts";
import type { PeriodOptions } from "./types.ts";

/** Options of the capture ratios. */
export type CaptureOptions = PeriodOptions;

/**
 * Capture ratio: annualReturn(returns) / annualReturn(factorReturns), both as CAGR over
 * the full length (NaN periods count as time). 1 = the strategy compounds like the
 * benchmark. NaN for empty input; +-Infinity when the benchmark's annual return is 0.
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `periodsPerYear` (default 252).
 * @returns The capture ratio.
 * @see empyrical.stats.capture
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { capture } from "./capture.ts";
 * const c = capture(new Float64Array([0.21]), new Float64Array([0.1]), { periodsPerYear: 1 });
 * assert.ok(Math.abs(c - 2.1) < 1e-12);
 * ```
 */
export function capture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: CaptureOptions,
): number {
  const ppy = _check(returns, factorReturns, opts);
  return _capture(returns, factorReturns, ppy);
}

/**
 * Up capture: {@linkcode capture} over the rows where the benchmark return is > 0 only;
 * each side is annualised over that subset's own length (empyrical `up`).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `periodsPerYear` (default 252).
 * @returns The up-market capture ratio (NaN when the benchmark never rose).
 * @see empyrical.stats.up_capture
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { upCapture } from "./capture.ts";
 * const f = new Float64Array([0.1, -0.1]);
 * const r = new Float64Array([0.05, -0.02]);
 * assert.ok(Math.abs(upCapture(r, f, { periodsPerYear: 1 }) - 0.5) < 1e-12);
 * ```
 */
export function upCapture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: CaptureOptions,
): number {
  const ppy = _check(returns, factorReturns, opts);
  return _sidedCapture(returns, factorReturns, ppy, 1);
}

/**
 * Down capture: {@linkcode capture} over the rows where the benchmark return is < 0
 * only (see {@linkcode upCapture}). Below 1 = the strategy loses less than the benchmark.
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `periodsPerYear` (default 252).
 * @returns The down-market capture ratio (NaN when the benchmark never fell).
 * @see empyrical.stats.down_capture
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { downCapture } from "./capture.ts";
 * const f = new Float64Array([0.1, -0.1]);
 * const r = new Float64Array([0.05, -0.02]);
 * assert.ok(Math.abs(downCapture(r, f, { periodsPerYear: 1 }) - 0.2) < 1e-12);
 * ```
 */
export function downCapture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: CaptureOptions,
): number {
  const ppy = _check(returns, factorReturns, opts);
  return _sidedCapture(returns, factorReturns, ppy, -1);
}

/**
 * Up/down capture: upCapture / downCapture (above 1 = more of the benchmark's gains
 * than of its losses).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `periodsPerYear` (default 252).
 * @returns The ratio.
 * @see empyrical.stats.up_down_capture
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { upDownCapture } from "./capture.ts";
 * const f = new Float64Array([0.1, -0.1]);
 * const r = new Float64Array([0.05, -0.02]);
 * assert.ok(Math.abs(upDownCapture(r, f, { periodsPerYear: 1 }) - 2.5) < 1e-12);
 * ```
 */
export function upDownCapture(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: CaptureOptions,
): number {
  const ppy = _check(returns, factorReturns, opts);
  return _upDownCapture(returns, factorReturns, ppy);
}

function _check(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: CaptureOptions,
): number {
  assertSeries(returns, "returns");
  assertSeries(factorReturns, "factorReturns");
  assertSameLength(returns, factorReturns);
  return periodsPerYearOf(opts);
}

/** Trusting kernel of {@linkcode capture}. */
export function _capture(
  r: Float64Array,
  f: Float64Array,
  ppy: number,
): number {
  return _annualReturn(r, ppy) / _annualReturn(f, ppy);
}

/** Trusting kernel of up (side 1) and down (side -1) capture. */
export function _sidedCapture(
  r: Float64Array,
  f: Float64Array,
  ppy: number,
  side: 1 | -1,
): number {
  const [rs, fs] = filterPairs(r, f, side > 0 ? (v) => v > 0 : (v) => v < 0);
  return _capture(rs, fs, ppy);
}

/** Trusting kernel of {@linkcode upDownCapture}. */
export function _upDownCapture(
  r: Float64Array,
  f: Float64Array,
  ppy: number,
): number {
  return _sidedCapture(r, f, ppy, 1) / _sidedCapture(r, f, ppy, -1);
}
