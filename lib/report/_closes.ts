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
