/**
 * Bar dates from bar times: the one rule of `loadBars` (daily bars are `YYYY-MM-DD`,
 * intraday bars ISO instants), for panels and shards that carry times as numbers.
 *
 * @module
 */

const DAY_MS = 86_400_000;

/**
 * Bar dates of a span of bar times: `YYYY-MM-DD` when every time is at 00:00 UTC (daily
 * bars, as `loadBars` gives them), else ISO instants. Daily strings are shared through
 * `cache` (a universe has a few thousand distinct days).
 *
 * @param times Milliseconds since the epoch.
 * @param cache Day number to date string.
 * @returns One date per time.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { barDates } from "./bar_dates.ts";
 * assert.deepEqual(barDates(Float64Array.of(0, 86_400_000)), ["1970-01-01", "1970-01-02"]);
 * assert.deepEqual(barDates(Float64Array.of(3_600_000)), ["1970-01-01T01:00:00.000Z"]);
 * ```
 */
export function barDates(
  times: Float64Array,
  cache: Map<number, string> = new Map(),
): string[] {
  let daily = true;
  for (let t = 0; t < times.length && daily; t++) {
    daily = times[t] % DAY_MS === 0;
  }
  const out = new Array<string>(times.length);
  for (let t = 0; t < times.length; t++) {
    if (!daily) {
      out[t] = new Date(times[t]).toISOString();
      continue;
    }
    const day = times[t] / DAY_MS;
    let s = cache.get(day);
    if (s === undefined) {
      cache.set(day, s = new Date(times[t]).toISOString().slice(0, 10));
    }
    out[t] = s;
  }
  return out;
}
