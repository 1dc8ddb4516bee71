/**
 * MacKinnon response-surface p-values (1994) and critical values (2010) for the
 * Dickey-Fuller / Engle-Granger tau statistic, constant-only case ("c"), for N = 1
 * (ADF on one series) and N = 2 (Engle-Granger residuals of two I(1) series).
 *
 * Coefficients: MacKinnon, J.G. (1994) "Approximate asymptotic distribution functions
 * for unit-root and cointegration tests", JBES 12(2) tables 3-4; MacKinnon (2010)
 * "Critical values for cointegration tests", Queen's WP 1227, table 1 (as also used by
 * statsmodels' adfvalues).
 *
 * @module
 */

const TAU_STAR_C = [-1.61, -2.62];
const TAU_MIN_C = [-18.83, -18.86];
const TAU_MAX_C = [2.74, 0.92];
const TAU_C_SMALLP = [
  [2.1659, 1.4412, 3.8269e-2],
  [2.92, 1.5012, 3.9796e-2],
];
const TAU_C_LARGEP = [
  [1.7339, 0.93202, -0.12745, -0.010368],
  [2.1945, 0.64695, -0.29198, -0.042377],
];
/** [N-1][1%, 5%, 10%] -> b0 + b1/T + b2/T^2 + b3/T^3. */
const TAU_C_2010 = [
  [
    [-3.43035, -6.5393, -16.786, -79.433],
    [-2.86154, -2.8903, -4.234, -40.04],
    [-2.56677, -1.5384, -2.809, 0],
  ],
  [
    [-3.89644, -10.9519, -33.527, 0],
    [-3.33613, -6.1101, -6.823, 0],
    [-3.04445, -4.2412, -2.72, 0],
  ],
];

/** Critical values of the tau statistic at 1 %, 5 % and 10 %. */
export interface CriticalValues {
  readonly "1%": number;
  readonly "5%": number;
  readonly "10%": number;
}

/**
 * Standard normal CDF Phi(x), via the complementary error function (Numerical Recipes
 * Chebyshev fit, fractional error < 1.2e-7).
 *
 * @param x Any real.
 * @returns Phi(x) in [0, 1].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalCdf } from "./mackinnon.ts";
 * assert.ok(Math.abs(normalCdf(1.959963985) - 0.975) < 1e-7);
 * ```
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(
    -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
                  t *
                    (-0.18628806 +
                      t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
                                  t * (-0.82215223 + t * 0.17087277)))))))),
  );
  return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
}

/**
 * MacKinnon (1994) approximate p-value of a tau statistic, regression with constant.
 * p = Phi(sum_k c_k tau^k), with the small-p polynomial when tau <= tau*, the large-p one
 * otherwise; 0 below tau_min and 1 above tau_max.
 *
 * @param tau The Dickey-Fuller t statistic.
 * @param nSeries 1 for ADF, 2 for an Engle-Granger test of two series.
 * @returns Approximate p-value in [0, 1].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mackinnonP } from "./mackinnon.ts";
 * assert.ok(Math.abs(mackinnonP(-2.86) - 0.05) < 0.005);
 * ```
 */
export function mackinnonP(tau: number, nSeries: 1 | 2 = 1): number {
  if (Number.isNaN(tau)) return NaN;
  const k = nSeries - 1;
  if (tau > TAU_MAX_C[k]) return 1;
  if (tau < TAU_MIN_C[k]) return 0;
  const c = tau <= TAU_STAR_C[k] ? TAU_C_SMALLP[k] : TAU_C_LARGEP[k];
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * tau + c[i];
  return normalCdf(s);
}

/**
 * MacKinnon (2010) finite-sample critical values, constant case:
 * cv = b0 + b1/T + b2/T^2 + b3/T^3.
 *
 * @param nSeries 1 for ADF, 2 for Engle-Granger with two series.
 * @param nobs Sample size T (Infinity gives the asymptotic values).
 * @returns Critical values at 1 %, 5 %, 10 %.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mackinnonCrit } from "./mackinnon.ts";
 * assert.equal(mackinnonCrit(1, Infinity)["5%"], -2.86154);
 * ```
 */
export function mackinnonCrit(nSeries: 1 | 2, nobs: number): CriticalValues {
  const rows = TAU_C_2010[nSeries - 1];
  const u = Number.isFinite(nobs) ? 1 / nobs : 0;
  const cv = rows.map((b) => b[0] + u * (b[1] + u * (b[2] + u * b[3])));
  return Object.freeze({ "1%": cv[0], "5%": cv[1], "10%": cv[2] });
}
