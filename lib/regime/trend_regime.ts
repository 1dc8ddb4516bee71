/**
 * Trend regimes from price versus its simple moving average and the SMA's slope.
 *
 * @module
 */

/** Options of {@linkcode trendRegime}. */
export interface TrendRegimeOptions {
  /** SMA length. @default 200 */
  readonly smaDays?: number;
  /** Slope = SMA_t - SMA_{t - slopeDays}. @default 20 */
  readonly slopeDays?: number;
}

/**
 * Label each bar down (0), sideways (1) or up (2): up when close > SMA and the SMA
 * rises over `slopeDays`, down when close < SMA and it falls, sideways otherwise.
 * Uses closes <= t; -1 during warm-up (smaDays + slopeDays - 1 bars) or on NaN.
 *
 * @param close Close prices.
 * @param options SMA and slope lengths.
 * @returns Labels (Int8Array).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { trendRegime } from "./trend_regime.ts";
 * const up = Float64Array.from({ length: 30 }, (_, t) => 100 + t);
 * const l = trendRegime(up, { smaDays: 10, slopeDays: 5 });
 * assert.equal(l[13], -1);
 * assert.equal(l[14], 2);
 * ```
 */
export function trendRegime(
  close: ArrayLike<number>,
  options: TrendRegimeOptions = {},
): Int8Array {
  const L = options.smaDays ?? 200, k = options.slopeDays ?? 20;
  if (!(Number.isInteger(L) && L >= 2 && Number.isInteger(k) && k >= 1)) {
    throw new RangeError(
      `Expected smaDays >= 2 and slopeDays >= 1 (integers), got ${L} and ${k}`,
    );
  }
  const n = close.length;
  const sma = new Float64Array(n).fill(NaN);
  let s = 0, bad = 0;
  for (let t = 0; t < n; t++) {
    if (Number.isFinite(close[t])) s += close[t];
    else bad++;
    if (t >= L) {
      if (Number.isFinite(close[t - L])) s -= close[t - L];
      else bad--;
    }
    if (t >= L - 1 && bad === 0) sma[t] = s / L;
  }
  const out = new Int8Array(n).fill(-1);
  for (let t = L - 1 + k; t < n; t++) {
    const m = sma[t], slope = m - sma[t - k], c = close[t];
    if (!Number.isFinite(slope) || !Number.isFinite(c)) continue;
    out[t] = c > m && slope > 0 ? 2 : c < m && slope < 0 ? 0 : 1;
  }
  return out;
}
