/**
 * Per-period drawdown (empyrical `drawdown_series`).
 *
 * @module
 */
import { assertSeries } from "./_validate.ts";

/**
 * Drawdown at every period: dd[t] = V[t] / max(V[0..t], 1) - 1 <= 0, where
 * V[t] = prod_{i<=t} (1 + r[i]) is the value of 1 invested before the first period,
 * so the starting value counts as a peak (a first-day loss is a drawdown). NaN returns
 * compound as 0. Drawdowns are NEGATIVE fractions (-0.25 = 25 % below the peak); 0 at a
 * new high. The value at t uses returns up to t.
 *
 * @param returns Simple returns per period.
 * @returns A new array of the same length.
 * @see empyrical.stats.drawdown_series
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawdownSeries } from "./drawdown_series.ts";
 * const dd = drawdownSeries(new Float64Array([-0.5, 1, 0.5]));
 * assert.deepEqual(Array.from(dd), [-0.5, 0, 0]);
 * ```
 */
export function drawdownSeries(returns: Float64Array): Float64Array {
  assertSeries(returns, "returns");
  return _drawdownSeries(returns, 0, returns.length);
}

/** Drawdowns of returns[from..to) (trusting kernel, never mutates its input). */
export function _drawdownSeries(
  returns: Float64Array,
  from: number,
  to: number,
): Float64Array {
  const out = new Float64Array(to - from);
  let g = 1, peak = 100;
  for (let i = from; i < to; i++) {
    const r = returns[i];
    if (!Number.isNaN(r)) g *= 1 + r;
    const v = g * 100;
    if (v > peak) peak = v;
    out[i - from] = (v - peak) / peak;
  }
  return out;
}

/** Minimum drawdown of returns[from..to) (trusting kernel); NaN when empty. */
export function _maxDrawdown(
  returns: Float64Array,
  from: number,
  to: number,
): number {
  if (to <= from) return NaN;
  let g = 1, peak = 100, worst = 0;
  for (let i = from; i < to; i++) {
    const r = returns[i];
    if (!Number.isNaN(r)) g *= 1 + r;
    const v = g * 100;
    if (v > peak) peak = v;
    const dd = (v - peak) / peak;
    if (dd < worst) worst = dd;
  }
  return worst;
}
