/**
 * Engle-Granger two-step cointegration test (statsmodels `coint` conventions).
 *
 * @module
 */
import { _adf, type AutoLag } from "./adf.ts";
import { halfLife } from "./half_life.ts";
import {
  type CriticalValues,
  mackinnonCrit,
  mackinnonP,
  type TrendTerm,
} from "./mackinnon.ts";
import { olsFit } from "./_ols.ts";

/** Options of {@linkcode engleGranger}. */
export interface EngleGrangerOptions {
  /** Take natural logs of every input first (prices in). @default true */
  readonly log?: boolean;
  /** Deterministic terms of the cointegrating regression: "n" none, "c" constant,
   * "ct" + linear trend, "ctt" + quadratic trend. @default "c" */
  readonly trend?: TrendTerm;
  /** Fixed ADF lags on the residuals (no search unless `autolag` is set). @default undefined */
  readonly lags?: number;
  /** Lag selection of the residual ADF. @default "AIC" unless `lags` is given */
  readonly autolag?: AutoLag;
  /** Upper bound of the lag search. @default min(ceil(12 (n / 100)^(1/4)), floor(n / 2) - 1) */
  readonly maxLags?: number;
  /** Significance level for `cointegrated`. @default 0.05 */
  readonly alpha?: number;
}

/** Result of {@linkcode engleGranger}. */
export interface EngleGrangerResult {
  /** Slope on each regressor in y_t = trend_t + sum_j beta_j x_jt + u_t. */
  readonly coefficients: Float64Array;
  /** beta of the first regressor (the hedge ratio of a pair). */
  readonly hedgeRatio: number;
  /** The constant term (0 with trend "n"). */
  readonly intercept: number;
  /** Deterministic terms used. */
  readonly trend: TrendTerm;
  /** ADF t statistic of the residuals (regression "n"); -Infinity when the regression
   * fits perfectly (R^2 >= 1 - 100 sqrt(eps), statsmodels' collinearity case). */
  readonly stat: number;
  /** MacKinnon (1994) p-value for N = 1 + regressors series and this trend. */
  readonly pValue: number;
  /** Lagged differences in the residual ADF regression. */
  readonly lags: number;
  /** Rows in the residual ADF regression. */
  readonly nobs: number;
  /** MacKinnon (2010) critical values at T = n - 1 (NaN for trend "n", as statsmodels). */
  readonly criticalValues: CriticalValues;
  /** pValue < alpha. */
  readonly cointegrated: boolean;
  /** Half-life of the residual spread in bars (NaN when not mean reverting). */
  readonly halfLifeDays: number;
  /** Residuals u_t (the in-sample spread). */
  readonly residuals: Float64Array;
}

const NAN_CRIT: CriticalValues = Object.freeze({
  "1%": NaN,
  "5%": NaN,
  "10%": NaN,
});
const PERFECT_FIT_R2 = 1 - 100 * Math.sqrt(Number.EPSILON);

/**
 * Engle-Granger test (H0: no cointegration). Step 1: OLS of y on the regressors and the
 * deterministic terms (1, t, t^2 with t = 1..n, by `trend`). Step 2: ADF with no
 * deterministic terms on the residuals (lags by AIC/BIC on a common sample, or fixed),
 * judged against MacKinnon's tables for N = 1 + regressors and the step-1 trend:
 * statsmodels' `coint(y0, y1, trend, autolag=...)`, including its perfect-fit case
 * (R^2 >= 1 - 100 sqrt(eps): statistic -Infinity, p-value 0) and its T = n - 1 for the
 * critical values. Uses the whole sample given: for trading, run it on a training
 * window only.
 *
 * @param y Prices (or levels) of the dependent series.
 * @param x One regressor, or several (each the same length as y; N = 1 + count <= 6).
 * @param options Log transform, trend, lags, lag selection, alpha.
 * @returns Frozen coefficients, statistic, p-value, critical values, half-life, residuals.
 * @throws {RangeError} On unequal lengths, non-finite (or, with `log`, non-positive)
 *   values, constant regressors, too few rows for the lags, or more than 5 regressors.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { engleGranger } from "./cointegration.ts";
 * const b = Float64Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 9) + i / 5);
 * const a = b.map((v, i) => v ** 2 * Math.exp(0.01 * Math.sin(i * i)));
 * const r = engleGranger(a, b);
 * assert.ok(Math.abs(r.hedgeRatio - 2) < 0.01 && r.cointegrated);
 * const withTrend = engleGranger(a, [b], { trend: "ct", autolag: "BIC" });
 * assert.equal(withTrend.coefficients.length, 1);
 * ```
 */
