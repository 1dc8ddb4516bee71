/**
 * Augmented Dickey-Fuller unit-root test.
 *
 * @module
 */
import { type CriticalValues, mackinnonCrit, mackinnonP } from "./mackinnon.ts";
import { olsFit } from "./_ols.ts";

/** Options of {@linkcode adfTest}. */
export interface AdfOptions {
  /** Fixed number of lagged differences; ignored when `autolag` is "AIC". @default undefined */
  readonly lags?: number;
  /** Lag selection: "AIC" searches 0..maxLags on a common sample. @default "AIC" unless `lags` is given */
  readonly autolag?: "AIC" | null;
  /** Upper bound for the AIC search. @default ceil(12 * (n / 100) ^ 0.25), capped at n/2 - 2 */
  readonly maxLags?: number;
  /** "c": with constant (default); "n": no constant (Engle-Granger residuals). @default "c" */
  readonly regression?: "c" | "n";
  /** Series count for p-value / critical values: 1 for ADF, 2 for Engle-Granger. @default 1 */
  readonly nSeries?: 1 | 2;
}

/** Result of {@linkcode adfTest}. */
export interface AdfResult {
  /** t statistic of gamma in dx_t = c + gamma x_{t-1} + sum_i phi_i dx_{t-i} + e_t. */
  readonly stat: number;
  /** MacKinnon (1994) approximate p-value (H0: unit root). */
  readonly pValue: number;
  /** Number of lagged differences used. */
  readonly lags: number;
  /** Rows in the final regression. */
  readonly nobs: number;
  /** MacKinnon (2010) critical values at the final sample size. */
  readonly criticalValues: CriticalValues;
}

/**
 * ADF test: OLS of dx_t on [1, x_{t-1}, dx_{t-1}, ..., dx_{t-p}], stat = t value of
 * x_{t-1}. With autolag "AIC", every p in 0..maxLags is fitted on the same rows (the last
 * n - 1 - maxLags), AIC = n log(ssr/n) + 2k (+ constants), the first minimum wins, and
 * the chosen p is refitted on all usable rows (statsmodels' adfuller conventions).
 * NaN in the input is an error (drop them first); stat and pValue are NaN when the
 * regression is singular (e.g. a constant series).
 *
 * @param series Levels x_0..x_{n-1} (e.g. log prices or a spread).
 * @param options Lags, lag selection, regression.
 * @returns Statistic, p-value, lags, nobs, critical values.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { adfTest } from "./adf.ts";
 * // a strongly mean-reverting zig-zag rejects the unit root
 * const x = Float64Array.from({ length: 200 }, (_, i) => (i % 2 ? 1 : -1) + 0.01 * (i % 7));
 * assert.ok(adfTest(x).pValue < 0.01);
 * ```
 */
export function adfTest(
  series: Float64Array,
  options: AdfOptions = {},
): AdfResult {
  const n = series.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i])) {
      throw new RangeError(
        `adfTest needs finite values: index ${i} is ${series[i]}`,
      );
    }
  }
  const withConst = (options.regression ?? "c") === "c";
  const ntrend = withConst ? 1 : 0;
  const auto = options.lags === undefined
    ? (options.autolag ?? "AIC")
    : options.autolag ?? null;
  let maxLags = options.maxLags ?? options.lags ??
    Math.ceil(12 * Math.pow(n / 100, 0.25));
  maxLags = Math.max(0, Math.min(maxLags, Math.floor(n / 2) - ntrend - 1));
  if (n - 1 - maxLags < maxLags + 2 + ntrend) {
    throw new RangeError(
      `adfTest needs more observations: got ${n} for ${maxLags} lags`,
    );
  }
  let lags = maxLags;
  if (auto === "AIC") {
    let best = Infinity;
    for (let p = 0; p <= maxLags; p++) {
      const fit = adfRegression(series, p, maxLags, withConst);
      const m = fit.n;
      const k = p + 1 + ntrend;
      const aic = m * (Math.log(2 * Math.PI) + Math.log(fit.ssr / m) + 1) +
        2 * k;
      if (aic < best) {
        best = aic;
        lags = p;
      }
    }
  }
  const fit = adfRegression(series, lags, lags, withConst);
  const stat = fit.coef[0] / fit.se[0];
  const nSeries = options.nSeries ?? 1;
  return Object.freeze({
    stat,
    pValue: mackinnonP(stat, nSeries),
    lags,
    nobs: fit.n,
    criticalValues: mackinnonCrit(nSeries, fit.n),
  });
}

/** OLS of dx[t] on [x[t], dx[t-1..t-p], 1] for t = sampleLag..n-2. */
function adfRegression(
  x: Float64Array,
  p: number,
  sampleLag: number,
  withConst: boolean,
) {
  const n = x.length;
  const rows = n - 1 - sampleLag;
  const k = 1 + p + (withConst ? 1 : 0);
  const design = new Float64Array(rows * k);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const t = sampleLag + r;
    y[r] = x[t + 1] - x[t];
    const o = r * k;
    design[o] = x[t];
    for (let i = 1; i <= p; i++) design[o + i] = x[t - i + 1] - x[t - i];
    if (withConst) design[o + k - 1] = 1;
  }
  return olsFit(design, y, k);
}
