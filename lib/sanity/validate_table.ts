/**
 * Validate (and in RELAXED mode repair) a table of bars with every DataSanity rule.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { buildContext, quoteIdent } from "./_context.ts";
import { runRules } from "./check.ts";
import { parseSanityOptions, type SanityOptionsInput } from "./config.ts";
import { applyRepairs, REPAIRABLE } from "./repair.ts";
import { DataSanityError, type Repair, type SanityReport } from "./report.ts";

/**
 * Run the rules over `table` (columns `ts, open, high, low, close` required; `symbol`,
 * `line`, `ts_raw`, `volume`, `adj_close` and lookahead columns used when present).
 *
 * STRICT: throws {@linkcode DataSanityError} when any rule has offending rows.
 * RELAXED: when a repairable rule has offending rows, repairs the table IN PLACE (see
 * `repair.ts`) and runs the rules again on the repaired table; never throws for
 * violations, `ok` is false when some remain.
 * No transaction is opened, so ingest can call this inside its own.
 *
 * @param db Open engine.
 * @param table Table name (`name` or `schema.name`, quoted here).
 * @param options See `SanityOptionsSchema` (validated; a bad field throws `ConfigError`).
 * @returns The report: rows before repair, violations, repairs, timings in ms
 *   (`repair` includes the second check).
 * @example
 * ```ts
 * import { openDb } from "../data/mod.ts";
 * import { validateTable } from "./validate_table.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * await db.exec(`CREATE TABLE t AS SELECT 'X' AS symbol, TIMESTAMP '2020-01-02' + INTERVAL (i) DAY AS ts,
 *   10.0::DOUBLE AS open, 11.0::DOUBLE AS high, 9.0::DOUBLE AS low, 10.5::DOUBLE AS close,
 *   100.0::DOUBLE AS volume FROM range(3) r(i)`);
 * await db.exec(`UPDATE t SET low = 12 WHERE ts = '2020-01-03'`);
 * const report = await validateTable(db, "t", { mode: "relaxed", now: "2024-01-01" });
 * assert.equal(report.ok, false);
 * assert.deepEqual(report.violations.map((v) => [v.rule, v.dates]), [["high_below_low", ["2020-01-03"]]]);
 * await db.close();
 * ```
 */
export async function validateTable(
  db: DbEngine,
  table: string,
  options: SanityOptionsInput = {},
): Promise<SanityReport> {
  const opts = parseSanityOptions(options);
  const t0 = performance.now();
  const ctx = await buildContext(db, table, opts);
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${quoteIdent(table)}`,
  );
  const t1 = performance.now();
  let violations = await runRules(db, ctx, opts);
  const t2 = performance.now();
  const violated = new Set(
    violations.map((v) => v.rule).filter((r) => REPAIRABLE.has(r)),
  );
  let repairs: Repair[] = [];
  if (opts.mode === "relaxed" && violated.size > 0) {
    repairs = await applyRepairs(db, ctx, opts, violated);
    violations = await runRules(db, ctx, opts);
  }
  const t3 = performance.now();
  const report: SanityReport = {
    ok: violations.length === 0,
    mode: opts.mode,
    rows: Number(n),
    violations,
    repairs,
    timings: { inspect: t1 - t0, rules: t2 - t1, repair: t3 - t2 },
  };
  if (opts.mode === "strict" && !report.ok) throw new DataSanityError(report);
  return report;
}
