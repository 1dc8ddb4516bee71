/**
 * Stress scenarios and VaR of `deno task stress`: `stress_results`, one row per scenario
 * and scope (a symbol alone or the portfolio) per run. DDL, row builder, writer and
 * reader.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { StressResult } from "../risk/mod.ts";
import {
  addedColumns,
  HAS_SYMBOL_SQL,
  hasColumn,
  readRows,
  replaceRunRows,
  tableExists,
  writeFamily,
} from "./_sql.ts";

/** DDL of `stress_results` (one row per scenario and scope per run). */
export const STRESS_RESULTS_DDL = `CREATE TABLE IF NOT EXISTS stress_results (
  run_id VARCHAR, created_at TIMESTAMP, symbols VARCHAR, weights_json VARCHAR,
  scenario VARCHAR, kind VARCHAR, start_date VARCHAR, end_date VARCHAR, days INTEGER,
  pnl DOUBLE, max_drawdown DOUBLE, worst_day DOUBLE, worst_day_date VARCHAR,
  var_1d DOUBLE, var_confidence DOUBLE, var_breaches INTEGER, limit_breaches INTEGER,
  breach_rules VARCHAR, kill_switch_date VARCHAR, skipped VARCHAR, scope VARCHAR,
  var_observations INTEGER, var_note VARCHAR, drift_removed DOUBLE, data_sanity VARCHAR)`;

/**
 * Columns added after the first release (per-symbol scope and VaR notes; what DataSanity
 * did): a store written before gains them (NULL).
 */
const STRESS_RESULTS_ADDED = addedColumns("stress_results", [
  "scope VARCHAR",
  "var_observations INTEGER",
  "var_note VARCHAR",
  "drift_removed DOUBLE",
  "data_sanity VARCHAR",
]);

/** One row of `stress_results`; NaN numbers are stored as NULL. */
export interface StressResultRow {
  readonly run_id: string;
  readonly symbols: string;
  readonly weights_json: string;
  readonly scenario: string;
  readonly kind: string;
  readonly start_date: string;
  readonly end_date: string;
  readonly days: number;
  /** A symbol held alone at 100%, or "portfolio" (the run's weights). */
  readonly scope: string;
  /** Compounded return of the scenario (negative = loss). */
  readonly pnl: number | null;
  /** Positive fraction. */
  readonly max_drawdown: number | null;
  readonly worst_day: number | null;
  readonly worst_day_date: string;
  /** 1-day VaR, positive loss. */
  readonly var_1d: number | null;
  readonly var_confidence: number;
  /** Returns before the path the VaR came from. */
  readonly var_observations: number;
  /** Why there is no VaR ("needs 20 returns, has 4"), "" when there is one. */
  readonly var_note: string;
  /** Shocks: the base window's compounded return removed before shocking. */
  readonly drift_removed: number | null;
  readonly var_breaches: number | null;
  readonly limit_breaches: number;
  /** Comma-separated distinct rule ids. */
  readonly breach_rules: string;
  readonly kill_switch_date: string;
  readonly skipped: string;
  /** What the DataSanity gate did (JSON of lib/jobs' `DataSanityRecord`; null in older rows). */
  readonly data_sanity: string | null;
}

/**
 * Flatten stress results into table rows.
 *
 * @param results From `runStress`.
 * @param meta Run id, symbols, weights and the VaR confidence used.
 * @returns One row per scenario.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stressRecords } from "./stress_results.ts";
 * const rows = stressRecords([{ name: "x", kind: "historical", scope: "A", start: "", end: "", days: 0, pnl: NaN, maxDrawdown: NaN, worstDay: NaN, worstDayDate: "", var: NaN, varObservations: 0, varNote: "skipped", varBreaches: NaN, limitBreaches: 0, breachRules: [], killSwitchDate: "", driftRemoved: NaN, skipped: "no data" }], { runId: "r", symbols: ["A"], weights: [1], confidence: 0.99 });
 * assert.equal(rows[0].pnl, null);
 * assert.equal(rows[0].weights_json, "[1]");
 * ```
 */
export function stressRecords(
  results: readonly StressResult[],
  meta: {
    runId: string;
    symbols: readonly string[];
    weights: ArrayLike<number>;
    confidence: number;
    /** What the DataSanity gate did, stored with every row. */
    dataSanity?: unknown;
  },
): StressResultRow[] {
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return results.map((r) => ({
    run_id: meta.runId,
    symbols: meta.symbols.join(","),
    weights_json: JSON.stringify(Array.from(meta.weights)),
    scenario: r.name,
    kind: r.kind,
    scope: r.scope,
    start_date: r.start,
    end_date: r.end,
    days: r.days,
    pnl: num(r.pnl),
    max_drawdown: num(r.maxDrawdown),
    worst_day: num(r.worstDay),
    worst_day_date: r.worstDayDate,
    var_1d: num(r.var),
    var_confidence: meta.confidence,
    var_observations: r.varObservations,
    var_note: r.varNote,
    drift_removed: num(r.driftRemoved),
    var_breaches: num(r.varBreaches),
    limit_breaches: r.limitBreaches,
    breach_rules: r.breachRules.join(","),
    kill_switch_date: r.killSwitchDate,
    skipped: r.skipped,
    data_sanity: meta.dataSanity === undefined
      ? null
      : JSON.stringify(meta.dataSanity),
  }));
}

/**
 * Store one stress run's rows in one transaction (replacing the run's rows if it was
 * stored before).
 *
 * @param db The store.
 * @param rows From {@linkcode stressRecords}.
 * @param createdAt ISO instant the run started (the `created_at` column).
 */
export async function saveStressResults(
  db: DbEngine,
  rows: readonly StressResultRow[],
  createdAt: string,
): Promise<void> {
  await writeFamily(db, "stress", [
    STRESS_RESULTS_DDL,
    ...STRESS_RESULTS_ADDED,
  ], async (tx) => {
    await replaceRunRows(tx, "stress_results", rows, { createdAt });
  });
}

/** A stored `stress_results` row. */
export type StoredStressRow = StressResultRow & { readonly created_at: string };

/**
 * Rows of the newest stress run (by created_at, then run id), in the order they were
 * run (scenario by scenario, symbols then the portfolio); [] when none. Rows of a store
 * written before scopes existed have scope "portfolio". With `symbol`: the newest run
 * whose symbols include it, and only the rows of that symbol held alone.
 *
 * @param db The store.
 * @param options `symbol` to scope the read to.
 * @returns The rows.
 */
export async function readLatestStress(
  db: DbEngine,
  options: { readonly symbol?: string } = {},
): Promise<StoredStressRow[]> {
  if (!(await tableExists(db, "stress_results"))) return [];
  const scope = (await hasColumn(db, "stress_results", "scope"))
    ? "* REPLACE (coalesce(scope, 'portfolio') AS scope)"
    : "*, 'portfolio' AS scope";
  const sym = options.symbol;
  const rows = await readRows<StoredStressRow>(
    db,
    "stress_results",
    `SELECT ${scope} FROM stress_results WHERE run_id = (
       SELECT run_id FROM stress_results
       WHERE ${HAS_SYMBOL_SQL}
       ORDER BY created_at DESC NULLS LAST, run_id DESC LIMIT 1)
     ORDER BY rowid`,
    { s: sym ?? null },
  );
  return sym === undefined ? rows : rows.filter((r) => r.scope === sym);
}
