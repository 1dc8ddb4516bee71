/**
 * Return statistics of a daily simple-return series, from lib/metrics (252 periods a year,
 * sample std n-1, drawdown a negative fraction).
 *
 * @module
 */
import {
  annualReturn,
  annualVolatility,
  cumReturnsFinal,
  hitRate,
  maxDrawdown,
  sharpeRatio,
} from "../metrics/mod.ts";

/** Headline statistics of daily simple returns. */
export interface ReturnSummary {
  readonly days: number;
  /** `mean / std(n-1) * sqrt(252)` (lib/metrics `sharpeRatio`; NaN under 2 days). */
  readonly sharpe: number;
  /** `prod(1 + s) - 1`. */
  readonly totalReturn: number;
  /** Largest peak-to-trough fall of `prod(1 + s)` (the start counts as a peak), <= 0. */
  readonly maxDrawdown: number;
  /** `prod(1 + s)^(252 / n) - 1`. */
  readonly annualReturn: number;
  /** `std(n-1) * sqrt(252)`. */
  readonly annualVolatility: number;
  /** Share of days with s > 0 among days with s != 0 (NaN when none). */
  readonly hitRate: number;
}

/** Summarise `s[from..to)`. */
export function summarizeReturns(
  s: Float64Array,
  from = 0,
  to = s.length,
): ReturnSummary {
  const r = s.subarray(from, to);
  return Object.freeze({
    days: r.length,
    sharpe: sharpeRatio(r),
    totalReturn: r.length > 0 ? cumReturnsFinal(r) : 0,
    maxDrawdown: maxDrawdown(r),
    annualReturn: annualReturn(r),
    annualVolatility: annualVolatility(r),
    hitRate: hitRate(r),
  });
}
