/**
 * Augmented Dickey-Fuller unit-root test (statsmodels `adfuller` conventions).
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import {
  type CriticalValues,
  mackinnonCrit,
  mackinnonP,
  type TrendTerm,
} from "./mackinnon.ts";
import { olsFit } from "./_ols.ts";

/** Lag selection: information criterion minimised on a common sample, or none. */
export type AutoLag = "AIC" | "BIC" | null;

/** Options of {@linkcode adfTest}. */
export interface AdfOptions {
  /** Fixed number of lagged differences (no search unless `autolag` is set). @default undefined */
  readonly lags?: number;
  /** Lag selection over 0..maxLags on a common sample. @default "AIC" unless `lags` is given */
  readonly autolag?: AutoLag;
  /** Upper bound of the search. @default min(ceil(12 (n / 100)^(1/4)), floor(n / 2) - ntrend - 1) */
  readonly maxLags?: number;
  /** Deterministic terms: "n" none, "c" constant, "ct" + trend, "ctt" + quadratic trend. @default "c" */
  readonly regression?: TrendTerm;
}

/** Result of {@linkcode adfTest}. */
export interface AdfResult {
  /** t statistic of gamma in dx_t = gamma x_{t-1} + sum_i phi_i dx_{t-i} + trend + e_t. */
  readonly stat: number;
  /** MacKinnon (1994) approximate p-value (H0: unit root). */
  readonly pValue: number;
  /** Number of lagged differences used. */
  readonly lags: number;
  /** Rows in the final regression. */
  readonly nobs: number;
  /** MacKinnon (2010) critical values at the final sample size. */
  readonly criticalValues: CriticalValues;
  /** The minimised information criterion (NaN without lag selection). */
  readonly icBest: number;
}

/**
 * ADF test: OLS of dx_t on [x_{t-1}, dx_{t-1}, ..., dx_{t-p}, trend terms], stat = t value
 * of x_{t-1}. Trend terms are 1, t, t^2 with t counted from 1 in the regression sample.
 * With `autolag`, every p in 0..maxLags is fitted on the same rows (the last
 * n - 1 - maxLags), AIC = -2 llf + 2 k or BIC = -2 llf + k ln m (llf the Gaussian
 * log-likelihood, k regressors, m rows), the smallest p among equal minima wins, and
 * that p is refitted on all usable rows: statsmodels' `adfuller` conventions (p-values
 * MacKinnon 1994, critical values MacKinnon 2010 at the final row count). OLS is solved
 * by Householder QR. NaN in the input is an error (drop them first); stat and pValue
 * are NaN when the regression is singular (e.g. a constant series).
 *
 * @param series Levels x_0..x_{n-1} (e.g. log prices or a spread).
 * @param options Lags, lag selection, deterministic terms.
 * @returns Frozen statistic, p-value, lags, nobs, critical values.
 * @throws {RangeError} On non-finite values, or a `maxLags`/`lags` the sample cannot carry.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adfTest } from "./adf.ts";
 * // a strongly mean-reverting zig-zag rejects the unit root
 * const x = Float64Array.from({ length: 200 }, (_, i) => (i % 2 ? 1 : -1) + 0.01 * (i % 7));
 * assert.ok(adfTest(x).pValue < 0.01);
 * assert.ok(adfTest(x, { regression: "ct", autolag: "BIC" }).pValue < 0.01);
 * ```
 */
export function adfTest(
  series: Float64Array,
  options: AdfOptions = {},
): AdfResult {
  for (let i = 0; i < series.length; i++) {
    if (!Number.isFinite(series[i])) {
      throw new RangeError(
        `adfTest needs finite values: index ${i} is ${series[i]}`,
      );
    }
  }
  const regression = options.regression ?? "c";
  const r = _adf(series, regression, options);
  return Object.freeze({
    ...r,
    pValue: mackinnonP(r.stat, { regression }),
    criticalValues: mackinnonCrit(r.nobs, { regression }),
  });
}

/** The statistic part of an ADF test (trusting kernel: finite input). */
export function _adf(
  x: Float64Array,
  regression: TrendTerm,
  options: Omit<AdfOptions, "regression">,
): { stat: number; lags: number; nobs: number; icBest: number } {
  const n = x.length;
  const ntrend = regression === "n" ? 0 : regression.length;
  const auto = options.lags === undefined
    ? (options.autolag === undefined ? "AIC" : options.autolag)
    : options.autolag ?? null;
  const limit = Math.floor(n / 2) - ntrend - 1;
  const given = options.maxLags ?? options.lags;
  const maxLags = given ??
    Math.min(Math.ceil(12 * Math.pow(n / 100, 0.25)), limit);
  if (!(Number.isInteger(maxLags) && maxLags >= 0 && maxLags <= limit)) {
    throw new RangeError(
      `adfTest needs more observations: ${n} values carry at most ${
        Math.max(limit, 0)
      } lags with regression "${regression}", got ${maxLags}`,
    );
  }
  let lags = maxLags, icBest = NaN;
  if (auto !== null) {
    let best = Infinity;
    for (let p = 0; p <= maxLags; p++) {
      const fit = adfRegression(x, p, maxLags, ntrend);
      const m = fit.n, k = 1 + p + ntrend;
      const llf = -m / 2 * (crLog(2 * Math.PI) + crLog(fit.ssr / m) + 1);
      const ic = -2 * llf + (auto === "AIC" ? 2 * k : crLog(m) * k);
      if (ic < best) [best, lags] = [ic, p];
    }
    icBest = best;
  }
  const fit = adfRegression(x, lags, lags, ntrend);
  return { stat: fit.coef[0] / fit.se[0], lags, nobs: fit.n, icBest };
}

/** OLS of dx[t] on [x[t], dx[t-1..t-p], 1, s, s^2] for t = sampleLag..n-2, s = 1, 2, ... */
function adfRegression(
  x: Float64Array,
  p: number,
  sampleLag: number,
  ntrend: number,
) {
  const n = x.length;
  const rows = n - 1 - sampleLag;
  const k = 1 + p + ntrend;
  const design = new Float64Array(rows * k);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const t = sampleLag + r;
    y[r] = x[t + 1] - x[t];
    const o = r * k;
    design[o] = x[t];
    for (let i = 1; i <= p; i++) design[o + i] = x[t - i + 1] - x[t - i];
    for (let d = 0; d < ntrend; d++) design[o + 1 + p + d] = (r + 1) ** d;
  }
  return olsFit(design, y, k);
}
