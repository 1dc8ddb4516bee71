/**
 * ISO-8601 week label of a calendar date ("YYYY-Www"), computed in UTC.
 *
 * Weeks start on Monday; week 1 is the week containing the year's first Thursday, so
 * 2020-12-31 and 2021-01-03 are in 2020-W53 and 2021-01-04 starts 2021-W01.
 *
 * @param date ISO date "YYYY-MM-DD".
 * @returns The week label, e.g. "2020-W12".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isoWeek } from "./iso_week.ts";
 * assert.equal(isoWeek("2021-01-03"), "2020-W53");
 * ```
 */
export function isoWeek(date: string): string {
  const t = parseDay(date);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(t + (3 - dow) * DAY);
  const year = thursday.getUTCFullYear();
  const week =
    Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/**
 * First (Monday) and last (Sunday) calendar dates of an ISO week.
 *
 * @param week Week label "YYYY-Www".
 * @returns `{ start, end }` as ISO dates.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isoWeekRange } from "./iso_week.ts";
 * assert.deepEqual(isoWeekRange("2020-W53"), { start: "2020-12-28", end: "2021-01-03" });
 * ```
 */
export function isoWeekRange(week: string): { start: string; end: string } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) {
    throw new RangeError(
      `Cannot parse ISO week: expected "YYYY-Www", got "${week}"`,
    );
  }
  const year = Number(m[1]);
  const n = Number(m[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const start = monday1 + (n - 1) * 7 * DAY;
  if (n < 1 || isoWeek(toIso(start)) !== week) {
    throw new RangeError(
      `Cannot parse ISO week: ${year} has no week ${n}, got "${week}"`,
    );
  }
  return { start: toIso(start), end: toIso(start + 6 * DAY) };
}

const DAY = 86_400_000;

function parseDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) {
    throw new RangeError(
      `Cannot compute ISO week: expected "YYYY-MM-DD", got "${date}"`,
    );
  }
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function toIso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
