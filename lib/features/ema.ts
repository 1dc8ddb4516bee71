/**
 * Exponential smoothing in TA-Lib's conventions: `ema` and Wilder's smoothing.
 *
 * @module
 */
import { checkPeriod } from "./_check.ts";

/** Options of {@linkcode ema}. */
export interface EmaOptions {
  /**
   * How the recursion starts. `"sma"`: the first value, at index start + n - 1, is the
   * simple mean of the first n inputs (TA-Lib's default `TA_EMA`). `"first"`: the first
   * value is the first input itself, at index start (pandas `ewm(span=n, adjust=False)`,
   * TA-Lib in its METASTOCK compatibility mode, which prints the same numbers from
   * index n - 1 on; bench SPEC W1's `macd_hist` uses this seeding).
   * @default "sma"
   */
  readonly seed?: "sma" | "first";
}

/**
 * Exponential moving average with k = 2 / (n + 1):
 * `ema[t] = (x[t] - ema[t-1]) * k + ema[t-1]` (TA-Lib's arithmetic), seeded as
 * `options.seed` says. Leading NaNs are a warm-up (start = the first non-NaN index); a
 * NaN after the start propagates into every later value. A value at t uses x[0..t].
 *
 * @param x Input series.
 * @param n Period (integer >= 1).
 * @param options Seeding, see {@linkcode EmaOptions}.
 * @returns EMA, same length; NaN before the first value.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ema } from "./ema.ts";
 * const x = new Float64Array([1, 2, 3, 4]);
 * assert.deepEqual([...ema(x, 3)], [NaN, NaN, 2, 3]); // seed mean(1, 2, 3), then (4 - 2) / 2 + 2
 * assert.deepEqual([...ema(x, 3, { seed: "first" })], [1, 1.5, 2.25, 3.125]);
 * ```
 */
export function ema(
  x: Float64Array,
  n: number,
  options: EmaOptions = {},
): Float64Array {
  checkPeriod(n, "an EMA", x);
  const seed = options.seed ?? "sma";
  if (seed !== "sma" && seed !== "first") {
    throw new RangeError(
      `Cannot compute an EMA: "seed" expected "sma" or "first", got ${
        JSON.stringify(seed)
      }`,
    );
  }
  const s = firstFinite(x), k = 2 / (n + 1);
  if (seed === "first") return _smooth(x, 1, s, (p, v) => (v - p) * k + p);
  return _smooth(x, n, s + n - 1, (p, v) => (v - p) * k + p);
}

/**
 * Wilder's smoothing (RSI, ATR, ADX): the first value, at index start + n - 1, is the
 * simple mean of the first n inputs, then `w[t] = (w[t-1] * (n - 1) + x[t]) / n` (an EMA
 * with alpha = 1/n, in TA-Lib's `TA_ATR` arithmetic). Leading NaNs are a warm-up; a
 * later NaN propagates. `atr(bars, n)` is `wilderSmooth(trueRange(bars), n)`.
 *
 * @param x Input series.
 * @param n Period (integer >= 1).
 * @returns Smoothed series; NaN before index start + n - 1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wilderSmooth } from "./ema.ts";
 * const w = wilderSmooth(new Float64Array([NaN, 2, 4, 6, 8]), 2);
 * assert.deepEqual([...w], [NaN, NaN, 3, 4.5, 6.25]);
 * ```
 */
export function wilderSmooth(x: Float64Array, n: number): Float64Array {
  checkPeriod(n, "Wilder's smoothing", x);
  return _smooth(x, n, firstFinite(x) + n - 1, (p, v) => (p * (n - 1) + v) / n);
}

/** Index of the first non-NaN value (x.length when none). */
export function firstFinite(x: Float64Array): number {
  let s = 0;
  while (s < x.length && Number.isNaN(x[s])) s++;
  return s;
}

/**
 * Recursive smoother: out[seedAt] = mean(x[seedAt-n+1..seedAt]) (summed in order, as
 * TA-Lib), then out[t] = step(out[t-1], x[t]); NaN before seedAt.
 */
export function _smooth(
  x: Float64Array,
  n: number,
  seedAt: number,
  step: (prev: number, v: number) => number,
): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  if (seedAt >= x.length) return out;
  let sum = 0;
  for (let i = seedAt - n + 1; i <= seedAt; i++) sum += x[i];
  let prev = sum / n;
  out[seedAt] = prev;
  for (let t = seedAt + 1; t < x.length; t++) out[t] = prev = step(prev, x[t]);
  return out;
}
