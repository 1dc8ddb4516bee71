/**
 * Distance-from-average features: SMA distance, rolling z-score, distance from the high.
 *
 * @module
 */
import { rollingExtreme, rollingMean, rollingStd } from "./rolling.ts";

/**
 * Distance from the trailing simple moving average, `close[t] / SMA_k[t] - 1`
 * (bench SPEC W1 `dist_sma50`, `dist_sma200`).
 *
 * @param close Closes.
 * @param k Window (>= 1); the first defined index is k-1.
 * @returns Fractional distance; NaN for t < k-1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { distSma } from "./bands.ts";
 * assert.equal(distSma(new Float64Array([1, 3]), 2)[1], 0.5); // 3 / 2 - 1
 * ```
 */
export function distSma(close: Float64Array, k: number): Float64Array {
  const out = rollingMean(close, k);
  for (let t = 0; t < out.length; t++) out[t] = close[t] / out[t] - 1;
  return out;
}

/**
 * Rolling z-score `(x[t] - mean_k[t]) / std_k[t]` over `x[t-k+1..t]` with the sample std
 * (ddof 1): `vol_z20` on volume (bench SPEC W1), `bb_z20` (Bollinger z) on the close.
 * NaN where the window is constant (std 0: the z-score is undefined).
 *
 * @param x Input series.
 * @param k Window (>= 2); the first defined index is k-1.
 * @returns z-scores; NaN for t < k-1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingZScore } from "./bands.ts";
 * assert.equal(rollingZScore(new Float64Array([1, 2, 3]), 3)[2], 1); // (3 - 2) / 1
 * ```
 */
export function rollingZScore(x: Float64Array, k: number): Float64Array {
  const sd = rollingStd(x, k), out = rollingMean(x, k);
  for (let t = 0; t < out.length; t++) {
    out[t] = sd[t] > 0 ? (x[t] - out[t]) / sd[t] : NaN;
  }
  return out;
}

/**
 * Distance from the trailing high, `close[t] / max(high[t-k+1..t]) - 1` (`dist_high252`):
 * 0 at a new high, negative below it.
 *
 * @param close Closes.
 * @param high Highs.
 * @param k Window (>= 1); the first defined index is k-1.
 * @returns Fractional distance (<= 0 for consistent bars); NaN for t < k-1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { distHigh } from "./bands.ts";
 * const d = distHigh(new Float64Array([9, 5]), new Float64Array([10, 6]), 2);
 * assert.equal(d[1], -0.5);
 * ```
 */
export function distHigh(
  close: Float64Array,
  high: Float64Array,
  k: number,
): Float64Array {
  const out = rollingExtreme(high, k, 1);
  for (let t = 0; t < out.length; t++) out[t] = close[t] / out[t] - 1;
  return out;
}
