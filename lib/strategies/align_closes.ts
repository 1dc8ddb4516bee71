/**
 * Align several symbols' closes on one calendar.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";

/** Closes of several symbols on the union of their dates. */
export interface AlignedCloses {
  /** Every date any symbol has, ascending. */
  readonly dates: readonly string[];
  /** One column per symbol, in the input order; NaN where the symbol has no bar. */
  readonly closes: readonly Float64Array[];
  readonly symbols: readonly string[];
}

/**
 * Put several symbols' closes on the union of their dates (an outer join by date,
 * never filled: a missing bar is NaN, so pairwise statistics drop it instead of
 * inventing a price).
 *
 * @param bars One {@linkcode Bars} per symbol (dates ascending, unique).
 * @returns Frozen dates, one close column per symbol, the symbols.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alignCloses } from "./align_closes.ts";
 * const bar = (symbol: string, dates: string[], close: number[]) => ({
 *   symbol, dates, close: Float64Array.from(close), open: new Float64Array(close.length),
 *   high: new Float64Array(close.length), low: new Float64Array(close.length),
 *   volume: new Float64Array(close.length),
 * });
 * const a = alignCloses([bar("A", ["2020-01-01", "2020-01-03"], [1, 3]), bar("B", ["2020-01-02", "2020-01-03"], [5, 6])]);
 * assert.deepEqual(a.dates, ["2020-01-01", "2020-01-02", "2020-01-03"]);
 * assert.deepEqual([...a.closes[1]], [NaN, 5, 6]);
 * ```
 */
export function alignCloses(bars: readonly Bars[]): AlignedCloses {
  const all = new Set<string>();
  for (const b of bars) for (const d of b.dates) all.add(d);
  const dates = [...all].sort();
  const at = new Map(dates.map((d, i) => [d, i]));
  const closes = bars.map((b) => {
    const col = new Float64Array(dates.length).fill(NaN);
    b.dates.forEach((d, i) => (col[at.get(d)!] = b.close[i]));
    return col;
  });
  return Object.freeze({
    dates: Object.freeze(dates),
    closes: Object.freeze(closes),
    symbols: Object.freeze(bars.map((b) => b.symbol)),
  });
}
