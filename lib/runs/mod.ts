/**
 * The run store: every walk-forward run's manifest (config, data hash, code version, seed,
 * timings), folds and out-of-sample days in DuckDB (tables `runs`, `folds`, `oos`), through
 * the {@linkcode DbEngine} interface of lib/data.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeRunId } from "./mod.ts";
 * assert.match(makeRunId("walkforward", {}, "ab", "2026-01-01T00:00:00.000Z"), /^walkforward-20260101T000000-/);
 * ```
 *
 * @module
 */
export { ensureRunTables, RUN_TABLES_SQL } from "./schema.ts";
export {
  buildManifest,
  canonicalJson,
  hashBars,
  makeRunId,
} from "./manifest.ts";
export type { ManifestInput } from "./manifest.ts";
export { jsonText, saveRun } from "./save_run.ts";
export type { SaveRunOptions } from "./save_run.ts";
export { latestRun, listRuns, loadRun } from "./load_run.ts";
export type { RunSummary, StoredFold, StoredRun } from "./load_run.ts";
export { clampRange } from "./clamp_range.ts";
export type { ClampedBars } from "./clamp_range.ts";
export { runWalkForwardJob } from "./walk_forward_job.ts";
export type { JobDeps, JobRequest, JobResult } from "./walk_forward_job.ts";
export { formatWalkForward, walkForwardJson } from "./format_run.ts";
export { formatComparison, saveComparison } from "./save_comparison.ts";
export type { ComparisonRow } from "./save_comparison.ts";
