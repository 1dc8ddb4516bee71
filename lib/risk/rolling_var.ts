/**
 * Out-of-sample VaR forecasts over a trailing window.
 *
 * @module
 */
import { valueAtRisk, type VarOptions } from "./value_at_risk.ts";

/** Options of {@linkcode rollingVar}. */
export interface RollingVarOptions extends VarOptions {
  /** Trailing window in trading days (>= 2). @default 250 */
  readonly window?: number;
}

/**
 * Rolling one-step-ahead VaR: out[t] is the VaR for day t computed from returns
 * t - window .. t - 1 only (never day t itself), so comparing out[t] with returns[t] is
 * an honest out-of-sample test. NaN for t < window. Losses positive.
 *
 * @param returns Daily simple returns.
 * @param options Method, confidence, horizon (see `valueAtRisk`) and window.
 * @returns VaR forecast per day.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingVar } from "./rolling_var.ts";
 * const r = Float64Array.from({ length: 30 }, (_, i) => ((i * 7) % 11 - 5) / 100);
 * const v = rollingVar(r, { method: "normal", window: 20, confidence: 0.95 });
 * assert.ok(Number.isNaN(v[19]) && Number.isFinite(v[20]));
 * ```
 */
export function rollingVar(
  returns: ArrayLike<number>,
  options: RollingVarOptions = {},
): Float64Array {
  const window = options.window ?? 250;
  if (!(Number.isInteger(window) && window >= 2)) {
    throw new RangeError(`Window must be an integer >= 2, got ${window}`);
  }
  const n = returns.length;
  const out = new Float64Array(n).fill(NaN);
  const buf = Float64Array.from(returns);
  for (let t = window; t < n; t++) {
    out[t] =
      valueAtRisk(buf.subarray(t - window, t), { ...options, cvar: false }).var;
  }
  return out;
}
