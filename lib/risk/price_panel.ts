/**
 * Align several symbols' bars on their common dates (for stress tests and allocation).
 *
 * @module
 */
import type { Bars, Matrix } from "../_shared/types.ts";

/** Close prices of several symbols on common dates. */
export interface PricePanel {
  readonly symbols: readonly string[];
  readonly dates: readonly string[];
  /** One close column per symbol, each `dates.length` long. */
  readonly close: readonly Float64Array[];
}

/**
 * Closes of several symbols on the dates ALL of them have (inner join), ascending.
 *
 * @param bars One Bars (or symbol, dates and closes) per symbol.
 * @returns The panel (empty dates when there is no overlap).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pricePanel } from "./price_panel.ts";
 * const mk = (symbol: string, dates: string[]) => {
 *   const c = Float64Array.from(dates, (_, i) => 100 + i);
 *   return { symbol, dates, open: c, high: c, low: c, close: c, volume: c };
 * };
 * const p = pricePanel([mk("A", ["d1", "d2", "d3"]), mk("B", ["d2", "d3", "d4"])]);
 * assert.deepEqual(p.dates, ["d2", "d3"]);
 * assert.deepEqual([...p.close[0]], [101, 102]);
 * ```
 */
export function pricePanel(
  bars: readonly Pick<Bars, "symbol" | "dates" | "close">[],
): PricePanel {
  if (bars.length === 0) return { symbols: [], dates: [], close: [] };
  let common = new Set(bars[0].dates);
  for (const b of bars.slice(1)) {
    const s = new Set(b.dates);
    common = new Set([...common].filter((d) => s.has(d)));
  }
  const dates = [...common].sort();
  const close = bars.map((b) => {
    const idx = new Map(b.dates.map((d, i) => [d, i]));
    return Float64Array.from(dates, (d) => b.close[idx.get(d)!]);
  });
  return { symbols: bars.map((b) => b.symbol), dates, close };
}

/**
 * Daily simple returns of a panel as a T x N matrix (rows = days; row 0 is NaN because
 * it has no previous close), with the matching dates.
 *
 * @param panel Aligned closes.
 * @returns `{ returns, dates }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { panelReturns } from "./price_panel.ts";
 * const r = panelReturns({ symbols: ["A"], dates: ["d1", "d2"], close: [new Float64Array([100, 110])] });
 * assert.ok(Number.isNaN(r.returns.data[0]));
 * assert.ok(Math.abs(r.returns.data[1] - 0.1) < 1e-15);
 * ```
 */
export function panelReturns(
  panel: PricePanel,
): { returns: Matrix; dates: readonly string[] } {
  const T = panel.dates.length, N = panel.symbols.length;
  const data = new Float64Array(T * N).fill(NaN);
  for (let j = 0; j < N; j++) {
    const c = panel.close[j];
    for (let t = 1; t < T; t++) data[t * N + j] = c[t] / c[t - 1] - 1;
  }
  return { returns: { data, rows: T, cols: N }, dates: panel.dates };
}
