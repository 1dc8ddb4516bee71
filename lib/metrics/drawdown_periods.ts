/**
 * The worst drawdown periods (pyfolio `gen_drawdown_table`, ffn `drawdown_details`).
 *
 * @module
 */
import { assertSeries, intOption } from "./_validate.ts";
import { _drawdownSeries } from "./drawdown_series.ts";

/** Options of {@linkcode drawdownPeriods}. */
export interface DrawdownPeriodsOptions {
  /** How many periods to return, deepest first (Infinity: all). @default 10 (pyfolio) */
  readonly top?: number;
  /** One date per return; adds `peakDate`, `valleyDate`, `recoveryDate`. */
  readonly dates?: readonly string[];
}

/** One drawdown period: from a peak, down to a valley, back to the peak (or not yet). */
export interface DrawdownPeriod {
  /** Last bar at the running high before the fall (pyfolio's "Peak date"); -1 when the
   * peak is the starting value, before the first return. */
  readonly peakIndex: number;
  /** First bar under water, peakIndex + 1 (ffn's "Start"). */
  readonly startIndex: number;
  /** Bar of the lowest value (the first one if it repeats). */
  readonly valleyIndex: number;
  /** First bar back at the peak value (pyfolio's "Recovery date", ffn's "End");
   * null when not recovered by the last bar. */
  readonly recoveryIndex: number | null;
  readonly recovered: boolean;
  /** value at valley / value at peak - 1: a NEGATIVE fraction (empyrical's sign;
   * pyfolio's "Net drawdown in %" is -100 x this). */
  readonly depth: number;
  /** Bars from peak to valley. */
  readonly daysToValley: number;
  /** Bars from valley to recovery; null when not recovered. */
  readonly daysToRecovery: number | null;
  /** Bars from peak to recovery, or to the last bar when not recovered (still open). */
  readonly lengthDays: number;
  /** With `dates`: the dates of those bars (peakDate null for the starting value). */
  readonly peakDate?: string | null;
  readonly valleyDate?: string;
  readonly recoveryDate?: string | null;
}

/**
 * Drawdown periods of a return series, deepest first. The value is 1 compounded by the
 * returns with the start counted as a peak (as `drawdownSeries`; NaN returns compound as
 * 0); a period runs from the last bar at a running high, through its lowest bar, to the
 * first bar whose value is back at (or above) that high. Periods are ranked by depth,
 * ties by the earlier valley, which is the table pyfolio's `gen_drawdown_table` builds by
 * repeatedly taking the deepest remaining drawdown. Its peak/valley/recovery are our
 * `peakIndex`/`valleyIndex`/`recoveryIndex` (its "Duration" counts business days from
 * peak to recovery inclusive, i.e. `lengthDays + 1` on a calendar without holidays).
 * ffn's `drawdown_details` starts a period at the first bar under water (`startIndex`),
 * ends it at the recovery or, if none, at the last bar (so it cannot tell an open
 * drawdown from one recovered on the last bar), and measures calendar days
 * (`recoveryIndex - startIndex` bars). Lengths here are in bars (trading days for daily
 * returns). A value at t uses returns up to t.
 *
 * @param returns Simple returns per period.
 * @param options `top` (default 10) and `dates`.
 * @returns Frozen periods, deepest first; empty when never under water.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawdownPeriods } from "./drawdown_periods.ts";
 * // 1 -> 1.1 -> 0.55 -> 1.1 (recovered) -> 0.99 (open)
 * const [worst, open] = drawdownPeriods(new Float64Array([0.1, -0.5, 1, -0.1]));
 * assert.deepEqual(
 *   [worst.peakIndex, worst.valleyIndex, worst.recoveryIndex, worst.depth],
 *   [0, 1, 2, -0.5],
 * );
 * assert.equal(open.recovered, false);
 * assert.equal(open.lengthDays, 1);
 * ```
 */
export function drawdownPeriods(
  returns: Float64Array,
  options: DrawdownPeriodsOptions = {},
): readonly DrawdownPeriod[] {
  assertSeries(returns, "returns");
  const top = options.top ?? 10;
  if (top !== Infinity) intOption(top, "top", 1);
  const dates = options.dates;
  if (dates !== undefined && dates.length !== returns.length) {
    throw new RangeError(
      `Cannot compute metric: "dates" expected ${returns.length} dates like "returns", got ${dates.length}`,
    );
  }
  const periods = _drawdownPeriods(returns)
    .sort((a, b) => a.depth - b.depth || a.valleyIndex - b.valleyIndex)
    .slice(0, top);
  return Object.freeze(
    periods.map((p) => Object.freeze(dates ? withDates(p, dates) : p)),
  );
}

/** Every drawdown period in time order (trusting kernel). */
function _drawdownPeriods(returns: Float64Array): DrawdownPeriod[] {
  const dd = _drawdownSeries(returns, 0, returns.length);
  const n = dd.length, out: DrawdownPeriod[] = [];
  let t = 0;
  while (t < n) {
    if (dd[t] === 0) {
      t++;
      continue;
    }
    const peak = t - 1;
    let valley = t, end = t;
    while (end < n && dd[end] < 0) {
      if (dd[end] < dd[valley]) valley = end;
      end++;
    }
    const recovered = end < n;
    out.push({
      peakIndex: peak,
      startIndex: peak + 1,
      valleyIndex: valley,
      recoveryIndex: recovered ? end : null,
      recovered,
      depth: dd[valley],
      daysToValley: valley - peak,
      daysToRecovery: recovered ? end - valley : null,
      lengthDays: (recovered ? end : n - 1) - peak,
    });
    t = end;
  }
  return out;
}

function withDates(
  p: DrawdownPeriod,
  dates: readonly string[],
): DrawdownPeriod {
  return {
    ...p,
    peakDate: p.peakIndex < 0 ? null : dates[p.peakIndex],
    valleyDate: dates[p.valleyIndex],
    recoveryDate: p.recoveryIndex === null ? null : dates[p.recoveryIndex],
  };
}
