/**
 * Sample skewness and excess kurtosis (scipy.stats defaults: biased, Fisher).
 *
 * @module
 */
import { nanMeanStd } from "./_stats.ts";
import { assertSeries } from "./_validate.ts";

/** Central moments m2, m3, m4 (divided by n) of the non-NaN values. */
function centralMoments(x: Float64Array): [number, number, number, number] {
  const { n, mean } = nanMeanStd(x, 0);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isNaN(v)) continue;
    const d = v - mean, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return [n, m2 / n, m3 / n, m4 / n];
}

/**
 * Sample skewness g1 = m3 / m2^(3/2) with biased central moments m_k = mean((x - mean)^k)
 * (scipy.stats.skew with its default bias=True). NaN values are skipped (scipy would
 * propagate them). NaN for an empty series and for a constant one (m2 = 0).
 *
 * @param x Values (e.g. returns).
 * @returns The skewness (0 for a symmetric sample).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { skewness } from "./moments.ts";
 * assert.equal(skewness(new Float64Array([-1, 0, 1])), 0);
 * ```
 */
export function skewness(x: Float64Array): number {
  assertSeries(x, "x");
  const [n, m2, m3] = centralMoments(x);
  if (n === 0 || m2 === 0) return NaN;
  return m3 / Math.pow(m2, 1.5);
}

/**
 * Sample EXCESS kurtosis g2 = m4 / m2^2 - 3 with biased central moments (Fisher
 * definition, scipy.stats.kurtosis defaults fisher=True, bias=True; a normal sample gives
 * about 0). NaN values are skipped. NaN for an empty or constant series.
 *
 * @param x Values (e.g. returns).
 * @returns The excess kurtosis.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kurtosis } from "./moments.ts";
 * // two-point symmetric sample: m4 / m2^2 = 1
 * assert.equal(kurtosis(new Float64Array([-1, 1, -1, 1])), -2);
 * ```
 */
export function kurtosis(x: Float64Array): number {
  assertSeries(x, "x");
  const [n, m2, , m4] = centralMoments(x);
  if (n === 0 || m2 === 0) return NaN;
  return m4 / (m2 * m2) - 3;
}
