/**
 * Engle-Granger two-step cointegration test.
 *
 * @module
 */
import { adfTest } from "./adf.ts";
import { halfLife } from "./half_life.ts";
import { type CriticalValues, mackinnonCrit } from "./mackinnon.ts";
import { olsFit } from "./_ols.ts";

/** Options of {@linkcode engleGranger}. */
export interface EngleGrangerOptions {
  /** Take natural logs of both inputs first (prices in). @default true */
  readonly log?: boolean;
  /** Fixed ADF lags on the residuals; default chooses by AIC. @default undefined */
  readonly lags?: number;
  /** Significance level for `cointegrated`. @default 0.05 */
  readonly alpha?: number;
}

/** Result of {@linkcode engleGranger}. */
export interface EngleGrangerResult {
  /** beta in log a_t = alpha + beta log b_t + u_t. */
  readonly hedgeRatio: number;
  readonly intercept: number;
  /** ADF t statistic of the residuals (no constant: OLS already removed the mean). */
  readonly stat: number;
  /** MacKinnon (1994) p-value for N = 2 series, constant case. */
  readonly pValue: number;
  readonly lags: number;
  /** MacKinnon (2010) critical values, N = 2, T = n - 1. */
  readonly criticalValues: CriticalValues;
  /** pValue < alpha. */
  readonly cointegrated: boolean;
  /** Half-life of the residual spread in bars (NaN when not mean reverting). */
  readonly halfLifeDays: number;
  /** Residuals u_t (the in-sample spread). */
  readonly residuals: Float64Array;
}

/**
 * Engle-Granger test (H0: no cointegration): step 1 OLS of y = log a on [1, x = log b];
 * step 2 ADF (regression "n", AIC lags) on the residuals, judged against the
 * Engle-Granger tables (N = 2, with constant), as statsmodels' `coint`. Uses the whole
 * sample given: for trading, run it on a training window only.
 *
 * @param a Prices (or levels) of the dependent leg.
 * @param b Prices (or levels) of the hedge leg, same length.
 * @param options Log transform, ADF lags, alpha.
 * @returns Hedge ratio, statistic, p-value, critical values, half-life, residuals.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { engleGranger } from "./cointegration.ts";
 * const b = Float64Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 9) + i / 5);
 * const a = b.map((v, i) => v ** 2 * Math.exp(0.01 * Math.sin(i * i)));
 * const r = engleGranger(a, b);
 * assert.ok(Math.abs(r.hedgeRatio - 2) < 0.01 && r.cointegrated);
 * ```
 */
export function engleGranger(
  a: Float64Array,
  b: Float64Array,
  options: EngleGrangerOptions = {},
): EngleGrangerResult {
  if (a.length !== b.length) {
    throw new RangeError(
      `engleGranger needs equal lengths: got ${a.length} and ${b.length}`,
    );
  }
  const n = a.length;
  const log = options.log ?? true;
  const y = new Float64Array(n);
  const x = new Float64Array(2 * n);
  for (let t = 0; t < n; t++) {
    y[t] = log ? Math.log(a[t]) : a[t];
    x[2 * t] = 1;
    x[2 * t + 1] = log ? Math.log(b[t]) : b[t];
    if (!Number.isFinite(y[t]) || !Number.isFinite(x[2 * t + 1])) {
      throw new RangeError(
        `engleGranger needs finite positive inputs: index ${t} is not`,
      );
    }
  }
  const fit = olsFit(x, y, 2);
  if (!Number.isFinite(fit.coef[1])) {
    throw new RangeError(
      `engleGranger cannot regress a on b: expected b to vary over the ${n} rows, got a constant or too short series`,
    );
  }
  const residuals = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    residuals[t] = y[t] - fit.coef[0] - fit.coef[1] * x[2 * t + 1];
  }
  const adf = adfTest(residuals, {
    regression: "n",
    nSeries: 2,
    ...(options.lags === undefined ? {} : { lags: options.lags }),
  });
  return Object.freeze({
    hedgeRatio: fit.coef[1],
    intercept: fit.coef[0],
    stat: adf.stat,
    pValue: adf.pValue,
    lags: adf.lags,
    criticalValues: mackinnonCrit(2, n - 1),
    cointegrated: adf.pValue < (options.alpha ?? 0.05),
    halfLifeDays: halfLife(residuals),
    residuals,
  });
}
