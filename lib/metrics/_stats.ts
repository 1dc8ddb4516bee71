/**
 * The project's statistics building blocks, in one place: compensated (Neumaier)
 * NaN-skipping mean and standard deviation (the public metrics), the plain two-pass mean
 * and sample standard deviation over finite values (ensemble weights, parametric VaR),
 * population moments, sorted copies, numpy-style percentiles and quantiles, and tail
 * means. lib/metrics re-exports the ones other domains use; the two mean/std kernels sum
 * differently, and each caller keeps the one its stored results were computed with.
 *
 * @module
 */
import { centralMoments } from "../_shared/central_moments.ts";

/** Mean and dispersion of the non-NaN values of a series. */
export interface MeanStd {
  /** Number of non-NaN values. */
  readonly n: number;
  /** Mean of the non-NaN values (NaN when n = 0). */
  readonly mean: number;
  /** Standard deviation with the given ddof (NaN when n <= ddof). */
  readonly std: number;
}

/**
 * NaN-skipping mean and standard deviation of `x[i] - sub(i)` (numpy nanmean / nanstd).
 * The mean is a Neumaier-compensated sum divided by n; the spread is the corrected
 * two-pass sum of squares. When every value is identical the mean is that value and the
 * spread is exactly 0 (so a constant series has std 0, never 1e-19).
 */
export function nanMeanStd(
  x: Float64Array,
  ddof: number,
  sub?: (i: number) => number,
): MeanStd {
  let n = 0, s = 0, c = 0, first = NaN, constant = true;
  for (let i = 0; i < x.length; i++) {
    const v = sub ? x[i] - sub(i) : x[i];
    if (Number.isNaN(v)) continue;
    if (n === 0) first = v;
    else if (v !== first) constant = false;
    n++;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
    s = t;
  }
  if (n === 0) return { n, mean: NaN, std: NaN };
  if (constant) return { n, mean: first, std: n > ddof ? 0 : NaN };
  const mean = (s + c) / n;
  let ss = 0, sd = 0;
  for (let i = 0; i < x.length; i++) {
    const v = sub ? x[i] - sub(i) : x[i];
    if (Number.isNaN(v)) continue;
    const d = v - mean;
    ss += d * d;
    sd += d;
  }
  const m2 = Math.max(0, ss - (sd * sd) / n);
  return { n, mean, std: n > ddof ? Math.sqrt(m2 / (n - ddof)) : NaN };
}

/** Ascending sorted copy of the non-NaN values of `x`. */
export function sortedFinite(x: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
  return out.sort();
}

/**
 * Percentile `q` in [0, 100] of an ascending array by linear interpolation between
 * closest ranks (numpy `percentile(..., method="linear")`): h = (q / 100) (n - 1),
 * value = s[floor h] + (h - floor h) (s[floor h + 1] - s[floor h]). NaN when empty.
 */
export function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (q / 100) * (n - 1);
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  const g = h - lo;
  const a = sorted[lo], b = sorted[lo + 1];
  // numpy's _lerp: interpolate from the nearer end (identical to a few ulps).
  return g >= 0.5 ? b - (b - a) * (1 - g) : a + (b - a) * g;
}

/** Returns (Float64Array) with the rows where `keep(f[i])` holds, for both series. */
export function filterPairs(
  returns: Float64Array,
  factor: Float64Array,
  keep: (f: number) => boolean,
): [Float64Array, Float64Array] {
  let n = 0;
  for (let i = 0; i < factor.length; i++) if (keep(factor[i])) n++;
  const r = new Float64Array(n), f = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < factor.length; i++) {
    if (!keep(factor[i])) continue;
    r[k] = returns[i];
    f[k++] = factor[i];
  }
  return [r, f];
}

/**
 * Finite values of `x[from..to)` as a new array.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { finiteValues } from "./_stats.ts";
 * assert.deepEqual(finiteValues(new Float64Array([1, NaN, Infinity, 2])), new Float64Array([1, 2]));
 * ```
 */
export function finiteValues(
  x: ArrayLike<number>,
  from = 0,
  to = x.length,
): Float64Array {
  let n = 0;
  for (let i = from; i < to; i++) if (Number.isFinite(x[i])) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = from; i < to; i++) if (Number.isFinite(x[i])) out[k++] = x[i];
  return out;
}

/**
 * Plain two-pass mean and sample standard deviation (n - 1) of the finite values of
 * `x[from..to)`: mean NaN when there is none, std NaN below 2 values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { meanStd } from "./_stats.ts";
 * assert.deepEqual(meanStd(new Float64Array([1, 2, 3]), 0, 3), { mean: 2, std: 1, n: 3 });
 * ```
 */
export function meanStd(
  x: ArrayLike<number>,
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
 * Moment skewness m3 / m2^1.5 and excess kurtosis m4 / m2^2 - 3 (population moments,
 * as in the Cornish-Fisher literature); NaN below 3 values or zero variance.
 */
export function populationMoments(
  x: ArrayLike<number>,
): { skew: number; exKurt: number } {
  const n = x.length;
  const { m2, m3, m4 } = centralMoments(x, 0, n, meanStd(x).mean);
  if (n < 3 || !(m2 > 0)) return { skew: NaN, exKurt: NaN };
  return { skew: m3 / Math.pow(m2, 1.5), exKurt: m4 / (m2 * m2) - 3 };
}

/**
 * Linear-interpolation quantile `p` in [0, 1] (numpy default, type 7) of an ascending
 * array; NaN when empty.
 *
 * @throws RangeError when `p` is outside [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(
      `Cannot compute a quantile: expected p in [0, 1], got ${p}`,
    );
  }
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean of the values of an ascending array that are <= `q`; NaN if none. */
export function tailMean(sorted: ArrayLike<number>, q: number): number {
  let s = 0, k = 0;
  for (let i = 0; i < sorted.length && sorted[i] <= q; i++) {
    s += sorted[i];
    k++;
  }
  return k === 0 ? NaN : s / k;
}
