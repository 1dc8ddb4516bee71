/**
 * Reading bars back from the store as typed columns.
 *
 * @module
 */
import { table } from "arquero";
import type { ColumnTable } from "arquero";
import type { Bars } from "../_shared/types.ts";
import type { Columns, DbEngine, SqlParams } from "./engine.ts";
import { listSymbols } from "./list_symbols.ts";
import { type AdjustmentEvent, backAdjustBars } from "./adjustment_factors.ts";
import { adjustmentEventsOf } from "./corporate_actions.ts";
import { ensureSchema } from "./schema.ts";

/** A date range, both ends inclusive. */
export interface DateRange {
  /** First date `"YYYY-MM-DD"` or ISO instant (UTC), inclusive. @default the first bar */
  readonly start?: string;
  /** Last date, inclusive; a plain date includes its whole day. @default the last bar */
  readonly end?: string;
}

/** Options of {@linkcode loadBars}. */
export interface LoadBarsOptions extends DateRange {
  /**
   * Adjust for splits/dividends: where a row has an adjusted close, close = `adj_close`
   * and open/high/low are scaled by `adj_close / close`; rows without one are
   * back-adjusted from the symbol's stored `corporate_actions` (prices x the factor of
   * `adjustmentFactors`, volume x the split ratios). @default true
   */
  readonly adjusted?: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** WHERE clause and parameters of a symbol and range. */
export function rangeFilter(
  symbol: string,
  range: DateRange,
): { where: string; params: SqlParams } {
  const params: Record<string, string> = { symbol };
  let where = "symbol = $symbol";
  if (range.start !== undefined) {
    where += " AND ts >= CAST($start AS TIMESTAMP)";
    params.start = range.start.replace(/Z$/, "");
  }
  if (range.end !== undefined) {
    where += DATE_ONLY.test(range.end)
      ? " AND ts < CAST($end AS TIMESTAMP) + INTERVAL 1 DAY"
      : " AND ts <= CAST($end AS TIMESTAMP)";
    params.end = range.end.replace(/Z$/, "");
  }
  return { where, params };
}

/** Dates as `"YYYY-MM-DD"` when every instant is at 00:00 UTC, else ISO instants. */
export function toBarDates(instants: readonly (string | null)[]): string[] {
  const daily = instants.every((s) =>
    s !== null && s.endsWith("T00:00:00.000Z")
  );
  return instants.map((s) => (daily ? s!.slice(0, 10) : s!));
}

async function missingSymbol(db: DbEngine, symbol: string): Promise<never> {
  const known = (await listSymbols(db)).map((s) => s.symbol);
  throw new RangeError(
    `Unknown symbol "${symbol}": expected one of ${
      known.length ? known.join(", ") : "(the store is empty)"
    }; load it with \`deno task ingest FILE --symbol ${symbol}\``,
  );
}

/**
 * Load one symbol's bars, ascending by time, as typed columns. Dates are
 * `"YYYY-MM-DD"` when every bar is at 00:00 UTC (daily bars), ISO instants otherwise.
 * Missing numbers are NaN. Throws a `RangeError` naming the symbol and listing the known
 * symbols when the store has no bars of it at all (an empty range gives empty bars).
 *
 * @param db An open engine.
 * @param symbol Ticker as stored.
 * @param options Range and adjustment, see {@linkcode LoadBarsOptions}.
 * @returns The bars.
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import { upsertBars } from "./upsert_bars.ts";
 * import { loadBars } from "./load_bars.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * const x = new Float64Array([1, 2, 3]);
 * const dates = ["2020-01-01", "2020-01-02", "2020-01-03"];
 * await upsertBars(db, [{ symbol: "X", dates, open: x, high: x, low: x, close: x, volume: x }], { source: "ex" });
 * const b = await loadBars(db, "X", { start: "2020-01-02" });
 * assert.deepEqual(b.dates, ["2020-01-02", "2020-01-03"]);
 * assert.deepEqual([...b.close], [2, 3]);
 * await db.close();
 * ```
 */
export async function loadBars(
  db: DbEngine,
  symbol: string,
  options: LoadBarsOptions = {},
): Promise<Bars> {
  await ensureSchema(db);
  const { where, params } = rangeFilter(symbol, options);
  const adj = options.adjusted !== false;
  const events = adj ? await adjustmentEventsOf(db, symbol) : [];
  if (events.length > 0) {
    return await loadWithActions(db, symbol, where, params, events);
  }
  const scaled = (c: string) =>
    adj
      ? `CASE WHEN adj_close IS NULL THEN ${c} ELSE ${c} * (adj_close / close) END`
      : c;
  const r = await db.queryColumns(
    `SELECT ts, ${scaled("open")} AS open, ${scaled("high")} AS high, ${
      scaled("low")
    } AS low,
      ${adj ? "COALESCE(adj_close, close)" : "close"} AS close, volume
     FROM bars WHERE ${where} ORDER BY ts`,
    params,
  );
  if (r.rows === 0) {
    const n = await db.query<{ n: number }>(
      "SELECT count(*) AS n FROM bars WHERE symbol = $symbol",
      { symbol },
    );
    if (n[0].n === 0) await missingSymbol(db, symbol);
  }
  return barsOf(symbol, r.columns);
}

/** Bars from the columns `ts, open, high, low, close, volume` of a query. */
function barsOf(symbol: string, c: Columns["columns"]): Bars {
  return {
    symbol,
    dates: toBarDates(c.ts as (string | null)[]),
    open: c.open as Float64Array,
    high: c.high as Float64Array,
    low: c.low as Float64Array,
    close: c.close as Float64Array,
    volume: c.volume as Float64Array,
  };
}

/** Bars adjusted by their adjusted close where set, else by the corporate actions. */
async function loadWithActions(
  db: DbEngine,
  symbol: string,
  where: string,
  params: SqlParams,
  events: readonly AdjustmentEvent[],
): Promise<Bars> {
  const { columns: c } = await db.queryColumns(
    `SELECT ts, open, high, low, close, adj_close, volume FROM bars WHERE ${where}
     ORDER BY ts`,
    params,
  );
  return backAdjustBars(barsOf(symbol, c), events, {
    adjClose: c.adj_close as Float64Array,
  });
}

/**
 * Load several symbols (each as {@linkcode loadBars}), in the order given.
 *
 * @param db An open engine.
 * @param symbols Tickers as stored.
 * @param options Range and adjustment, see {@linkcode LoadBarsOptions}.
 * @returns One {@linkcode Bars} per symbol.
 */
export async function loadBarsMany(
  db: DbEngine,
  symbols: readonly string[],
  options: LoadBarsOptions = {},
): Promise<Bars[]> {
  const out: Bars[] = [];
  for (const s of symbols) out.push(await loadBars(db, s, options));
  return out;
}

/**
 * One symbol's bars as an arquero table (columns `date, open, high, low, close, volume`)
 * for exploration in notebooks.
 *
 * @param db An open engine.
 * @param symbol Ticker as stored.
 * @param options Range and adjustment, see {@linkcode LoadBarsOptions}.
 * @returns An arquero `ColumnTable` (the typed arrays are shared, not copied).
 */
export async function barsTable(
  db: DbEngine,
  symbol: string,
  options: LoadBarsOptions = {},
): Promise<ColumnTable> {
  const b = await loadBars(db, symbol, options);
  return table({
    date: [...b.dates],
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    volume: b.volume,
  });
}
