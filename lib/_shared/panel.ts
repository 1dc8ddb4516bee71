/**
 * Panels: the bars of several symbols stacked in typed columns (one read of a universe,
 * one shard of a universe run), and one symbol's bars as views of them.
 *
 * @module
 */
import { barDates } from "./bar_dates.ts";
import type { Bars } from "./types.ts";

/**
 * Bars of several symbols stacked: the rows of symbol `i` are
 * `[offsets[i], offsets[i + 1])` of every column, ascending by time.
 */
export interface Panel {
  readonly symbols: readonly string[];
  /** `symbols.length + 1` row offsets. */
  readonly offsets: Int32Array;
  /** Bar times as milliseconds since 1970-01-01 UTC. */
  readonly times: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Symbol `i`'s bars: the columns are views of the panel's (no copy), the dates built
 * from its bar times (see {@linkcode barDates}).
 *
 * @param panel A panel.
 * @param i Index of the symbol.
 * @param cache Shared date strings.
 * @returns The bars, equal to `loadBars(db, panel.symbols[i])`.
 */
export function panelBars(
  panel: Panel,
  i: number,
  cache: Map<number, string> = new Map(),
): Bars {
  const a = panel.offsets[i], b = panel.offsets[i + 1];
  return {
    symbol: panel.symbols[i],
    dates: barDates(panel.times.subarray(a, b), cache),
    open: panel.open.subarray(a, b),
    high: panel.high.subarray(a, b),
    low: panel.low.subarray(a, b),
    close: panel.close.subarray(a, b),
    volume: panel.volume.subarray(a, b),
  };
}
