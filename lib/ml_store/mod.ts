/**
 * Persistence of ML training runs in DuckDB through the project's `DbEngine`: run
 * manifests (`ml_runs`), per-fold feature importance (`feature_importance`) and exact
 * model checkpoints (`checkpoints`), their CSV views, and loaders for warm start and
 * stability analysis.
 *
 * @example
 * ```ts
 * import { ML_STORE_DDL } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(ML_STORE_DDL.length, 3);
 * ```
 *
 * @module
 */
export { ensureMlSchema, ML_STORE_DDL } from "./schema.ts";
export { saveTrainingRun } from "./save_run.ts";
export type { MlRunRow } from "./save_run.ts";
export { loadCheckpoints, loadImportanceHistory } from "./load.ts";
export type { RunImportance } from "./load.ts";
export {
  csvField,
  exportCheckpointIndexCsv,
  exportFeatureImportanceCsv,
} from "./export_csv.ts";
export { buildPersistenceDashboard } from "./dashboard.ts";
export { importanceHeatmap, rankTrajectories } from "./figures.ts";
export { trainSymbol } from "./train_task.ts";
export type { TrainSummary, TrainTaskEnv } from "./train_task.ts";
export { sliceBars } from "./slice_bars.ts";
export {
  AnalysisConfigSchema,
  DashboardConfigSchema,
  TrainConfigSchema,
} from "./config.ts";
export type { AnalysisConfig, DashboardConfig, TrainConfig } from "./config.ts";
