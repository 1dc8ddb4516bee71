/**
 * Performance metrics, compatible with empyrical (same names in camelCase, same
 * conventions), plus trade statistics, drawdown durations and periods (pyfolio / ffn
 * tables), the ulcer index, turnover / exposure, the probabilistic and deflated Sharpe
 * ratios, minimum track record and backtest lengths, the probability of backtest
 * overfitting with R pbo's outputs, multiple-testing corrections, and the one normal
 * distribution of the lib.
 *
 * Conventions: simple returns per period as `Float64Array` (NaN = missing); 252 periods
 * a year unless `periodsPerYear` says otherwise; `riskFree` and `requiredReturn` are PER
 * PERIOD (except `omegaRatio`'s annual `requiredReturn`, as in empyrical); standard
 * deviations are sample ones (ddof 1); drawdowns are NEGATIVE fractions with the
 * starting value counted as a peak; NaN returns compound as 0 but still count as time in
 * `annualReturn`. Rolling statistics return n - window + 1 values aligned to the window's
 * last row. Every function is pure and never mutates its inputs.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { annualReturn, maxDrawdown, sharpeRatio, sortinoRatio } from "./mod.ts";
 * const r = Float64Array.from({ length: 504 }, (_, i) => 0.0004 + 0.01 * Math.sin(i * 1.7));
 * const report = {
 *   sharpe: sharpeRatio(r),
 *   sortino: sortinoRatio(r),
 *   cagr: annualReturn(r),
 *   maxDrawdown: maxDrawdown(r),
 * };
 * assert.ok(report.sharpe > 0 && report.maxDrawdown < 0);
 * ```
 *
 * @module
 */
export type {
  AlphaBeta,
  PeriodOptions,
  RiskFreeOptions,
  RollingAlphaBeta,
  WindowOptions,
} from "./types.ts";
export { cumReturns, cumReturnsFinal } from "./cum_returns.ts";
export type { CumReturnsOptions } from "./cum_returns.ts";
export { drawdownSeries } from "./drawdown_series.ts";
export { maxDrawdown } from "./max_drawdown.ts";
export { drawdownDuration } from "./drawdown_duration.ts";
export { drawdownPeriods } from "./drawdown_periods.ts";
export type {
  DrawdownPeriod,
  DrawdownPeriodsOptions,
} from "./drawdown_periods.ts";
export { ulcerIndex, ulcerPerformanceIndex } from "./ulcer_index.ts";
export type { UlcerPerformanceOptions } from "./ulcer_index.ts";
export type { DrawdownDurationResult } from "./drawdown_duration.ts";
export { annualReturn, cagr } from "./annual_return.ts";
export type { AnnualReturnOptions } from "./annual_return.ts";
export { annualVolatility } from "./annual_volatility.ts";
export type { AnnualVolatilityOptions } from "./annual_volatility.ts";
export { calmarRatio } from "./calmar_ratio.ts";
export type { CalmarRatioOptions } from "./calmar_ratio.ts";
export { omegaRatio } from "./omega_ratio.ts";
export type { OmegaRatioOptions } from "./omega_ratio.ts";
export { sharpeRatio } from "./sharpe_ratio.ts";
export type { SharpeRatioOptions } from "./sharpe_ratio.ts";
export { excessSharpe } from "./excess_sharpe.ts";
export { correlation } from "./correlation.ts";
export { downsideRisk } from "./downside_risk.ts";
export type { DownsideRiskOptions } from "./downside_risk.ts";
export { sortinoRatio } from "./sortino_ratio.ts";
export type { SortinoRatioOptions } from "./sortino_ratio.ts";
export { alpha, alphaBeta, beta } from "./alpha_beta.ts";
export type { AlphaBetaOptions } from "./alpha_beta.ts";
export { downAlphaBeta, upAlphaBeta } from "./up_down_alpha_beta.ts";
export { stabilityOfTimeseries } from "./stability_of_timeseries.ts";
export { tailRatio } from "./tail_ratio.ts";
export { conditionalValueAtRisk, valueAtRisk } from "./value_at_risk.ts";
export type { ValueAtRiskOptions } from "./value_at_risk.ts";
export { capture, downCapture, upCapture, upDownCapture } from "./capture.ts";
export type { CaptureOptions } from "./capture.ts";
export { rollAlphaBeta, rollMaxDrawdown, rollSharpeRatio } from "./rolling.ts";
export {
  rollDownCapture,
  rollUpCapture,
  rollUpDownCapture,
} from "./roll_capture.ts";
export type { RollingOptions } from "./rolling.ts";
export { tradeStats } from "./trade_stats.ts";
export type { TradeStatsResult } from "./trade_stats.ts";
export { annualTurnover, turnover } from "./turnover.ts";
export { exposure } from "./exposure.ts";
export type { ExposureResult } from "./exposure.ts";
export { hitRate } from "./hit_rate.ts";
export { kurtosis, skewness } from "./moments.ts";
export { normalCdf, normalInv, normalPdf } from "./normal.ts";
export {
  finiteValues,
  meanStd,
  populationMoments,
  quantileSorted,
  tailMean,
} from "./_stats.ts";
export { adjustPValues, P_VALUE_CORRECTIONS } from "./adjust_p_values.ts";
export type { PValueCorrection } from "./adjust_p_values.ts";
export { probabilisticSharpeRatio } from "./probabilistic_sharpe_ratio.ts";
export type { ProbabilisticSharpeOptions } from "./probabilistic_sharpe_ratio.ts";
export {
  deflatedSharpeRatio,
  expectedMaxSharpe,
} from "./deflated_sharpe_ratio.ts";
export type {
  DeflatedSharpe,
  DeflatedSharpeOptions,
} from "./deflated_sharpe_ratio.ts";
export {
  minBacktestLength,
  minTrackRecordLength,
} from "./track_record_length.ts";
export type { MinTrackRecordOptions } from "./track_record_length.ts";
export { probabilityOfBacktestOverfitting } from "./probability_of_backtest_overfitting.ts";
export type {
  PboDegradation,
  PboOptions,
  PboResult,
} from "./probability_of_backtest_overfitting.ts";
export { inferPeriodsPerYear } from "./periods_per_year.ts";
