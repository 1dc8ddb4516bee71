/**
 * The bars a report draws on (through lib/data), read without creating tables in a store
 * that has none.
 *
 * @module
 */
import { type DbEngine, listSymbols, loadBars } from "../data/mod.ts";
import { tableExists } from "../store/mod.ts";

/**
 * Stored closes of a symbol (lib/data `loadBars`: adjusted where the source had it,
 * ascending), or null when the store has no bars of it.
 *
 * @param db The store.
 * @param symbol The symbol.
 * @returns Dates and closes, or null.
 */
export async function readCloses(
  db: DbEngine,
  symbol: string,
): Promise<{ dates: readonly string[]; close: Float64Array } | null> {
  if (!(await readBarSymbols(db)).includes(symbol)) return null;
  const bars = await loadBars(db, symbol);
  return bars.dates.length ? { dates: bars.dates, close: bars.close } : null;
}

/**
 * Symbols with bars in the store ([] when there is no `bars` table).
 *
 * @param db The store.
 * @returns The symbols, sorted.
 */
export async function readBarSymbols(db: DbEngine): Promise<string[]> {
  if (!(await tableExists(db, "bars"))) return [];
  return (await listSymbols(db)).map((s) => s.symbol);
}

/**
 * Buy-and-hold returns of `symbol` on the given dates, as a tearsheet benchmark:
 * `forward` (a return dated t is earned from the close of t to the next close, as the
 * walk-forward books its out-of-sample days) or `trailing` (from the previous close to
 * the close of t, as a paper session marks equity). NaN where the symbol has no bar.
 *
 * @param db The store.
 * @param symbol The benchmark symbol.
 * @param dates The strategy's dates.
 * @param timing How the strategy dates its returns.
 * @returns The benchmark, or null when the store has no bars of the symbol.
 */
export async function heldBenchmark(
  db: DbEngine,
  symbol: string,
  dates: readonly string[],
  timing: "forward" | "trailing",
): Promise<{ name: string; returns: Float64Array } | null> {
  const c = await readCloses(db, symbol);
  if (!c) return null;
  const at = new Map(c.dates.map((d, i) => [d, i]));
  const step = timing === "forward" ? 1 : -1;
  const returns = Float64Array.from(dates, (d) => {
    const i = at.get(d.slice(0, 10));
    if (i === undefined) return NaN;
    const j = i + step;
    if (j < 0 || j >= c.close.length) return NaN;
    return timing === "forward"
      ? c.close[j] / c.close[i] - 1
      : c.close[i] / c.close[j] - 1;
  });
  return { name: `buy-and-hold ${symbol}`, returns };
}
