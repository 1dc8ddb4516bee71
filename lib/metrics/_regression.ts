/**
 * Private simple linear regression of lib/metrics.
 *
 * @module
 */

/** y = intercept + slope x fitted by least squares. */
export interface SimpleRegression {
  readonly slope: number;
  readonly intercept: number;
  readonly rSquared: number;
  /** 1 - (1 - R^2) (n - 1) / (n - 2). */
  readonly adjustedRSquared: number;
}

/**
 * OLS of y on x over the pairs where both are finite (two-pass moments); every field
 * NaN with fewer than 3 pairs or no spread in x.
 */
export function simpleRegression(
  x: Float64Array,
  y: Float64Array,
): SimpleRegression {
  const keep: number[] = [];
  for (let k = 0; k < x.length; k++) {
    if (Number.isFinite(x[k]) && Number.isFinite(y[k])) keep.push(k);
  }
  const n = keep.length;
  let mx = 0, my = 0;
  for (const k of keep) (mx += x[k], my += y[k]);
  mx /= n;
  my /= n;
  let sxx = 0, syy = 0, sxy = 0;
  for (const k of keep) {
    const dx = x[k] - mx, dy = y[k] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (n < 3 || !(sxx > 0)) {
    return Object.freeze({
      slope: NaN,
      intercept: NaN,
      rSquared: NaN,
      adjustedRSquared: NaN,
    });
  }
  const slope = sxy / sxx;
  const r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
  return Object.freeze({
    slope,
    intercept: my - slope * mx,
    rSquared: r2,
    adjustedRSquared: 1 - ((1 - r2) * (n - 1)) / (n - 2),
  });
}
