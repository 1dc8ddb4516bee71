/**
 * When is a week of daily bars complete? The data decides, never the wall clock.
 *
 * A week is an ISO week (Monday to Sunday, `isoWeek`). With the session's symbols'
 * last stored bars, let L be the earliest of them (the symbol furthest behind). Week W
 * is complete when
 * 1. a bar of a later week is stored for every symbol (W is before L's week), or
 * 2. with the `nyse` calendar, L's week is W and L is on or after W's last NYSE trading
 *    day (`isNyseTradingDay`): Friday's bar, or Thursday's in a week whose Friday is a
 *    holiday (Good Friday, July 3 or Christmas Eve observed, ...).
 *
 * With the `none` calendar (markets whose holidays are not the NYSE's), only rule 1
 * applies: a week is complete once the next week's first bar is stored.
 *
 * @module
 */
import { isoWeek, isoWeekRange } from "./iso_week.ts";
import { isNyseTradingDay } from "./trading_calendar.ts";

/** Calendars that can complete a week before the next one starts. */
export const WEEK_CALENDARS = ["nyse", "none"] as const;
/** One of {@linkcode WEEK_CALENDARS}. */
export type WeekCalendar = typeof WEEK_CALENDARS[number];

/** The last complete week and why. */
export interface LastCompleteWeek {
  /** ISO week label, or null when no week is complete. */
  readonly week: string | null;
  /** Sunday of `week`: every bar on or before it belongs to a complete week. */
  readonly through: string | null;
  /** The symbol furthest behind and its last bar (undefined: nothing stored). */
  readonly behind: { readonly symbol: string; readonly date?: string };
  /** The rule that decided, in words. */
  readonly reason: string;
}

/**
 * The last trading day of an ISO week per `calendar` (undefined for `none`, or a week
 * without any trading day).
 *
 * @param week ISO week label `YYYY-Www`.
 * @param calendar `nyse` or `none`.
 * @returns ISO date or undefined.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lastTradingDay } from "./complete_weeks.ts";
 * assert.equal(lastTradingDay("2024-W13", "nyse"), "2024-03-28"); // Good Friday week
 * assert.equal(lastTradingDay("2024-W14", "nyse"), "2024-04-05");
 * ```
 */
export function lastTradingDay(
  week: string,
  calendar: WeekCalendar,
): string | undefined {
  if (calendar === "none") return undefined;
  const { start } = isoWeekRange(week);
  const monday = Date.parse(`${start}T00:00:00Z`);
  for (let k = 4; k >= 0; k--) {
    const d = new Date(monday + k * 86_400_000).toISOString().slice(0, 10);
    if (isNyseTradingDay(d)) return d;
  }
  return undefined;
}

function previousWeek(week: string): string {
  const { start } = isoWeekRange(week);
  return isoWeek(
    new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString()
      .slice(0, 10),
  );
}

/**
 * The last complete ISO week given each symbol's last stored bar (see the module doc).
 *
 * @param lastBars Last stored bar date per symbol (undefined: none stored).
 * @param calendar `nyse` (default in configs) or `none`.
 * @returns The week (null if none is complete), its Sunday, the symbol furthest behind
 *   and the rule that decided.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lastCompleteWeek } from "./complete_weeks.ts";
 * // Thursday 2024-03-28 completes the Good Friday week; Wednesday would not.
 * assert.equal(lastCompleteWeek({ SPY: "2024-03-28" }, "nyse").week, "2024-W13");
 * assert.equal(lastCompleteWeek({ SPY: "2024-03-27" }, "nyse").week, "2024-W12");
 * assert.equal(lastCompleteWeek({ SPY: "2024-03-28" }, "none").week, "2024-W12");
 * ```
 */
export function lastCompleteWeek(
  lastBars: Readonly<Record<string, string | undefined>>,
  calendar: WeekCalendar,
): LastCompleteWeek {
  const symbols = Object.keys(lastBars);
  if (symbols.length === 0) {
    throw new RangeError("No symbol to complete a week");
  }
  let behind = symbols[0];
  for (const s of symbols) {
    const d = lastBars[s], b = lastBars[behind];
    if (d === undefined || (b !== undefined && d < b)) behind = s;
  }
  const last = lastBars[behind];
  if (last === undefined) {
    return {
      week: null,
      through: null,
      behind: { symbol: behind },
      reason: `${behind} has no stored bar`,
    };
  }
  const current = isoWeek(last);
  const closing = lastTradingDay(current, calendar);
  const done = closing !== undefined && last >= closing;
  const week = done ? current : previousWeek(current);
  const reason = done
    ? `${behind}'s last bar ${last} is the last NYSE trading day of ${current}`
    : `${behind}'s last bar is ${last}, in ${current}, which is complete only ${
      closing === undefined
        ? "once a bar of the next week is stored"
        : `with its last NYSE trading day ${closing} (or a bar of a later week)`
    }`;
  return {
    week,
    through: isoWeekRange(week).end,
    behind: { symbol: behind, date: last },
    reason,
  };
}
