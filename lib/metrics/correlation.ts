/**
 * Pearson correlation of a strategy's returns with a benchmark's.
 *
 * @module
 */
import { assertSameLength, assertSeries } from "./_validate.ts";

/**
 * Pearson correlation of `returns` and `factorReturns` over the rows where both are
 * finite: sum (a - mean a)(b - mean b) / sqrt(sum (a - mean a)^2 sum (b - mean b)^2).
 * NaN with fewer than 2 such rows or when either side is constant.
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @returns The correlation, in [-1, 1].
 * @see numpy.corrcoef
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { correlation } from "./correlation.ts";
 * const f = new Float64Array([0.01, -0.02, 0.03, NaN]);
 * assert.ok(Math.abs(correlation(f.map((v) => 2 * v + 0.001), f) - 1) < 1e-12);
 * ```
 */
export function correlation(
  returns: Float64Array,
  factorReturns: Float64Array,
): number {
  assertSeries(returns, "returns");
  assertSeries(factorReturns, "factorReturns");
  assertSameLength(returns, factorReturns);
  let n = 0, ma = 0, mb = 0;
  for (let i = 0; i < returns.length; i++) {
    const a = returns[i], b = factorReturns[i];
    if (Number.isFinite(a) && Number.isFinite(b)) {
      n++;
      ma += a;
      mb += b;
    }
  }
  if (n < 2) return NaN;
  ma /= n;
  mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < returns.length; i++) {
    const a = returns[i], b = factorReturns[i];
    if (!(Number.isFinite(a) && Number.isFinite(b))) continue;
    sab += (a - ma) * (b - mb);
    saa += (a - ma) ** 2;
    sbb += (b - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}
