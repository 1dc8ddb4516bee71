/**
 * Relative strength index and an RSI mean-reversion rule.
 *
 * @module
 */

/**
 * Wilder's RSI: gains/losses of close-to-close changes, first average = simple mean of
 * the first `period` changes (available at t = period), then
 * avg_t = (avg_{t-1} (period - 1) + x_t) / period; RSI = 100 - 100 / (1 + avgGain/avgLoss)
 * (100 when avgLoss = 0, 50 when both are 0). NaN before t = period or after a NaN close.
 *
 * @param close Closing prices.
 * @param period Smoothing period in bars. @default 14
 * @returns RSI in [0, 100].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rsi } from "./rsi.ts";
 * const r = rsi(new Float64Array([1, 2, 1, 2]), 2);
 * assert.equal(r[2], 50); // one +1, one -1
 * assert.ok(Math.abs(r[3] - 75) < 1e-12); // gain (0.5 + 1) / 2, loss 0.5 / 2
 * ```
 */
export function rsi(close: Float64Array, period = 14): Float64Array {
  if (!(period >= 1)) {
    throw new RangeError(`rsi period must be >= 1, got ${period}`);
  }
  const n = close.length;
  const out = new Float64Array(n).fill(NaN);
  let g = 0, l = 0, count = 0;
  for (let t = 1; t < n; t++) {
    const d = close[t] - close[t - 1];
    if (!Number.isFinite(d)) {
      g = l = count = 0;
      continue;
    }
    const up = d > 0 ? d : 0, dn = d < 0 ? -d : 0;
    if (count < period) {
      g += up / period;
      l += dn / period;
      count++;
      if (count < period) continue;
    } else {
      g = (g * (period - 1) + up) / period;
      l = (l * (period - 1) + dn) / period;
    }
    out[t] = l === 0 ? (g === 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
  }
  return out;
}

/** Options of {@linkcode rsiPositions}. */
export interface RsiOptions {
  /** RSI period. @default 14 */
  readonly period?: number;
  /** Enter long below. @default 30 */
  readonly lower?: number;
  /** Enter short above (when longShort). @default 70 */
  readonly upper?: number;
  /** Exit a long above / a short below this level. @default 50 */
  readonly exitLevel?: number;
  /** Allow shorts. @default false */
  readonly longShort?: boolean;
}

/**
 * RSI mean reversion: flat -> long when RSI < lower (short when RSI > upper and
 * longShort); a long exits when RSI > exitLevel, a short when RSI < exitLevel. Causal.
 *
 * @param close Closing prices.
 * @param options Levels.
 * @returns Positions in {-1, 0, 1}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rsiPositions } from "./rsi.ts";
 * const c = new Float64Array([5, 4, 3, 2, 3, 4, 5]);
 * assert.deepEqual([...rsiPositions(c, { period: 2 })], [0, 0, 1, 1, 1, 0, 0]);
 * ```
 */
export function rsiPositions(
  close: Float64Array,
  options: RsiOptions = {},
): Float64Array {
  const lower = options.lower ?? 30, upper = options.upper ?? 70;
  const exit = options.exitLevel ?? 50, longShort = options.longShort ?? false;
  const r = rsi(close, options.period ?? 14);
  const out = new Float64Array(close.length);
  let s = 0;
  for (let t = 0; t < close.length; t++) {
    const v = r[t];
    if (!Number.isFinite(v)) s = 0;
    else {
      if (s === 1 && v > exit) s = 0;
      else if (s === -1 && v < exit) s = 0;
      if (s === 0) {
        if (v < lower) s = 1;
        else if (v > upper && longShort) s = -1;
      }
    }
    out[t] = s;
  }
  return out;
}
