/**
 * Drawdown durations.
 *
 * @module
 */
import { assertSeries } from "./_validate.ts";

/** Result of {@linkcode drawdownDuration}. */
export interface DrawdownDurationResult {
  /** Longest run of consecutive periods under water (below the running peak). */
  readonly maxDurationDays: number;
  /** Periods under water at the end of the series (0 when at a peak). */
  readonly currentDurationDays: number;
  /** Share of periods under water, in [0, 1]. */
  readonly underwaterFraction: number;
}

/**
 * How long the account stayed below its running peak. A period is "under water" when
 * its drawdown (see `drawdownSeries`: the start counts as a peak, NaN returns compound as
 * 0) is < 0. Durations count periods (trading days for daily returns); a drawdown that
 * never recovers runs to the last period. NaN for every field on an empty series.
 *
 * @param returns Simple returns per period.
 * @returns Frozen `{ maxDurationDays, currentDurationDays, underwaterFraction }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawdownDuration } from "./drawdown_duration.ts";
 * // under water on days 2-3, recovered on 4, under again on 5
 * const d = drawdownDuration(new Float64Array([0.1, -0.1, 0.05, 0.1, -0.01]));
 * assert.deepEqual({ ...d }, { maxDurationDays: 2, currentDurationDays: 1, underwaterFraction: 0.6 });
 * ```
 */
export function drawdownDuration(
  returns: Float64Array,
): DrawdownDurationResult {
  assertSeries(returns, "returns");
  const n = returns.length;
  if (n === 0) {
    return Object.freeze({
      maxDurationDays: NaN,
      currentDurationDays: NaN,
      underwaterFraction: NaN,
    });
  }
  let g = 1, peak = 1, run = 0, longest = 0, under = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i];
    if (!Number.isNaN(r)) g *= 1 + r;
    if (g >= peak) {
      peak = g;
      run = 0;
    } else {
      run++;
      under++;
      if (run > longest) longest = run;
    }
  }
  return Object.freeze({
    maxDurationDays: longest,
    currentDurationDays: run,
    underwaterFraction: under / n,
  });
}
