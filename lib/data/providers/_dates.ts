/**
 * Calendar helpers of the connectors (dates are `YYYY-MM-DD` strings).
 *
 * @module
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in an IANA time zone (the exchange date of a bar). */
export function exchangeDate(epochMs: number, tz: string): string {
  let f = formatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: tz,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f.format(new Date(epochMs));
}

/** True when `tz` is a time zone `Intl` knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-CA", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `day` plus `n` calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000)
    .toISOString().slice(0, 10);
}

/** Seconds since the epoch of `day` 00:00 UTC. */
export function epochSeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** Calendar days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round(
    (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000,
  );
}

/** `2020-01-02` -> `20200102`. */
export function compactDay(day: string): string {
  return day.replaceAll("-", "");
}
