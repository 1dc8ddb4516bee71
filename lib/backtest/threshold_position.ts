/**
 * Signal -> position with a dead band: flat while the signal is inside the band.
 *
 * @module
 */

/** Options of {@linkcode thresholdPosition}. */
export interface ThresholdPositionOptions {
  /** Half-width of the flat band around `center` (>= 0). */
  readonly threshold: number;
  /** Centre of the band. @default 0 */
  readonly center?: number;
  /** Never go short (a signal below the band gives 0). @default false */
  readonly longOnly?: boolean;
}

/**
 * `p[t] = +1` if `signal[t] > center + threshold`, `-1` if `signal[t] < center - threshold`
 * (0 when `longOnly`), else 0 (also for NaN).
 *
 * @param signal Forecast per day.
 * @param options Band half-width, centre, long-only.
 * @returns Positions in {-1, 0, 1}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { thresholdPosition } from "./threshold_position.ts";
 * const p = thresholdPosition(new Float64Array([0.5, 0.1, -0.5]), { threshold: 0.2 });
 * assert.deepEqual(Array.from(p), [1, 0, -1]);
 * ```
 */
export function thresholdPosition(
  signal: Float64Array,
  options: ThresholdPositionOptions,
): Float64Array {
  const { threshold } = options;
  const center = options.center ?? 0;
  if (!(threshold >= 0) || !Number.isFinite(center)) {
    throw new RangeError(
      `Threshold must be >= 0 and center finite, got ${threshold} and ${center}`,
    );
  }
  const short = options.longOnly ? 0 : -1;
  const out = new Float64Array(signal.length);
  for (let t = 0; t < signal.length; t++) {
    const s = signal[t];
    out[t] = s > center + threshold ? 1 : s < center - threshold ? short : 0;
  }
  return out;
}
