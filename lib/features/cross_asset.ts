/**
 * Cross-asset features: a benchmark aligned to the symbol's calendar without lookahead,
 * and the rolling beta / correlation of the symbol's log returns to it.
 *
 * @module
 */

/**
 * Align a benchmark series to target dates "as of": value at t is the benchmark's last
 * value dated at or before `dates[t]` (never a later one); NaN before its first date.
 * Dates are ISO strings, both ascending.
 *
 * @param dates Target dates (the symbol's).
 * @param benchDates Benchmark dates.
 * @param benchValues Benchmark values (e.g. closes), parallel to `benchDates`.
 * @returns Aligned values, one per target date.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alignAsOf } from "./cross_asset.ts";
 * const a = alignAsOf(["2020-01-01", "2020-01-03"], ["2020-01-02", "2020-01-04"], new Float64Array([7, 8]));
 * assert.deepEqual([...a], [NaN, 7]);
 * ```
 */
export function alignAsOf(
  dates: readonly string[],
  benchDates: readonly string[],
  benchValues: Float64Array,
): Float64Array {
  const out = new Float64Array(dates.length).fill(NaN);
  let j = -1;
  for (let t = 0; t < dates.length; t++) {
    while (j + 1 < benchDates.length && benchDates[j + 1] <= dates[t]) j++;
    if (j >= 0) out[t] = benchValues[j];
  }
  return out;
}

function coMoments(
  x: Float64Array,
  y: Float64Array,
  k: number,
  corr: boolean,
): Float64Array {
  if (!Number.isInteger(k) || k < 2) {
    throw new RangeError(
      `Cannot compute a rolling beta/correlation: expected an integer window >= 2, got ${k}`,
    );
  }
  const n = x.length, out = new Float64Array(n).fill(NaN);
  for (let t = k - 1; t < n; t++) {
    let mx = 0, my = 0;
    for (let i = t - k + 1; i <= t; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= k;
    my /= k;
    let sxx = 0, syy = 0, sxy = 0;
    for (let i = t - k + 1; i <= t; i++) {
      const dx = x[i] - mx, dy = y[i] - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    const den = corr ? Math.sqrt(sxx * syy) : syy;
    out[t] = den > 0 ? sxy / den : NaN;
  }
  return out;
}

/**
 * Rolling beta `cov(x, y) / var(y)` over `[t-k+1..t]` (the ddof cancels): the symbol's
 * returns `x` on the benchmark's `y` (`beta_60`). NaN where y is constant.
 *
 * @param x Symbol log returns.
 * @param y Benchmark log returns (aligned).
 * @param k Window (>= 2).
 * @returns Betas; NaN for t < k-1 or a non-finite value in the window.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingBeta } from "./cross_asset.ts";
 * const y = new Float64Array([1, 2, 4]);
 * assert.equal(rollingBeta(y.map((v) => 2 * v + 1), y, 3)[2], 2);
 * ```
 */
export function rollingBeta(
  x: Float64Array,
  y: Float64Array,
  k: number,
): Float64Array {
  return coMoments(x, y, k, false);
}

/**
 * Rolling Pearson correlation of `x` and `y` over `[t-k+1..t]` (`corr_60`).
 * NaN where either is constant.
 *
 * @param x Symbol log returns.
 * @param y Benchmark log returns (aligned).
 * @param k Window (>= 2).
 * @returns Correlations in [-1, 1]; NaN for t < k-1 or a non-finite value in the window.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingCorr } from "./cross_asset.ts";
 * const y = new Float64Array([1, 2, 4]);
 * assert.ok(Math.abs(rollingCorr(y.map((v) => 1 - v), y, 3)[2] + 1) < 1e-15);
 * ```
 */
export function rollingCorr(
  x: Float64Array,
  y: Float64Array,
  k: number,
): Float64Array {
  return coMoments(x, y, k, true);
}
