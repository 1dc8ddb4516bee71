/**
 * Standard normal CDF, density and quantile used by the parametric risk models.
 * (lib/metrics ships its own; these stay here so lib/risk has no upward dependency.)
 *
 * @module
 */

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
  return Math.exp(-0.5 * x * x) / 2.5066282746310002;
}

/**
 * Standard normal CDF Phi(x), Hart (1968) algorithm 5666 as given by West (2005);
 * absolute error below 1e-14.
 *
 * @param x Any number (NaN -> NaN).
 * @returns P(Z <= x).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalCdf } from "./normal.ts";
 * assert.ok(Math.abs(normalCdf(1.6448536269514722) - 0.95) < 1e-14);
 * ```
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  let c: number;
  if (a > 37) c = 0;
  else {
    const e = Math.exp(-a * a / 2);
    if (a < 7.07106781186547) {
      let b = 3.52624965998911e-2 * a + 0.700383064443688;
      b = b * a + 6.37396220353165;
      b = b * a + 33.912866078383;
      b = b * a + 112.079291497871;
      b = b * a + 221.213596169931;
      b = b * a + 220.206867912376;
      c = e * b;
      b = 8.83883476483184e-2 * a + 1.75566716318264;
      b = b * a + 16.064177579207;
      b = b * a + 86.7807322029461;
      b = b * a + 296.564248779674;
      b = b * a + 637.333633378831;
      b = b * a + 793.826512519948;
      b = b * a + 440.413735824752;
      c = c / b;
    } else {
      let b = a + 0.65;
      b = a + 4 / b;
      b = a + 3 / b;
      b = a + 2 / b;
      b = a + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

const A = [
  -3.969683028665376e1,
  2.209460984245205e2,
  -2.759285104469687e2,
  1.38357751867269e2,
  -3.066479806614716e1,
  2.506628277459239,
];
const B = [
  -5.447609879822406e1,
  1.615858368580409e2,
  -1.556989798598866e2,
  6.680131188771972e1,
  -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3,
  -3.223964580411365e-1,
  -2.400758277161838,
  -2.549732539343734,
  4.374664141464968,
  2.938163982698783,
];
const D = [
  7.784695709041462e-3,
  3.224671290700398e-1,
  2.445134137142996,
  3.754408661907416,
];

/**
 * Standard normal quantile Phi^-1(p): Acklam's rational approximation refined by one
 * Halley step (relative error ~1e-15).
 *
 * @param p Probability in (0, 1); 0 -> -Infinity, 1 -> Infinity, outside -> NaN.
 * @returns z with Phi(z) = p.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalInv } from "./normal.ts";
 * assert.ok(Math.abs(normalInv(0.975) - 1.959963984540054) < 1e-12);
 * ```
 */
export function normalInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const plow = 0.02425;
  let x: number;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - plow) {
    const q = p - 0.5, r = q * q;
    x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) *
      q /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * 2.5066282746310002 * Math.exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}
