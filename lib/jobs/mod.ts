/**
 * Jobs: one unit of work run and stored (a walk-forward, a multi-symbol comparison, a
 * training run, ...), with a complete typed config whose defaults the edge resolved.
 * Tasks, the demo and notebooks call these; each job loads what it needs from the store
 * and writes its results back through lib/store.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatCodeVersion } from "./mod.ts";
 * assert.match(formatCodeVersion({ version: "0.1.0", commit: null, dirty: false, changesHash: null, changedFiles: 0, noGit: "not a git checkout" }), /no git/);
 * ```
 *
 * @module
 */
export * from "./code_version.ts";
export * from "./walk_forward_job.ts";
export * from "./multi_symbol_job.ts";
export type { CheckedBars, WalkForwardJobDeps } from "./_job_deps.ts";
export { storeJobDeps } from "./_job_deps.ts";
export type { SanitySummary } from "./_sanity_summary.ts";
export * from "./data_sanity_gate.ts";
export * from "./training_job.ts";
export * from "./model_comparison_job.ts";
export * from "./optimize_job.ts";
export type { OptimizeInputs } from "./_optimize_inputs.ts";
export * from "./portfolio_job.ts";
export * from "./stress_job.ts";
export * from "./paper_jobs.ts";
export * from "./kill_switch_job.ts";
export * from "./strategies_job.ts";
export * from "./weekly_job.ts";
export * from "./queue_worker.ts";
export type { QueueOptions } from "./_queue_backend.ts";
export {
  certificateProblem,
  redactRedisUrl,
  redisConnection,
  redisServerArgs,
  type RedisServerTls,
  redisUrlProblem,
} from "./_redis.ts";
export { readQueueJob } from "./_queue_run.ts";
export { shardSize } from "./_universe_pipeline.ts";
export * from "./optimize_universe_job.ts";
export * from "./strategies_universe_job.ts";
export * from "./training_universe_job.ts";
export * from "./stress_universe_job.ts";
export * from "./portfolio_universe_job.ts";
