/**
 * Minimal statistics for the ensemble kernel (private; lib/metrics owns the public ones).
 *
 * @module
 */

/**
 * Mean and sample standard deviation (n - 1) of x[from..to), NaN skipped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanStd } from "./_stats.ts";
 * assert.deepEqual(meanStd(new Float64Array([1, 2, 3]), 0, 3), { mean: 2, std: 1, n: 3 });
 * ```
 */
export function meanStd(
  x: Float64Array,
  from = 0,
  to: number = x.length,
): { mean: number; std: number; n: number } {
  let n = 0, s = 0;
  for (let i = from; i < to; i++) if (Number.isFinite(x[i])) (n++, s += x[i]);
  const mean = n ? s / n : NaN;
  let ss = 0;
  for (let i = from; i < to; i++) {
    if (Number.isFinite(x[i])) ss += (x[i] - mean) ** 2;
  }
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, n };
}

/**
 * Annualised Sharpe ratio mean / std(n-1) * sqrt(252) of daily returns (risk-free 0);
 * NaN when std is 0 or fewer than 2 values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sharpe } from "./_stats.ts";
 * assert.ok(Math.abs(sharpe(new Float64Array([0.01, -0.01, 0.02])) - Math.sqrt(252) * (0.02 / 3) / Math.sqrt(0.00023333333333333333)) < 1e-9);
 * ```
 */
export function sharpe(
  x: Float64Array,
  from = 0,
  to: number = x.length,
): number {
  const { mean, std } = meanStd(x, from, to);
  return std > 0 ? (mean / std) * Math.sqrt(252) : NaN;
}
