/**
 * Growing per-symbol bar history of a session, exposed as {@linkcode Bars} views so the
 * strategies of `lib/strategies` (which take whole `Bars`) can run on data up to t.
 * Capacity doubles as bars arrive; views are `subarray`s, never copies.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { Bar } from "../backtest/mod.ts";

interface Columns {
  dates: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  n: number;
}

/** Bars seen so far, per symbol. */
export interface History {
  readonly symbols: readonly string[];
  readonly columns: Map<string, Columns>;
  /** Last date appended (any symbol). */
  lastDate: string | null;
}

/** An empty history for `symbols`. */
export function createHistory(symbols: readonly string[]): History {
  const columns = new Map<string, Columns>();
  for (const s of symbols) {
    const cap = 512;
    columns.set(s, {
      dates: [],
      open: new Float64Array(cap),
      high: new Float64Array(cap),
      low: new Float64Array(cap),
      close: new Float64Array(cap),
      volume: new Float64Array(cap),
      n: 0,
    });
  }
  return { symbols, columns, lastDate: null };
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

/** Append one bar (its symbol must be one of the history's). */
export function appendBar(h: History, bar: Bar): void {
  const c = h.columns.get(bar.symbol);
  if (!c) {
    throw new RangeError(
      `Bar for unknown symbol "${bar.symbol}": expected one of ${
        h.symbols.join(", ")
      }`,
    );
  }
  if (c.n === c.close.length) {
    c.open = grow(c.open);
    c.high = grow(c.high);
    c.low = grow(c.low);
    c.close = grow(c.close);
    c.volume = grow(c.volume);
  }
  c.dates.push(bar.date);
  c.open[c.n] = bar.open;
  c.high[c.n] = bar.high;
  c.low[c.n] = bar.low;
  c.close[c.n] = bar.close;
  c.volume[c.n] = bar.volume;
  c.n++;
  if (h.lastDate === null || bar.date > h.lastDate) h.lastDate = bar.date;
}

/** The bars of `symbol` seen so far, as a `Bars` view (no copy). */
export function historyBars(h: History, symbol: string): Bars {
  const c = h.columns.get(symbol);
  if (!c) throw new RangeError(`No history for symbol "${symbol}"`);
  return {
    symbol,
    dates: c.dates,
    open: c.open.subarray(0, c.n),
    high: c.high.subarray(0, c.n),
    low: c.low.subarray(0, c.n),
    close: c.close.subarray(0, c.n),
    volume: c.volume.subarray(0, c.n),
  };
}

/** Last close of `symbol`, NaN before its first bar. */
export function lastClose(h: History, symbol: string): number {
  const c = h.columns.get(symbol);
  return c && c.n > 0 ? c.close[c.n - 1] : NaN;
}
