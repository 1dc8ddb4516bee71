/**
 * Option types shared by the metrics (each statistic's own options extend these).
 *
 * @module
 */

/** Annualisation. */
export interface PeriodOptions {
  /** Return periods per year (252 trading days; 52 weekly; 12 monthly; 1 yearly).
   * @default {252} */
  readonly periodsPerYear?: number;
}

/** Risk-free rate per period (NOT annual): one number, or one value per row. */
export interface RiskFreeOptions {
  /** Per-period risk-free return, e.g. 0.02 / 252 for 2 % a year.
   * @default {0} */
  readonly riskFree?: number | Float64Array;
}

/** Options of the rolling statistics. */
export interface WindowOptions {
  /** Trailing window length in periods (empyrical's default for its roll_* functions).
   * @default {10} */
  readonly window?: number;
}

/** Alpha and beta of a strategy against a factor (benchmark). */
export interface AlphaBeta {
  /** Annualised, compounded alpha: (1 + mean(alpha series))^periodsPerYear - 1. */
  readonly alpha: number;
  /** OLS slope of excess returns on excess factor returns (population covariances). */
  readonly beta: number;
}

/** Rolling alpha and beta, one value per window end. */
export interface RollingAlphaBeta {
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
}
