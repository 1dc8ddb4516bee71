/**
 * Private numeric helpers of lib/metrics: compensated (Neumaier) sums, NaN-skipping
 * mean / sample standard deviation, sorted copies and numpy-style percentiles.
 *
 * @module
 */

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
