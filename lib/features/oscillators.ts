/**
 * Recursive price oscillators of the feature catalogue: Wilder RSI, the bench SPEC's
 * MACD histogram, Wilder ATR as a fraction of price. Recursive features carry a
 * non-finite input forward into every later value.
 *
 * @module
 */
import { wilderSmooth } from "./ema.ts";
import { atr } from "./true_range.ts";
import { checkPeriod } from "./_check.ts";

/**
 * Wilder RSI over n bars (bench SPEC W1 `rsi_14`): gains/losses `max(±(c[t]-c[t-1]), 0)`
 * for t >= 1, seeded at t = n with the simple mean of the first n gains/losses, then
 * `avg = (avg*(n-1) + x)/n`; `RSI = 100 - 100/(1 + avgGain/avgLoss)`, 100 where avgLoss = 0.
 *
 * @param close Closes, ascending by date.
 * @param n Period (>= 1); the first defined index is n.
 * @returns RSI in [0, 100]; NaN for t < n.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rsiWilder } from "./oscillators.ts";
 * const r = rsiWilder(new Float64Array([1, 2, 3, 2]), 2);
 * assert.equal(r[2], 100); // two gains, no loss
 * assert.equal(r[3], 100 - 100 / (1 + 0.5 / 0.5));
 * ```
 */
export function rsiWilder(close: Float64Array, n: number): Float64Array {
  checkPeriod(n, "RSI");
  const len = close.length;
  const gains = new Float64Array(len).fill(NaN);
  const losses = new Float64Array(len).fill(NaN);
  for (let t = 1; t < len; t++) {
    const d = close[t] - close[t - 1];
    gains[t] = d > 0 ? d : 0;
    losses[t] = d < 0 ? -d : 0;
  }
  const g = wilderSmooth(gains, n), l = wilderSmooth(losses, n);
  return g.map((gt, t) =>
    Number.isNaN(gt) ? NaN : l[t] === 0 ? 100 : 100 - 100 / (1 + gt / l[t])
  );
}

/**
 * MACD histogram scaled by price (bench SPEC W1 `macd_hist`):
 * `(EMA12 - EMA26 - EMA9(EMA12 - EMA26)) / close[t]`, every EMA with `alpha = 2/(n+1)`
 * and seeded with its first input (the first close; the signal with the first MACD value, 0).
 * Defined from index 0 (the seed makes early values a warm-up, not missing).
 *
 * @param close Closes, ascending by date.
 * @returns Histogram as a fraction of price.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { macdHist } from "./oscillators.ts";
 * assert.deepEqual([...macdHist(new Float64Array([5, 5, 5]))], [0, 0, 0]);
 * ```
 */
export function macdHist(close: Float64Array): Float64Array {
  const n = close.length, out = new Float64Array(n);
  if (n === 0) return out;
  const a12 = 2 / 13, a26 = 2 / 27, a9 = 2 / 10;
  let e12 = close[0], e26 = close[0], sig = 0;
  for (let t = 0; t < n; t++) {
    const c = close[t];
    if (t > 0) {
      e12 = a12 * c + (1 - a12) * e12;
      e26 = a26 * c + (1 - a26) * e26;
    }
    const macd = e12 - e26;
    sig = t === 0 ? macd : a9 * macd + (1 - a9) * sig;
    out[t] = (macd - sig) / c;
  }
  return out;
}

/**
 * Wilder ATR over n bars, normalised by the close (`atr_14`): true range
 * `TR[t] = max(h-l, |h-c[t-1]|, |l-c[t-1]|)` for t >= 1, seeded at t = n with the mean of
 * `TR[1..n]`, then `atr = (atr*(n-1) + TR)/n`; the value is `atr[t] / close[t]`
 * (a fraction of price, comparable across price levels).
 *
 * @param high Highs.
 * @param low Lows.
 * @param close Closes.
 * @param n Period (>= 1); the first defined index is n.
 * @returns ATR / close; NaN for t < n.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { atrNormalised } from "./oscillators.ts";
 * const h = new Float64Array([11, 12, 14]), l = new Float64Array([9, 10, 11]);
 * const a = atrNormalised(h, l, new Float64Array([10, 11, 12]), 2);
 * assert.equal(a[2], ((2 + 3) / 2) / 12); // TR = 2, 3
 * ```
 */
export function atrNormalised(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  n: number,
): Float64Array {
  checkPeriod(n, "ATR");
  return atr({ high, low, close }, n).map((a, t) => a / close[t]);
}
