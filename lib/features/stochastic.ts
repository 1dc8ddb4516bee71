/**
 * The stochastic oscillator in TA-Lib's convention.
 *
 * @module
 */
import { rollingExtreme, rollingMean } from "./rolling.ts";
import { checkHlc, checkPeriod, type HighLowClose } from "./_check.ts";

/** Options of {@linkcode stochastic}. */
export interface StochasticOptions {
  /** Window of the highest high / lowest low (TA-Lib fastK_Period). @default 5 */
  readonly kPeriod?: number;
  /** SMA smoothing of the raw %K into slow %K (TA-Lib slowK_Period; 1 = fast stochastic). @default 3 */
  readonly kSmoothing?: number;
  /** SMA period of %D over slow %K (TA-Lib slowD_Period). @default 3 */
  readonly dPeriod?: number;
}

/** Slow %K and %D. */
export interface Stochastic {
  readonly k: Float64Array;
  readonly d: Float64Array;
}

/**
 * Stochastic oscillator as TA-Lib's `TA_STOCH` with SMA smoothing: raw
 * `%K = 100 (close - LL) / (HH - LL)` over the last kPeriod bars (0 where HH = LL, as
 * TA-Lib; the `stoch_k14` feature uses 50 there), slow %K = SMA_kSmoothing(raw %K),
 * %D = SMA_dPeriod(slow %K). Both outputs are NaN before index
 * kPeriod + kSmoothing + dPeriod - 3, where TA-Lib's output begins.
 *
 * @param bars High, low and close columns of equal length (a `Bars` fits).
 * @param options Periods (default 5, 3, 3: TA-Lib's).
 * @returns Frozen `{ k, d }` in [0, 100] for consistent bars.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stochastic } from "./stochastic.ts";
 * const s = stochastic({
 *   high: new Float64Array([10, 12, 12]), low: new Float64Array([8, 9, 10]),
 *   close: new Float64Array([9, 11, 12]),
 * }, { kPeriod: 2, kSmoothing: 1, dPeriod: 1 });
 * assert.deepEqual([...s.k], [NaN, 75, 100]); // (11 - 8) / (12 - 8), (12 - 9) / (12 - 9)
 * ```
 */
export function stochastic(
  bars: HighLowClose,
  options: StochasticOptions = {},
): Stochastic {
  const len = checkHlc(bars, "the stochastic oscillator");
  const kp = options.kPeriod ?? 5, ks = options.kSmoothing ?? 3;
  const dp = options.dPeriod ?? 3;
  checkPeriod(kp, "the stochastic oscillator (kPeriod)");
  checkPeriod(ks, "the stochastic oscillator (kSmoothing)");
  checkPeriod(dp, "the stochastic oscillator (dPeriod)");
  const hh = rollingExtreme(bars.high, kp, 1);
  const ll = rollingExtreme(bars.low, kp, -1);
  const raw = new Float64Array(len).fill(NaN);
  for (let t = kp - 1; t < len; t++) {
    const range = hh[t] - ll[t];
    raw[t] = range === 0 ? 0 : (100 * (bars.close[t] - ll[t])) / range;
  }
  const slowK = rollingMean(raw.subarray(kp - 1), ks);
  const d = rollingMean(slowK, dp);
  const k = new Float64Array(len).fill(NaN);
  const dOut = new Float64Array(len).fill(NaN);
  const first = ks + dp - 2;
  for (let i = first; i < d.length; i++) {
    k[kp - 1 + i] = slowK[i];
    dOut[kp - 1 + i] = d[i];
  }
  return Object.freeze({ k, d: dOut });
}
