/**
 * Small private statistics kernels for lib/risk (finite values only; callers filter NaN).
 *
 * @module
 */

/** Finite values of `x[from..to)` as a new array. */
export function finite(
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

/** Arithmetic mean; NaN when empty. */
export function mean(x: ArrayLike<number>): number {
  if (x.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample standard deviation (n - 1); NaN below 2 values. */
export function sampleStd(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2) return NaN;
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i] - m) * (x[i] - m);
  return Math.sqrt(s / (n - 1));
}

/**
 * Moment skewness m3 / m2^1.5 and excess kurtosis m4 / m2^2 - 3 (population moments,
 * as in the Cornish-Fisher literature); NaN below 3 values or zero variance.
 */
export function moments(
  x: ArrayLike<number>,
): { skew: number; exKurt: number } {
  const n = x.length;
  const m = mean(x);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m, d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (n < 3 || !(m2 > 0)) return { skew: NaN, exKurt: NaN };
  return { skew: m3 / Math.pow(m2, 1.5), exKurt: m4 / (m2 * m2) - 3 };
}

/** Linear-interpolation quantile (numpy default, type 7) of an ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
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
