/**
 * Clamp a requested date range to the data and cut the bars to it.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";

/** Bars cut to a range, and what was clamped. */
export interface ClampedBars {
  readonly bars: Bars;
  /** Human notes, one per clamped end (empty when nothing was clamped). */
  readonly notes: readonly string[];
}

/**
 * Cut `bars` to `[start, end]` (inclusive ISO dates); an end outside the data is clamped to
 * the data with a note saying so (e.g. the built-in SP500 ends 2020-04-17).
 *
 * @param bars Bars ascending by date.
 * @param start First date wanted. @default the first bar
 * @param end Last date wanted. @default the last bar
 * @returns The cut bars and notes.
 * @throws RangeError when the range holds no bar.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clampRange } from "./clamp_range.ts";
 * const c = new Float64Array([1, 2, 3]);
 * const b = { symbol: "X", dates: ["2020-01-01", "2020-01-02", "2020-01-03"], open: c, high: c, low: c, close: c, volume: c };
 * const r = clampRange(b, "2019-01-01", "2020-01-02");
 * assert.equal(r.bars.dates.length, 2);
 * assert.match(r.notes[0], /clamped to 2020-01-01/);
 * ```
 */
export function clampRange(
  bars: Bars,
  start?: string,
  end?: string,
): ClampedBars {
  const d = bars.dates, n = d.length;
  if (n === 0) {
    throw new RangeError(`No bars for ${bars.symbol} in the store`);
  }
  const notes: string[] = [];
  if (start !== undefined && start < d[0]) {
    notes.push(
      `Note: --start-date ${start} is before the first bar of ${bars.symbol}; clamped to ${
        d[0]
      }`,
    );
  }
  if (end !== undefined && end > d[n - 1].slice(0, 10)) {
    notes.push(
      `Note: --end-date ${end} is after the last bar of ${bars.symbol}; clamped to ${
        d[n - 1]
      }`,
    );
  }
  let i = 0, j = n;
  if (start !== undefined) { while (i < n && d[i] < start) i++; }
  if (end !== undefined) { while (j > i && d[j - 1].slice(0, 10) > end) j--; }
  if (j <= i) {
    throw new RangeError(
      `No bars of ${bars.symbol} between ${start ?? d[0]} and ${
        end ?? d[n - 1]
      }: the data covers ${d[0]}..${d[n - 1]}`,
    );
  }
  if (i === 0 && j === n) return { bars, notes };
  return {
    bars: Object.freeze({
      symbol: bars.symbol,
      dates: d.slice(i, j),
      open: bars.open.slice(i, j),
      high: bars.high.slice(i, j),
      low: bars.low.slice(i, j),
      close: bars.close.slice(i, j),
      volume: bars.volume.slice(i, j),
    }),
    notes,
  };
}
