/**
 * What the store holds.
 *
 * @module
 */
import type { DbEngine } from "./engine.ts";
import { ensureSchema } from "./schema.ts";

/** One stored symbol: its first and last bar and the number of bars. */
export interface SymbolInfo {
  readonly symbol: string;
  /** First bar: `"YYYY-MM-DD"` when at 00:00 UTC, else an ISO instant. */
  readonly first: string;
  /** Last bar, same format as `first`. */
  readonly last: string;
  readonly rows: number;
}

function shortDate(iso: string): string {
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

/**
 * List the stored symbols, sorted by name.
 *
 * @param db An open engine.
 * @returns One {@linkcode SymbolInfo} per symbol.
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import { listSymbols } from "./list_symbols.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * assert.deepEqual(await listSymbols(db), []);
 * await db.close();
 * ```
 */
export async function listSymbols(db: DbEngine): Promise<SymbolInfo[]> {
  await ensureSchema(db);
  const rows = await db.query<
    { symbol: string; first: string; last: string; rows: number }
  >(
    `SELECT symbol, min(ts) AS first, max(ts) AS last, count(*) AS rows
     FROM bars GROUP BY symbol ORDER BY symbol`,
  );
  return rows.map((r) => ({
    symbol: r.symbol,
    first: shortDate(r.first),
    last: shortDate(r.last),
    rows: r.rows,
  }));
}
