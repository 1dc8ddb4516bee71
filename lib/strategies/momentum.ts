/**
 * Time-series momentum positions.
 *
 * @module
 */

/** Options of {@linkcode momentumPositions}. */
export interface MomentumOptions {
  /** Trailing return horizon k, bars. @default 252 */
  readonly lookbackDays?: number;
  /** Skip the most recent s bars (21 = skip-month). @default 0 */
  readonly skipDays?: number;
  /** "sign": +-1; "scaled": clamp(r_k / (sigma_daily sqrt(k)), -1, 1). @default "sign" */
  readonly mode?: "sign" | "scaled";
  /** Allow short positions. @default true */
  readonly longShort?: boolean;
}

/**
 * Time-series momentum: r_t = close[t - s] / close[t - s - k] - 1; position sign(r_t) or
 * its volatility-scaled version (sigma = sample std of daily simple returns over the same
 * k bars). 0 until k + s bars exist or when a needed close is NaN. Uses data <= t.
 *
 * @param close Closing prices.
 * @param options Horizon, skip, mode.
 * @returns Target positions in [-1, 1].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { momentumPositions } from "./momentum.ts";
 * const p = momentumPositions(new Float64Array([1, 2, 3, 2, 1]), { lookbackDays: 2 });
 * assert.deepEqual([...p], [0, 0, 1, 0, -1]);
 * ```
 */
export function momentumPositions(
  close: Float64Array,
  options: MomentumOptions = {},
): Float64Array {
  const k = options.lookbackDays ?? 252, s = options.skipDays ?? 0;
  if (!(k >= 1) || !(s >= 0)) {
    throw new RangeError(
      `momentumPositions needs lookbackDays >= 1 and skipDays >= 0, got ${k}, ${s}`,
    );
  }
  const scaled = (options.mode ?? "sign") === "scaled";
  const longShort = options.longShort ?? true;
  const n = close.length;
  const out = new Float64Array(n);
  // prefix sums of daily returns for the scaled mode
  const s1 = new Float64Array(n + 1), s2 = new Float64Array(n + 1);
  for (let t = 1; t <= n; t++) {
    const r = t >= 2 ? close[t - 1] / close[t - 2] - 1 : 0;
    const v = Number.isFinite(r) ? r : 0;
    s1[t] = s1[t - 1] + v;
    s2[t] = s2[t - 1] + v * v;
  }
  for (let t = k + s; t < n; t++) {
    const r = close[t - s] / close[t - s - k] - 1;
    if (!Number.isFinite(r)) continue;
    let p = Math.sign(r);
    if (scaled && k >= 2) {
      const lo = t - s - k + 1, hi = t - s; // returns at lo..hi
      const a = s1[hi + 1] - s1[lo], b = s2[hi + 1] - s2[lo];
      const sd = Math.sqrt(Math.max(0, (b - (a * a) / k) / (k - 1)));
      p = sd > 0 ? Math.max(-1, Math.min(1, r / (sd * Math.sqrt(k)))) : p;
    }
    out[t] = longShort ? p : Math.max(0, p);
  }
  return out;
}
