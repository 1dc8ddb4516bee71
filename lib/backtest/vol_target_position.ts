/**
 * Signal -> position sized to a target annualised volatility.
 *
 * @module
 */

/** Options of {@linkcode volTargetPosition}. */
export interface VolTargetPositionOptions {
  /** Target annualised volatility, e.g. 0.1 for 10%. */
  readonly targetVolAnnual: number;
  /** Trailing window of daily returns for the volatility estimate. @default 20 */
  readonly windowDays?: number;
  /** Largest absolute position (leverage cap). @default 1 */
  readonly cap?: number;
}

/**
 * `p[t] = sign(signal[t]) * min(cap, targetVolAnnual / (sd_t * sqrt(252)))`, where `sd_t`
 * is the sample std (n-1) of `returns[t-windowDays+1..t]`. `returns[t]` must be known at
 * t's close (e.g. the log return from t-1 to t), so the value at t uses data <= t. 0 until
 * the window is full, when the window holds a NaN, and where the signal is 0 or NaN;
 * `cap` when the trailing std is 0.
 *
 * @param signal Forecast per day (only its sign is used).
 * @param returns Daily returns ending at each day (same length).
 * @param options Target, window, cap.
 * @returns Positions in [-cap, cap].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { volTargetPosition } from "./vol_target_position.ts";
 * const r = new Float64Array([0.01, -0.01, 0.01, -0.01]);
 * const p = volTargetPosition(new Float64Array([1, 1, 1, -1]), r, { targetVolAnnual: 0.05, windowDays: 2, cap: 2 });
 * assert.equal(p[0], 0);
 * assert.ok(Math.abs(p[3] + 0.05 / (Math.sqrt(0.0002) * Math.sqrt(252))) < 1e-12);
 * ```
 */
export function volTargetPosition(
  signal: Float64Array,
  returns: Float64Array,
  options: VolTargetPositionOptions,
): Float64Array {
  const { targetVolAnnual } = options;
  const w = options.windowDays ?? 20, cap = options.cap ?? 1;
  const n = signal.length;
  if (returns.length !== n) {
    throw new RangeError(
      `Vol targeting needs one return per signal: ${n} signals, got ${returns.length} returns`,
    );
  }
  if (!(targetVolAnnual > 0) || !Number.isInteger(w) || w < 2 || !(cap >= 0)) {
    throw new RangeError(
      `Vol targeting needs targetVolAnnual > 0, integer windowDays >= 2 and cap >= 0, got ${targetVolAnnual}, ${w}, ${cap}`,
    );
  }
  const out = new Float64Array(n);
  for (let t = w - 1; t < n; t++) {
    const s = signal[t];
    if (!(s > 0 || s < 0)) continue;
    let m = 0;
    for (let k = t - w + 1; k <= t; k++) m += returns[k];
    m /= w;
    let ss = 0;
    for (let k = t - w + 1; k <= t; k++) ss += (returns[k] - m) ** 2;
    const sd = Math.sqrt(ss / (w - 1));
    if (sd !== sd) continue;
    const size = sd > 0
      ? Math.min(cap, targetVolAnnual / (sd * Math.sqrt(252)))
      : cap;
    out[t] = s > 0 ? size : -size;
  }
  return out;
}
