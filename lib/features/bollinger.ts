/**
 * Bollinger bands in TA-Lib's convention.
 *
 * @module
 */
import { rollingMean, rollingStd } from "./rolling.ts";
import { checkPeriod } from "./_check.ts";

/** Options of {@linkcode bollinger}. */
export interface BollingerOptions {
  /** Window of the SMA and the standard deviation. @default 20 */
  readonly period?: number;
  /** Width of the upper band in standard deviations. @default 2 */
  readonly stdDevsUp?: number;
  /** Width of the lower band in standard deviations. @default 2 */
  readonly stdDevsDown?: number;
}

/** Middle band and the two outer bands. */
export interface BollingerBands {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/**
 * Bollinger bands as TA-Lib's `TA_BBANDS` with an SMA: middle = SMA_n,
 * upper/lower = middle +/- k * sigma with sigma the POPULATION standard deviation
 * (ddof 0) of the same n closes. Computed exactly (compensated sums, two-pass
 * deviations) where TA-Lib keeps running sums; where the population variance is below
 * 1e-8 TA-Lib prints a deviation of 0 and this prints the true value. The `bb_z20`
 * feature uses the sample std (ddof 1) instead.
 *
 * @param close Closes.
 * @param options Period and band widths (default 20, 2, 2).
 * @returns Frozen `{ upper, middle, lower }`; NaN before index period - 1 or while the
 *   window holds a NaN.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bollinger } from "./bollinger.ts";
 * const b = bollinger(new Float64Array([1, 3, 5]), { period: 2, stdDevsUp: 1, stdDevsDown: 1 });
 * assert.deepEqual([...b.middle], [NaN, 2, 4]);
 * assert.deepEqual([...b.upper], [NaN, 3, 5]); // population std of (1, 3) is 1
 * assert.deepEqual([...b.lower], [NaN, 1, 3]);
 * ```
 */
export function bollinger(
  close: Float64Array,
  options: BollingerOptions = {},
): BollingerBands {
  const n = options.period ?? 20;
  checkPeriod(n, "Bollinger bands", close);
  const up = options.stdDevsUp ?? 2, down = options.stdDevsDown ?? 2;
  for (const [name, v] of [["stdDevsUp", up], ["stdDevsDown", down]] as const) {
    if (!Number.isFinite(v)) {
      throw new RangeError(
        `Cannot compute Bollinger bands: "${name}" expected a finite number, got ${v}`,
      );
    }
  }
  const middle = rollingMean(close, n);
  const sd = rollingStd(close, n, { ddof: 0 });
  return Object.freeze({
    upper: middle.map((m, t) => m + up * sd[t]),
    middle,
    lower: middle.map((m, t) => m - down * sd[t]),
  });
}
