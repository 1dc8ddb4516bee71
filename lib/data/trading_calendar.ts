/**
 * The NYSE trading calendar: weekdays minus the exchange's full-day holidays, by rule,
 * plus its unscheduled full-day closures since 2001. Used to tell when a week of daily
 * bars is complete (its last trading day is stored).
 *
 * Holiday rules (NYSE Rule 7.2 and its observance conventions):
 * - New Year's Day, January 1 (Sunday: Monday January 2; Saturday: not observed);
 * - Martin Luther King Jr. Day, the third Monday of January;
 * - Washington's Birthday, the third Monday of February;
 * - Good Friday, two days before Easter Sunday (Gregorian computus);
 * - Memorial Day, the last Monday of May;
 * - Juneteenth, June 19, from 2022 (Saturday: Friday before; Sunday: Monday after);
 * - Independence Day, July 4 (Saturday: Friday before; Sunday: Monday after);
 * - Labor Day, the first Monday of September;
 * - Thanksgiving Day, the fourth Thursday of November;
 * - Christmas Day, December 25 (Saturday: Friday before; Sunday: Monday after).
 *
 * Early closes (half days) are trading days. A closure nobody scheduled (a storm, a day
 * of mourning) is unknown to the calendar until added to the list below.
 *
 * @module
 */

const DAY = 86_400_000;

/** NYSE full-day closures outside the holiday rules, 2001 onwards. */
const UNSCHEDULED: readonly string[] = [
  "2001-09-11", // September 11 attacks, to September 14
  "2001-09-12",
  "2001-09-13",
  "2001-09-14",
  "2004-06-11", // national day of mourning, President Reagan
  "2007-01-02", // national day of mourning, President Ford
  "2012-10-29", // Hurricane Sandy
  "2012-10-30",
  "2018-12-05", // national day of mourning, President G. H. W. Bush
  "2025-01-09", // national day of mourning, President Carter
];

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function utc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

/** The `n`-th (1-based) `weekday` (0 = Sunday) of a month; n = -1: the last one. */
function nthWeekday(
  year: number,
  month: number,
  weekday: number,
  n: number,
): number {
  if (n > 0) {
    const first = utc(year, month, 1);
    const shift = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (shift + 7 * (n - 1)) * DAY;
  }
  const last = utc(year, month + 1, 0);
  const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - back * DAY;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm). */
function easter(year: number): number {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** A fixed-date holiday moved off a weekend: Saturday to Friday, Sunday to Monday. */
function observed(t: number): number {
  const dow = new Date(t).getUTCDay();
  return dow === 6 ? t - DAY : dow === 0 ? t + DAY : t;
}

const cache = new Map<number, readonly string[]>();

/**
 * The NYSE's full-day holidays of a year, by rule (see the module doc), ascending.
 *
 * @param year Gregorian year (rules as they stand since 2022; Juneteenth from 2022).
 * @returns ISO dates.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nyseHolidays } from "./trading_calendar.ts";
 * assert.deepEqual(nyseHolidays(2024), [
 *   "2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27",
 *   "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25",
 * ]);
 * ```
 */
export function nyseHolidays(year: number): readonly string[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9998) {
    throw new RangeError(`Cannot list NYSE holidays of year ${year}`);
  }
  const hit = cache.get(year);
  if (hit) return hit;
  const newYear = utc(year, 1, 1);
  const days = [
    new Date(newYear).getUTCDay() === 0 ? newYear + DAY : NaN,
    new Date(newYear).getUTCDay() === 6 ? NaN : newYear,
    nthWeekday(year, 1, 1, 3),
    nthWeekday(year, 2, 1, 3),
    easter(year) - 2 * DAY,
    nthWeekday(year, 5, 1, -1),
    year >= 2022 ? observed(utc(year, 6, 19)) : NaN,
    observed(utc(year, 7, 4)),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 11, 4, 4),
    observed(utc(year, 12, 25)),
  ];
  const out = days.filter((t) =>
    Number.isFinite(t) && new Date(t).getUTCDay() % 6 !== 0
  )
    .map(iso).sort();
  cache.set(year, out);
  return out;
}

/**
 * Whether the NYSE trades on a date: a weekday that is neither a holiday by rule nor an
 * unscheduled closure.
 *
 * @param date ISO date `YYYY-MM-DD`.
 * @returns True on a trading day (early closes included).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isNyseTradingDay } from "./trading_calendar.ts";
 * assert.equal(isNyseTradingDay("2024-03-29"), false); // Good Friday
 * assert.equal(isNyseTradingDay("2024-03-28"), true);
 * ```
 */
export function isNyseTradingDay(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) {
    throw new RangeError(
      `Cannot read a date: expected "YYYY-MM-DD", got "${date}"`,
    );
  }
  const dow = new Date(utc(+m[1], +m[2], +m[3])).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  return !nyseHolidays(+m[1]).includes(date) && !UNSCHEDULED.includes(date);
}
