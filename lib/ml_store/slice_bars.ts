/**
 * Restrict bars to a date range.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";

/**
 * Keep the bars with `start <= date <= end` (ISO strings compare in time order; a missing
 * bound is open).
 *
 * @param bars Bars ascending by date.
 * @param start First date kept.
 * @param end Last date kept.
 * @returns New bars (columns copied).
 * @example
 * ```ts
 * import { sliceBars } from "./slice_bars.ts";
 * import assert from "node:assert/strict";
 * const c = new Float64Array([1, 2, 3]);
 * const b = { symbol: "X", dates: ["2020-01-01", "2020-01-02", "2020-01-03"], open: c, high: c, low: c, close: c, volume: c };
 * assert.deepEqual(sliceBars(b, "2020-01-02").dates, ["2020-01-02", "2020-01-03"]);
 * ```
 */
export function sliceBars(bars: Bars, start?: string, end?: string): Bars {
  let i = 0, j = bars.dates.length;
  while (i < j && start !== undefined && bars.dates[i] < start) i++;
  while (j > i && end !== undefined && bars.dates[j - 1] > end) j--;
  return {
    symbol: bars.symbol,
    dates: bars.dates.slice(i, j),
    open: bars.open.slice(i, j),
    high: bars.high.slice(i, j),
    low: bars.low.slice(i, j),
    close: bars.close.slice(i, j),
    volume: bars.volume.slice(i, j),
  };
}
