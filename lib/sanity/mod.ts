/**
 * DataSanity: validation rules run as SQL over a table of bars (a staged file, a range of
 * the store, or in-memory bars), in STRICT mode (any violation throws
 * {@linkcode DataSanityError}) or RELAXED mode (repairs in place what can be repaired,
 * lists every repair, reports the rest).
 *
 * Rules (ids): missing_value, unparsable_date, future_date, non_positive_price,
 * high_below_low, open_close_outside_range, negative_volume, duplicate_exact,
 * duplicate_conflict, out_of_order, gap, extreme_move, stale_price, unadjusted_split,
 * time_zone_mix, lookahead. Each lives in `rules/<id>.ts` with its definition.
 *
 * @example
 * ```ts
 * import { openDb } from "../data/mod.ts";
 * import { readSampleBars } from "../data/mod.ts";
 * import { checkBars } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * const sp = await readSampleBars("SP500");
 * const { report } = await checkBars(db, [sp], { mode: "strict" });
 * assert.equal(report.ok, true);
 * await db.close();
 * ```
 *
 * @module
 */
export { parseSanityOptions, RULE_IDS, SanityOptionsSchema } from "./config.ts";
export type {
  RuleId,
  SanityMode,
  SanityOptions,
  SanityOptionsInput,
} from "./config.ts";
export { DataSanityError, formatViolations } from "./report.ts";
export type { Repair, SanityReport, Violation } from "./report.ts";
export { validateTable } from "./validate_table.ts";
export { sanityHook } from "./sanity_hook.ts";
export { contextBars } from "./context_bars.ts";
export { checkBars } from "./check_bars.ts";
export type { CheckBarsResult, CheckOneResult } from "./check_bars.ts";
export { checkStore } from "./check_store.ts";
export type { CheckStoreOptions } from "./check_store.ts";
export { checkUniverse, symbolReport } from "./check_universe.ts";
export { checkSql, runRules } from "./check.ts";
export { applyRepairs, REPAIRABLE } from "./repair.ts";
