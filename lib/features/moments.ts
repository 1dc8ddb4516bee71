/**
 * Rolling higher moments (skewness, excess kurtosis), two-pass per window.
 *
 * Bias convention: the sample-adjusted estimators of pandas' `rolling().skew()/.kurt()`
 * (Fisher-Pearson G1 and the unbiased excess kurtosis G2), from the central moments
 * `m_j = mean((x - mean)^j)` of the window:
 * `G1 = m3 / m2^1.5 * sqrt(k(k-1)) / (k-2)`,
 * `G2 = ((k+1) (m4/m2^2 - 3) + 6) (k-1) / ((k-2)(k-3))`. NaN for a constant window.
 *
 * @module
 */
import { centralMoments } from "../_shared/central_moments.ts";

function moments(x: Float64Array, k: number, kurt: boolean): Float64Array {
  if (!Number.isInteger(k) || k < 4) {
    throw new RangeError(
      `Cannot compute rolling moments: expected an integer window >= 4, got ${k}`,
    );
  }
  const n = x.length, out = new Float64Array(n).fill(NaN);
  for (let t = k - 1; t < n; t++) {
    let m = 0;
    for (let i = t - k + 1; i <= t; i++) m += x[i];
    m /= k;
    const { m2, m3, m4 } = centralMoments(x, t - k + 1, t + 1, m);
    if (!(m2 > 0)) continue;
    out[t] = kurt
      ? ((k + 1) * (m4 / (m2 * m2) - 3) + 6) * (k - 1) / ((k - 2) * (k - 3))
      : m3 / Math.pow(m2, 1.5) * Math.sqrt(k * (k - 1)) / (k - 2);
  }
  return out;
}

/**
 * Rolling sample-adjusted skewness G1 of `x[t-k+1..t]` (see the module doc).
 *
 * @param x Input series (log returns for `skew_60`).
 * @param k Window (>= 4); the first defined index is k-1.
 * @returns Skewness; NaN for t < k-1 or a constant window.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingSkew } from "./moments.ts";
 * assert.equal(rollingSkew(new Float64Array([1, 2, 3, 4]), 4)[3], 0); // symmetric
 * ```
 */
export function rollingSkew(x: Float64Array, k: number): Float64Array {
  return moments(x, k, false);
}

/**
 * Rolling sample-adjusted excess kurtosis G2 of `x[t-k+1..t]` (see the module doc).
 *
 * @param x Input series (log returns for `kurt_60`).
 * @param k Window (>= 4); the first defined index is k-1.
 * @returns Excess kurtosis (0 for a normal population); NaN for t < k-1 or a constant window.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingKurt } from "./moments.ts";
 * // pandas: pd.Series([1, 2, 3, 4]).kurt() == -1.2
 * assert.ok(Math.abs(rollingKurt(new Float64Array([1, 2, 3, 4]), 4)[3] + 1.2) < 1e-12);
 * ```
 */
export function rollingKurt(x: Float64Array, k: number): Float64Array {
  return moments(x, k, true);
}
