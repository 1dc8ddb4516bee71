/**
 * Moving-average crossover positions.
 *
 * @module
 */
import { rollingMeanStd } from "./_rolling.ts";

/** Options of {@linkcode maCrossoverPositions}. */
export interface MaCrossoverOptions {
  /** Fast simple moving average window, bars. @default 50 */
  readonly fastDays?: number;
  /** Slow simple moving average window, bars (> fastDays). @default 200 */
  readonly slowDays?: number;
  /** -1 when fast < slow (else flat). @default false */
  readonly longShort?: boolean;
}

/**
 * +1 when SMA_fast(t) > SMA_slow(t), else 0 (or -1 when longShort); 0 until the slow
 * average exists. Trailing simple averages of closes <= t.
 *
 * @param close Closing prices.
 * @param options Windows and direction.
 * @returns Positions in {-1, 0, 1}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maCrossoverPositions } from "./ma_crossover.ts";
 * const p = maCrossoverPositions(new Float64Array([3, 2, 1, 2, 3]), { fastDays: 1, slowDays: 3 });
 * assert.deepEqual([...p], [0, 0, 0, 1, 1]);
 * ```
 */
export function maCrossoverPositions(
  close: Float64Array,
  options: MaCrossoverOptions = {},
): Float64Array {
  const f = options.fastDays ?? 50, s = options.slowDays ?? 200;
  if (!(f >= 1) || !(s > f)) {
    throw new RangeError(
      `maCrossoverPositions needs 1 <= fastDays < slowDays, got ${f}, ${s}`,
    );
  }
  const fast = f === 1 ? close : rollingMeanStd(close, f).mean;
  const slow = rollingMeanStd(close, s).mean;
  const short = options.longShort ? -1 : 0;
  const out = new Float64Array(close.length);
  for (let t = 0; t < close.length; t++) {
    if (!Number.isFinite(fast[t]) || !Number.isFinite(slow[t])) continue;
    out[t] = fast[t] > slow[t] ? 1 : short;
  }
  return out;
}
