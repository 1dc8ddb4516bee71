/**
 * The store: every table the project writes besides the market data (`bars`, `ingests`
 * stay with their ingest in lib/data). One file per table family holds its DDL, a
 * typed writer and a typed reader; tasks, jobs, reports and notebooks read and write
 * through them, and the research domains do not know the store exists. The paper
 * session writes its journal through lib/paper's `PaperJournal` port, implemented here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPaperJournal, listRuns, withStore } from "./mod.ts";
 * assert.deepEqual(await withStore(":memory:", (db) => listRuns(db)), []);
 * await withStore(":memory:", async (db) => {
 *   await createPaperJournal(db).ensure();
 *   assert.equal((await db.query("SELECT count(*) AS n FROM equity"))[0].n, 0);
 * });
 * ```
 *
 * @module
 */
export * from "./_sql.ts";
export * from "./with_store.ts";
export * from "./runs.ts";
export * from "./runs_read.ts";
export * from "./symbol_runs.ts";
export * from "./symbol_runs_read.ts";
export * from "./universes.ts";
export * from "./ml_runs.ts";
export * from "./stress_results.ts";
export * from "./portfolio_runs.ts";
export * from "./optimize_runs.ts";
export * from "./strategy_runs.ts";
export * from "./preflight_checks.ts";
export { readLatestWeeklyCycle, saveWeeklyCycle } from "./weekly_cycles.ts";
export type { BarsFingerprint } from "./weekly_cycles.ts";
export * from "./reconciliations.ts";
export * from "./paper_journal.ts";
export * from "./paper_reads.ts";
