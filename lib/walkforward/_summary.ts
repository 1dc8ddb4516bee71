/**
 * Return statistics of a daily simple-return series (local until lib/metrics lands;
 * same conventions: 252 periods a year, sample std n-1, drawdown a negative fraction).
 *
 * @module
 */

/** Headline statistics of daily simple returns. */
export interface ReturnSummary {
  readonly days: number;
  /** `mean / std(n-1) * sqrt(252)`; NaN with fewer than 2 days or zero std. */
  readonly sharpe: number;
  /** `prod(1 + s) - 1`. */
  readonly totalReturn: number;
  /** Largest peak-to-trough fall of `prod(1 + s)` (peak includes the start at 1), <= 0. */
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
  const n = to - from;
  let sum = 0, eq = 1, peak = 1, mdd = 0, up = 0, nz = 0;
  for (let t = from; t < to; t++) {
    const x = s[t];
    sum += x;
    eq *= 1 + x;
    if (eq > peak) peak = eq;
    const dd = eq / peak - 1;
    if (dd < mdd) mdd = dd;
    if (x !== 0) {
      nz++;
      if (x > 0) up++;
    }
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let t = from; t < to; t++) ss += (s[t] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  return Object.freeze({
    days: n,
    sharpe: sd > 0 ? (mean / sd) * Math.sqrt(252) : NaN,
    totalReturn: eq - 1,
    maxDrawdown: mdd,
    annualReturn: n > 0 ? eq ** (252 / n) - 1 : NaN,
    annualVolatility: sd * Math.sqrt(252),
    hitRate: nz > 0 ? up / nz : NaN,
  });
}