export function engleGranger(
  y: Float64Array,
  x: Float64Array | readonly Float64Array[],
  options: EngleGrangerOptions = {},
): EngleGrangerResult {
  const xs = x instanceof Float64Array ? [x] : [...x];
  const log = options.log ?? true;
  const trend = options.trend ?? "c";
  if (xs.length < 1 || xs.length > 5) {
    throw new RangeError(
      `engleGranger needs 1 to 5 regressors (MacKinnon's p-values stop at N = 6 series), got ${xs.length}`,
    );
  }
  const cols = [y, ...xs].map((s, j) => {
    if (s.length !== y.length) {
      throw new RangeError(
        `engleGranger needs equal lengths: series 0 has ${y.length} values, series ${j} has ${s.length}`,
      );
    }
    return log ? s.map(Math.log) : s;
  });
  for (let j = 0; j < cols.length; j++) {
    const i = cols[j].findIndex((v) => !Number.isFinite(v));
    if (i >= 0) {
      throw new RangeError(
        `engleGranger needs finite${
          log ? " positive" : ""
        } inputs: series ${j}, index ${i} is ${[y, ...xs][j][i]}`,
      );
    }
  }
  return _engleGranger(cols[0], cols.slice(1), trend, options);
}

/** Engle-Granger on finite (already transformed) columns (trusting kernel). */
export function _engleGranger(
  y: Float64Array,
  xs: readonly Float64Array[],
  trend: TrendTerm,
  options: EngleGrangerOptions,
): EngleGrangerResult {
  const n = y.length, k = xs.length, nt = trend === "n" ? 0 : trend.length;
  const p = k + nt, design = new Float64Array(n * p);
  for (let t = 0; t < n; t++) {
    for (let j = 0; j < k; j++) design[t * p + j] = xs[j][t];
    for (let d = 0; d < nt; d++) design[t * p + k + d] = (t + 1) ** d;
  }
  const fit = olsFit(design, y, p);
  if (!Number.isFinite(fit.coef[0])) {
    throw new RangeError(
      `engleGranger cannot regress the first series on the others: expected regressors that vary independently over the ${n} rows, got constant, collinear or too few rows`,
    );
  }
  const residuals = fit.residuals;
  const perfect = rSquared(y, fit.ssr, nt > 0) >= PERFECT_FIT_R2;
  const adf = perfect
    ? { stat: -Infinity, lags: 0, nobs: n - 1 }
    : _adf(residuals, "n", options);
  const nSeries = k + 1;
  const pValue = mackinnonP(adf.stat, { regression: trend, nSeries });
  return Object.freeze({
    coefficients: fit.coef.slice(0, k),
    hedgeRatio: fit.coef[0],
    intercept: nt > 0 ? fit.coef[k] : 0,
    trend,
    stat: adf.stat,
    pValue,
    lags: adf.lags,
    nobs: adf.nobs,
    criticalValues: trend === "n"
      ? NAN_CRIT
      : mackinnonCrit(n - 1, { regression: trend, nSeries }),
    cointegrated: pValue < (options.alpha ?? 0.05),
    halfLifeDays: halfLife(residuals),
    residuals,
  });
}

/** Centered R^2 with a constant, uncentered without (statsmodels' `rsquared`). */
function rSquared(y: Float64Array, ssr: number, centered: boolean): number {
  let m = 0;
  if (centered) {
    for (let t = 0; t < y.length; t++) m += y[t];
    m /= y.length;
  }
  let tss = 0;
  for (let t = 0; t < y.length; t++) tss += (y[t] - m) ** 2;
  return 1 - ssr / tss;
}
