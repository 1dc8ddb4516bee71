/**
 * Volatility regimes from a causal rolling volatility and its own trailing percentile.
 *
 * @module
 */

/** Options of {@linkcode volatilityRegime}. */
export interface VolRegimeOptions {
  /** Window of the rolling volatility (sample std). @default 21 */
  readonly windowDays?: number;
  /** Trailing history the percentile rank is taken over (includes t). @default 252 */
  readonly lookbackDays?: number;
  /** Rank at or below which the regime is "low" (0). @default 0.2 */
  readonly lowPercentile?: number;
  /** Rank at or above which the regime is "high" (2). @default 0.8 */
  readonly highPercentile?: number;
}

/**
 * Label each bar low (0), normal (1) or high (2) volatility: the rolling std of returns
 * (t - windowDays, t] is ranked against the rolling stds of the last `lookbackDays`
 * bars (fraction of them that are <= it). Uses data <= t only. -1 while fewer than
 * `lookbackDays` volatilities exist (warm-up) or the return window holds NaN.
 *
 * @param returns Daily returns.
 * @param options Windows and percentile thresholds.
 * @returns Labels (Int8Array, -1 unknown).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { volatilityRegime } from "./vol_regime.ts";
 * const r = Float64Array.from({ length: 120 }, (_, t) => (t < 100 ? 0.01 : 0.05) * (t % 2 ? 1 : -1));
 * const l = volatilityRegime(r, { windowDays: 5, lookbackDays: 50 });
 * assert.equal(l[10], -1);
 * assert.equal(l[119], 2);
 * ```
 */
export function volatilityRegime(
  returns: ArrayLike<number>,
  options: VolRegimeOptions = {},
): Int8Array {
  const w = options.windowDays ?? 21;
  const L = options.lookbackDays ?? 252;
  const lo = options.lowPercentile ?? 0.2, hi = options.highPercentile ?? 0.8;
  if (!(Number.isInteger(w) && w >= 2 && Number.isInteger(L) && L >= 2)) {
    throw new RangeError(
      `Windows must be integers >= 2, got windowDays ${w} and lookbackDays ${L}`,
    );
  }
  if (!(lo >= 0 && lo < hi && hi <= 1)) {
    throw new RangeError(
      `Percentiles must satisfy 0 <= low < high <= 1, got ${lo} and ${hi}`,
    );
  }
  const n = returns.length;
  const vol = new Float64Array(n).fill(NaN);
  let s = 0, ss = 0, bad = 0;
  for (let t = 0; t < n; t++) {
    const r = returns[t];
    if (Number.isFinite(r)) {
      s += r;
      ss += r * r;
    } else bad++;
    if (t >= w) {
      const o = returns[t - w];
      if (Number.isFinite(o)) {
        s -= o;
        ss -= o * o;
      } else bad--;
    }
    if (t >= w - 1 && bad === 0) {
      vol[t] = Math.sqrt(Math.max(0, (ss - s * s / w) / (w - 1)));
    }
  }
  const out = new Int8Array(n).fill(-1);
  for (let t = L - 1; t < n; t++) {
    if (Number.isNaN(vol[t])) continue;
    let le = 0, ok = true;
    for (let i = t - L + 1; i <= t; i++) {
      if (Number.isNaN(vol[i])) {
        ok = false;
        break;
      }
      if (vol[i] <= vol[t]) le++;
    }
    if (!ok) continue;
    const rank = le / L;
    out[t] = rank <= lo ? 0 : rank >= hi ? 2 : 1;
  }
  return out;
}
