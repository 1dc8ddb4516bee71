/**
 * Periods a year of a date index, for annualising figures of data that is not daily.
 *
 * @module
 */

/** Median calendar-day gap up to which a frequency is recognised, and its periods a year. */
const FREQUENCIES: readonly (readonly [maxGapDays: number, periods: number])[] =
  [
    [4, 252], // trading days (weekends give 3-day gaps)
    [10, 52], // weeks
    [45, 12], // months
    [120, 4], // quarters
    [400, 1], // years
  ];

/**
 * Periods a year of ISO dates (`YYYY-MM-DD...`, ascending), from the median gap in
 * calendar days between consecutive dates: up to 4 days 252 (trading days), 10 days 52,
 * 45 days 12, 120 days 4, 400 days 1.
 *
 * @param dates At least two ascending dates.
 * @returns 252, 52, 12, 4 or 1.
 * @throws RangeError with fewer than two dates or a median gap over 400 days.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { inferPeriodsPerYear } from "./periods_per_year.ts";
 * assert.equal(inferPeriodsPerYear(["2020-01-02", "2020-01-03", "2020-01-06"]), 252);
 * assert.equal(inferPeriodsPerYear(["2000-01-01", "2000-02-01", "2000-03-01"]), 12);
 * ```
 */
export function inferPeriodsPerYear(dates: readonly string[]): number {
  if (dates.length < 2) {
    throw new RangeError(
      `Cannot infer periods a year from ${dates.length} date(s): expected at least 2`,
    );
  }
  const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 864e5;
  const gaps = dates.slice(1).map((d, i) => day(d) - day(dates[i]))
    .sort((a, b) => a - b);
  const median = gaps[Math.floor((gaps.length - 1) / 2)];
  const hit = FREQUENCIES.find(([max]) => median <= max);
  if (!hit) {
    throw new RangeError(
      `Cannot infer periods a year: the median gap between dates is ${median} days (expected at most 400)`,
    );
  }
  return hit[1];
}
