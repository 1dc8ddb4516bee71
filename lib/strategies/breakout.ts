/**
 * Donchian-channel breakout positions.
 *
 * @module
 */
import { rollingExtreme } from "./_rolling.ts";

/** Options of {@linkcode breakoutPositions}. */
export interface BreakoutOptions {
  /** Entry channel N: prior N-bar high (low for shorts). @default 55 */
  readonly entryDays?: number;
  /** Exit channel M: prior M-bar low (high for shorts). @default 20 */
  readonly exitDays?: number;
  /** Allow short breakouts. @default false */
  readonly longShort?: boolean;
}

/**
 * Long when close_t > max(high_{t-N..t-1}); a long exits when close_t < min(low_{t-M..t-1}).
 * With longShort, short when close_t < min(low_{t-N..t-1}), exit above max(high_{t-M..t-1}).
 * The channels exclude bar t, so the rule uses data <= t.
 *
 * @param high Highs.
 * @param low Lows.
 * @param close Closes.
 * @param options Channel lengths.
 * @returns Positions in {-1, 0, 1}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { breakoutPositions } from "./breakout.ts";
 * const c = new Float64Array([2, 3, 2, 4, 3, 1]);
 * const p = breakoutPositions(c, c, c, { entryDays: 2, exitDays: 2 });
 * assert.deepEqual([...p], [0, 0, 0, 1, 1, 0]);
 * ```
 */
export function breakoutPositions(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  options: BreakoutOptions = {},
): Float64Array {
  const nE = options.entryDays ?? 55, nX = options.exitDays ?? 20;
  if (!(nE >= 1) || !(nX >= 1)) {
    throw new RangeError(
      `breakoutPositions needs entryDays, exitDays >= 1, got ${nE}, ${nX}`,
    );
  }
  const hiE = rollingExtreme(high, nE, "max"),
    loE = rollingExtreme(low, nE, "min");
  const hiX = rollingExtreme(high, nX, "max"),
    loX = rollingExtreme(low, nX, "min");
  const out = new Float64Array(close.length);
  let s = 0;
  for (let t = 1; t < close.length; t++) {
    const c = close[t];
    if (s === 1 && !(c >= loX[t - 1])) s = 0;
    else if (s === -1 && !(c <= hiX[t - 1])) s = 0;
    if (s === 0) {
      if (c > hiE[t - 1]) s = 1;
      else if (options.longShort && c < loE[t - 1]) s = -1;
    }
    out[t] = s;
  }
  return out;
}
