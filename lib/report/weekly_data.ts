/**
 * Weekly slices of a daily series and the backtest's weekly expectation.
 *
 * @module
 */
import { cumReturnsFinal } from "../metrics/mod.ts";
import { fixed, pct } from "./_format.ts";
import { isoWeek, isoWeekRange } from "../data/mod.ts";
import type { HeadlineCard } from "./model.ts";

/** Index ranges `[from, to)` of each ISO week present in ascending `dates`. */
export function weekRanges(
  dates: readonly string[],
): { week: string; from: number; to: number }[] {
  const out: { week: string; from: number; to: number }[] = [];
  for (let i = 0; i < dates.length; i++) {
    const w = isoWeek(dates[i].slice(0, 10));
    const last = out.at(-1);
    if (last && last.week === w) last.to = i + 1;
    else out.push({ week: w, from: i, to: i + 1 });
  }
  return out;
}

/** Mean and sample std (n-1) of compounded weekly returns; the expectation of a week. */
export interface WeeklyExpectation {
  /** Weeks with a finite return. */
  readonly weeks: number;
  /** Mean compounded weekly return. */
  readonly mean: number;
  /** Sample standard deviation (n-1) of the weekly returns. */
  readonly std: number;
}

/**
 * Compounded return of every ISO week (lib/metrics `cumReturnsFinal`) and their mean and
 * sample standard deviation.
 *
 * @param dates ISO dates, ascending.
 * @param returns Daily simple returns.
 * @returns Weekly returns and the expectation.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { weeklyReturns } from "./weekly_data.ts";
 * const w = weeklyReturns(["2020-03-16", "2020-03-17", "2020-03-23"], new Float64Array([0.1, 0.1, 0.01]));
 * assert.equal(w.returns.length, 2);
 * assert.ok(Math.abs(w.returns[0].ret - 0.21) < 1e-12);
 * assert.ok(Math.abs(w.expectation.mean - 0.11) < 1e-12);
 * ```
 */
export function weeklyReturns(
  dates: readonly string[],
  returns: Float64Array,
): {
  returns: { week: string; ret: number }[];
  expectation: WeeklyExpectation;
} {
  const rs = weekRanges(dates).map((w) => ({
    week: w.week,
    ret: cumReturnsFinal(returns.subarray(w.from, w.to)),
  }));
  const xs = rs.map((r) => r.ret).filter(Number.isFinite);
  const n = xs.length;
  const mean = n ? xs.reduce((a, b) => a + b, 0) / n : NaN;
  const std = n > 1
    ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1))
    : NaN;
  return { returns: rs, expectation: { weeks: n, mean, std } };
}

/** File-name-safe form of a run or session id. */
export function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 80);
}

/** One ISO week's index range `[from, to)` in a daily series. */
export interface WeekRange {
  readonly week: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The weeks to report: `week` only (RangeError naming the available range when the
 * source has no day in it), else the last `lastWeeks`, else all.
 */
export function pickWeeks(
  dates: readonly string[],
  options: { week?: string; lastWeeks?: number },
  source: string,
): WeekRange[] {
  const all = weekRanges(dates);
  if (options.week !== undefined) {
    isoWeekRange(options.week); // validates the label
    const w = all.filter((x) => x.week === options.week);
    if (w.length === 0) {
      throw new RangeError(
        `Cannot report week ${options.week}: ${source} has data from ${
          all[0]?.week ?? "-"
        } to ${all.at(-1)?.week ?? "-"}`,
      );
    }
    return w;
  }
  return options.lastWeeks ? all.slice(-options.lastWeeks) : all;
}

/** Cards comparing a week's return with the backtest's weekly mean and std (z-score). */
export function expectationCards(
  ret: number,
  e: WeeklyExpectation,
): HeadlineCard[] {
  return [
    { label: "Backtest mean week", value: pct(e.mean) },
    { label: "Backtest weekly std", value: pct(e.std) },
    {
      label: "This week vs expectation (z)",
      value: fixed((ret - e.mean) / e.std),
    },
  ];
}
