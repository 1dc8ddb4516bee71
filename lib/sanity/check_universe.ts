/**
 * DataSanity over a universe in one pass: every rule partitions by symbol, so one SQL pass
 * over the universe's stored bars gives each symbol the violations it would get alone.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { checkStore, type CheckStoreOptions } from "./check_store.ts";
import { DataSanityError, type SanityReport } from "./report.ts";

/**
 * Validate the stored bars of `symbols` (between `start` and `end`) with one pass of the
 * rules, like {@linkcode checkStore}, but never throw for violations, also in STRICT mode:
 * the caller decides per symbol ({@linkcode symbolReport}). RELAXED reports what the
 * repairs would do (the store is never changed).
 *
 * @param db Open engine.
 * @param options Symbols, range and sanity options.
 * @returns The report over the whole universe.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ensureSampleData, openDb } from "../data/mod.ts";
 * import { checkUniverse, symbolReport } from "./mod.ts";
 * const db = await openDb({ path: ":memory:" });
 * await ensureSampleData(db);
 * const r = await checkUniverse(db, { symbols: ["SP500", "AAPL"], mode: "strict" });
 * assert.equal(symbolReport(r, "AAPL", 1260).ok, true);
 * await db.close();
 * ```
 */
export async function checkUniverse(
  db: DbEngine,
  options: CheckStoreOptions,
): Promise<SanityReport> {
  try {
    return await checkStore(db, options);
  } catch (e) {
    if (e instanceof DataSanityError) return e.report;
    throw e;
  }
}

/**
 * One symbol's share of a universe report: its violations and repairs, `rows` its rows,
 * `ok` when it has no violation left. Its STRICT error message is the one a check of that
 * symbol alone gives.
 *
 * @param report A report over several symbols.
 * @param symbol The symbol.
 * @param rows The symbol's rows that were checked.
 * @returns The symbol's report.
 */
export function symbolReport(
  report: SanityReport,
  symbol: string,
  rows: number,
): SanityReport {
  const violations = report.violations.filter((v) => v.symbol === symbol);
  return {
    ok: violations.length === 0,
    mode: report.mode,
    rows,
    violations,
    repairs: report.repairs.filter((r) => r.symbol === symbol),
  };
}
