/**
 * DataSanity for in-memory bars: stage them in a TEMP table, validate (RELAXED: repair),
 * read them back.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { type DbEngine, openDb } from "../data/mod.ts";
import { quoteIdent } from "./_context.ts";
import { readBars, stageBars } from "./_stage_bars.ts";
import { parseSanityOptions, type SanityOptionsInput } from "./config.ts";
import type { SanityReport } from "./report.ts";
import { validateTable } from "./validate_table.ts";

/** Result of {@linkcode checkBars} for one `Bars` (the form without a database). */
export interface CheckOneResult {
  readonly report: SanityReport;
  /** The bars as validated (RELAXED: repaired). */
  readonly bars: Bars;
}

/** Result of {@linkcode checkBars}. */
export interface CheckBarsResult {
  readonly report: SanityReport;
  /** The bars as validated (RELAXED: repaired), one per input symbol, same order. */
  readonly bars: Bars[];
}

let counter = 0;

/** A fresh TEMP table name. */
export function tempName(prefix: string): string {
  counter += 1;
  return `_${prefix}_${Date.now().toString(36)}_${counter}`;
}

/**
 * Validate bars with every rule. STRICT throws `DataSanityError` (the bars are unchanged);
 * RELAXED returns the repaired bars (rows dropped, high/low widened, volume NULL -> NaN)
 * and the report (`ok` false when unrepairable violations remain; no throw).
 * Values round-trip exactly. The TEMP table is dropped afterwards.
 *
 * @param db Open engine (any; the work happens in a TEMP table).
 * @param bars One `Bars` per symbol (symbols distinct).
 * @param options Sanity options (see `SanityOptionsSchema`).
 * @returns Report and bars.
 * @example
 * ```ts
 * import { openDb } from "../data/mod.ts";
 * import { checkBars } from "./check_bars.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * const dates = ["2020-01-02", "2020-01-03", "2020-01-03", "2020-01-06"];
 * const f = (...x: number[]) => Float64Array.from(x);
 * const bars = { symbol: "X", dates, open: f(10, 10, 10, 10), high: f(11, 11, 11, 11),
 *   low: f(9, 9, 9, 9), close: f(10, 10.5, 10.5, 10.2), volume: f(5, 6, 6, 7) };
 * const { report, bars: [out] } = await checkBars(db, [bars], { mode: "relaxed", now: "2024-01-01" });
 * assert.deepEqual(report.repairs.map((r) => [r.rule, r.count, r.dates]), [["duplicate_exact", 1, ["2020-01-03"]]]);
 * assert.deepEqual(out.dates, ["2020-01-02", "2020-01-03", "2020-01-06"]);
 * await db.close();
 * ```
 */
export function checkBars(
  db: DbEngine,
  bars: readonly Bars[],
  options?: SanityOptionsInput,
): Promise<CheckBarsResult>;
/**
 * The same for one symbol on a private in-memory database (engine from
 * `TRADELAB_DB_ENGINE`, else native), opened and closed here.
 *
 * @param bars One symbol's bars.
 * @param options Sanity options.
 * @returns Report and bars.
 */
export function checkBars(
  bars: Bars,
  options?: SanityOptionsInput,
): Promise<CheckOneResult>;
export async function checkBars(
  a: DbEngine | Bars,
  b?: readonly Bars[] | SanityOptionsInput,
  c: SanityOptionsInput = {},
): Promise<CheckBarsResult | CheckOneResult> {
  if ("exec" in a) return await _checkBars(a, b as readonly Bars[], c);
  const db = await openDb({ path: ":memory:" });
  try {
    const r = await _checkBars(db, [a], (b ?? {}) as SanityOptionsInput);
    return { report: r.report, bars: r.bars[0] };
  } finally {
    await db.close();
  }
}

async function _checkBars(
  db: DbEngine,
  bars: readonly Bars[],
  options: SanityOptionsInput,
): Promise<CheckBarsResult> {
  const opts = parseSanityOptions(options);
  const symbols = bars.map((b) => b.symbol);
  if (new Set(symbols).size !== symbols.length) {
    throw new TypeError(
      `Invalid bars: expected distinct symbols, got ${symbols.join(", ")}`,
    );
  }
  const name = tempName("sanity_bars");
  try {
    await stageBars(db, name, bars);
    const report = await validateTable(db, name, opts);
    return { report, bars: await readBars(db, name, symbols) };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  }
}
