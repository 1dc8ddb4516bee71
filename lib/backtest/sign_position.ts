/**
 * Signal -> position: the sign of the signal.
 *
 * @module
 */

/**
 * `p[t] = sign(signal[t])`: +1, -1, or 0 where the signal is exactly 0 or NaN.
 *
 * @param signal A forecast or score per day (value at t uses data <= t).
 * @returns Positions in {-1, 0, 1}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { signPosition } from "./sign_position.ts";
 * assert.deepEqual(Array.from(signPosition(new Float64Array([0.2, -1e-9, 0, NaN]))), [1, -1, 0, 0]);
 * ```
 */
export function signPosition(signal: Float64Array): Float64Array {
  const out = new Float64Array(signal.length);
  for (let t = 0; t < signal.length; t++) {
    const s = signal[t];
    out[t] = s > 0 ? 1 : s < 0 ? -1 : 0;
  }
  return out;
}
