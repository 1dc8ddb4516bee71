/**
 * Align several symbols' bars on their common dates.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";

/**
 * Inner join of bars on date: keeps the dates present in every input, in ascending
 * order, so a pair or cross-section shares one row index.
 *
 * @param bars Bars per symbol (each ascending by date).
 * @returns New Bars with equal dates.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alignBars } from "./align_bars.ts";
 * const mk = (dates: string[]) => {
 *   const x = Float64Array.from(dates, (_, i) => i + 1);
 *   return { symbol: "S", dates, open: x, high: x, low: x, close: x, volume: x };
 * };
 * const [a, b] = alignBars([mk(["d1", "d2", "d3"]), mk(["d2", "d3", "d4"])]);
 * assert.deepEqual(a.dates, ["d2", "d3"]);
 * assert.deepEqual([...b.close], [1, 2]);
 * ```
 */
export function alignBars(bars: readonly Bars[]): Bars[] {
  if (bars.length === 0) return [];
  const count = new Map<string, number>();
  for (const b of bars) {
    for (const d of b.dates) count.set(d, (count.get(d) ?? 0) + 1);
  }
  const keep = new Set(
    [...count].filter(([, c]) => c === bars.length).map(([d]) => d),
  );
  return bars.map((b) => {
    const idx: number[] = [];
    b.dates.forEach((d, i) => keep.has(d) && idx.push(i));
    const pick = (x: Float64Array) => Float64Array.from(idx, (i) => x[i]);
    return {
      symbol: b.symbol,
      dates: idx.map((i) => b.dates[i]),
      open: pick(b.open),
      high: pick(b.high),
      low: pick(b.low),
      close: pick(b.close),
      volume: pick(b.volume),
    };
  });
}
