/**
 * Standard normal distribution: density, CDF (from an accurate erfc) and its inverse
 * (Acklam's rational approximation polished by one Halley step). The one implementation
 * of the lib: lib/risk, lib/strategies and lib/optimize use these.
 *
 * @module
 */
import { crExp, crLog } from "../_shared/cr_math.ts";

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** exp(-t^2 / 2) without the rounding of t^2: t = th + d with th a multiple of 1/16. */
function expNegHalfSq(t: number): number {
  const th = Math.round(t * 16) / 16;
  return crExp(-(th * th) / 2) * crExp(-((t - th) * (t + th)) / 2);
}

/**
 * Upper tail Q(t) = P(Z > t) for t >= 0, from erfc(z), z = t / sqrt 2: the
 * everywhere-positive series erf(z) = 2/sqrt(pi) e^(-z^2) sum_n 2^n z^(2n+1) /
 * (1*3*...*(2n+1)) below z = 1.5 (no cancellation there), and the Laplace continued
 * fraction erfc(z) = e^(-z^2)/sqrt(pi) / (z + (1/2)/(z + 1/(z + (3/2)/(z + ...))))
 * above (modified Lentz, under 100 terms), with e^(-z^2) = e^(-t^2/2) computed without
 * squaring error. Relative error ~1e-15 down to 1e-300.
 */
function upperTail(t: number): number {
  const z = t / Math.SQRT2;
  if (z < 1.5) {
    let term = z, sum = z;
    const z2 = 2 * z * z;
    for (let n = 1; n < 200; n++) {
      term *= z2 / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 0.5 * (1 - (2 / SQRT_PI) * crExp(-z * z) * sum);
  }
  if (t > 39) return 0;
  const tiny = 1e-300;
  let f = z, c = z, d = 0;
  for (let i = 1; i < 500; i++) {
    const a = i / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (0.5 * expNegHalfSq(t)) / SQRT_PI / f;
}

/**
 * Standard normal density phi(x) = exp(-x^2/2) / sqrt(2 pi).
 *
 * @param x Any number.
 * @returns The density.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalPdf } from "./normal.ts";
 * assert.ok(Math.abs(normalPdf(0) - 0.3989422804014327) < 1e-15);
 * ```
 */
export function normalPdf(x: number): number {
  return crExp(-0.5 * x * x) / SQRT_2PI;
}

/**
 * Standard normal cumulative distribution Phi(x) = P(Z <= x) = erfc(-x / sqrt 2) / 2,
 * accurate to about 1e-15 relative in both tails (and absolute near the centre).
 * NaN in, NaN out; Phi(-Infinity) = 0, Phi(Infinity) = 1.
 *
 * @param x A z-score.
 * @returns The probability P(Z <= x).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalCdf } from "./normal.ts";
 * assert.equal(normalCdf(0), 0.5);
 * assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 1e-15);
 * ```
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return x < 0 ? upperTail(-x) : 1 - upperTail(x);
}

const A = [
  -3.969683028665376e+01,
  2.209460984245205e+02,
  -2.759285104469687e+02,
  1.383577518672690e+02,
  -3.066479806614716e+01,
  2.506628277459239e+00,
];
const B = [
  -5.447609879822406e+01,
  1.615858368580409e+02,
  -1.556989798598866e+02,
  6.680131188771972e+01,
  -1.328068155288572e+01,
];
const C = [
  -7.784894002430293e-03,
  -3.223964580411365e-01,
  -2.400758277161838e+00,
  -2.549732539343734e+00,
  4.374664141464968e+00,
  2.938163982698783e+00,
];
const D = [
  7.784695709041462e-03,
  3.224671290700398e-01,
  2.445134137142996e+00,
  3.754408661907416e+00,
];

/** Acklam's rational approximation (relative error < 1.2e-9). */
function acklam(p: number): number {
  const plow = 0.02425;
  if (p < plow || p > 1 - plow) {
    const q = Math.sqrt(-2 * crLog(p < plow ? p : 1 - p));
    const x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q +
      C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
    return p < plow ? x : -x;
  }
  const q = p - 0.5, r = q * q;
  return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) *
    q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * Inverse standard normal CDF (quantile) Phi^-1(p): Acklam's algorithm refined by one
 * Halley step on {@linkcode normalCdf}, giving close to full double precision.
 * normalInv(0) = -Infinity, normalInv(1) = Infinity, NaN in gives NaN.
 *
 * @param p A probability in [0, 1].
 * @returns The z-score x with Phi(x) = p.
 * @throws {RangeError} When p is outside [0, 1].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalInv } from "./normal.ts";
 * assert.ok(Math.abs(normalInv(0.975) - 1.959963984540054) < 1e-13);
 * ```
 */
export function normalInv(p: number): number {
  if (Number.isNaN(p)) return NaN;
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(
      `Cannot compute normalInv: expected a probability in [0, 1], got ${p}`,
    );
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const x = acklam(p);
  // Halley step on the tail nearer to p, so tiny upper-tail probabilities stay exact.
  const e = p < 0.5 ? normalCdf(x) - p : (1 - p) - normalCdf(-x);
  const u = e * SQRT_2PI * crExp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
