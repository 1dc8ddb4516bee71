/**
 * Mean-reversion on the z-score of price against its rolling mean.
 *
 * @module
 */
import { rollingMeanStd } from "./_rolling.ts";

/** Options of {@linkcode zScorePositions}. */
export interface ZScoreOptions {
  /** Rolling window of mean and std, bars. @default 20 */
  readonly windowDays?: number;
  /** Enter when |z| > entryZ. @default 2 */
  readonly entryZ?: number;
  /** Exit a long when z >= -exitZ, a short when z <= exitZ. @default 0.5 */
  readonly exitZ?: number;
  /** Allow shorts (z > entryZ). @default true */
  readonly longShort?: boolean;
}

/**
 * z_t = (close_t - mean_w) / std_w (trailing, sample std); flat -> long when
 * z < -entryZ, short when z > entryZ; long exits at z >= -exitZ, short at z <= exitZ.
 * Stateful but causal: the state at t depends on z_0..z_t only. NaN z -> flat.
 *
 * @param close Closing prices.
 * @param options Window and bands.
 * @returns Positions in {-1, 0, 1}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { zScorePositions } from "./zscore.ts";
 * const c = new Float64Array([10, 10.1, 9.9, 10, 8, 9, 10.2]);
 * const p = zScorePositions(c, { windowDays: 4, entryZ: 1, exitZ: 0 });
 * assert.deepEqual([...p], [0, 0, 0, 0, 1, 1, 0]);
 * ```
 */
export function zScorePositions(
  close: Float64Array,
  options: ZScoreOptions = {},
): Float64Array {
  const w = options.windowDays ?? 20, entry = options.entryZ ?? 2;
  const exit = options.exitZ ?? 0.5, longShort = options.longShort ?? true;
  if (!(w >= 2) || !(entry > 0) || !(exit < entry)) {
    throw new RangeError(
      `zScorePositions needs windowDays >= 2 and exitZ < entryZ, got ${w}, ${exit}, ${entry}`,
    );
  }
  const { mean, std } = rollingMeanStd(close, w);
  const out = new Float64Array(close.length);
  let s = 0;
  for (let t = 0; t < close.length; t++) {
    const z = std[t] > 0 ? (close[t] - mean[t]) / std[t] : NaN;
    if (!Number.isFinite(z)) s = 0;
    else if (s === 1 && z >= -exit) s = 0;
    else if (s === -1 && z <= exit) s = 0;
    if (s === 0 && Number.isFinite(z)) {
      if (z < -entry) s = 1;
      else if (z > entry && longShort) s = -1;
    }
    out[t] = s;
  }
  return out;
}
