/**
 * Private performance summary (same conventions as lib/metrics: 252/yr for daily data,
 * std n - 1, maxDrawdown negative). Kept local so lib/portfolio does not wait on
 * lib/metrics.
 *
 * @module
 */

/** Summary of a daily return series. */
export interface ReturnSummary {
  /** Compounded annual growth rate. */
  readonly annualReturn: number;
  /** std (n - 1) x sqrt(252). */
  readonly annualVolatility: number;
  /** mean / std x sqrt(252), risk-free 0. */
  readonly sharpe: number;
  /** Largest peak-to-trough fall of equity, negative fraction (empyrical). */
  readonly maxDrawdown: number;
  readonly totalReturn: number;
  readonly days: number;
}

/** Summarise simple returns of `periodsPerYear` periods a year (252: daily). */
export function summarise(
  r: ArrayLike<number>,
  periodsPerYear = 252,
): ReturnSummary {
  const n = r.length;
  let eq = 1, peak = 1, mdd = 0, s = 0;
  for (let t = 0; t < n; t++) {
    eq *= 1 + r[t];
    peak = Math.max(peak, eq);
    mdd = Math.min(mdd, eq / peak - 1);
    s += r[t];
  }
  const m = s / n;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (r[t] - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return {
    annualReturn: n > 0 ? Math.pow(eq, periodsPerYear / n) - 1 : NaN,
    annualVolatility: sd * Math.sqrt(periodsPerYear),
    sharpe: sd > 0 ? (m / sd) * Math.sqrt(periodsPerYear) : NaN,
    maxDrawdown: n > 0 ? mdd : NaN,
    totalReturn: eq - 1,
    days: n,
  };
}
