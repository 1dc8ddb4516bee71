/**
 * Signal -> position proportional to the signal, capped.
 *
 * @module
 */

/** Options of {@linkcode proportionalPosition}. */
export interface ProportionalPositionOptions {
  /** Position per unit of signal. */
  readonly scale: number;
  /** Largest absolute position. @default 1 */
  readonly cap?: number;
}

/**
 * `p[t] = clamp(scale * signal[t], -cap, cap)`; NaN gives 0.
 *
 * @param signal Forecast per day.
 * @param options Scale and cap.
 * @returns Positions in [-cap, cap].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { proportionalPosition } from "./proportional_position.ts";
 * const p = proportionalPosition(new Float64Array([0.001, -0.01]), { scale: 500 });
 * assert.deepEqual(Array.from(p), [0.5, -1]);
 * ```
 */
export function proportionalPosition(
  signal: Float64Array,
  options: ProportionalPositionOptions,
): Float64Array {
  const { scale } = options;
  const cap = options.cap ?? 1;
  if (!Number.isFinite(scale) || !(cap >= 0)) {
    throw new RangeError(
      `Scale must be finite and cap >= 0, got ${scale} and ${cap}`,
    );
  }
  const out = new Float64Array(signal.length);
  for (let t = 0; t < signal.length; t++) {
    const v = scale * signal[t];
    out[t] = v !== v ? 0 : v > cap ? cap : v < -cap ? -cap : v;
  }
  return out;
}
