/**
 * Machine-learning models behind one {@linkcode Model} interface, created by name
 * (`ridge`, `lasso`, `elasticnet`, `logistic`, `rf`, `gbt`, `mlp`) and restored exactly
 * from JSON; permutation importance; feature-stability analysis and selection; a
 * fold-by-fold trainer with leak-free warm start.
 *
 * @example
 * ```ts
 * import { createModel, modelFromJSON } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1 };
 * const m = createModel("ridge", { lambda: 1 }).fit(x, new Float64Array([0, 1, 2, 3]));
 * assert.deepEqual(modelFromJSON(m.toJSON()).predict(x), m.predict(x));
 * ```
 *
 * @module
 */
export type {
  FeatureImportance,
  Model,
  ModelState,
  ModelTask,
} from "./model.ts";
export { createRidge, fitRidge, predictLinear, solveSpd } from "./ridge.ts";
export type { RidgeFit, RidgeOptions } from "./ridge.ts";
export { createElasticNet, fitElasticNet } from "./elastic_net.ts";
export type { ElasticNetOptions, LinearFit } from "./elastic_net.ts";
export { createLogistic, fitLogistic, predictLogistic } from "./logistic.ts";
export type { LogisticOptions } from "./logistic.ts";
export { createForest, fitForest } from "./forest.ts";
export type { ForestOptions } from "./forest.ts";
export { createBoosting, fitBoosting } from "./boosting.ts";
export type { BoostingOptions } from "./boosting.ts";
export { createMlp, fitMlp } from "./mlp.ts";
export type { MlpFit, MlpOptions } from "./mlp.ts";
export {
  createModel,
  LINEAR_MODELS,
  MODEL_NAMES,
  modelFromJSON,
} from "./registry.ts";
export {
  logLoss,
  mse,
  permutationImportance,
} from "./permutation_importance.ts";
export type { LossFn, PermutationOptions } from "./permutation_importance.ts";
export { descendingRanks, featureStability, spearman } from "./stability.ts";
export type {
  FeatureStability,
  ImportanceRecord,
  StabilityOptions,
  StabilityReport,
} from "./stability.ts";
export { dropUnstable, selectTopKByStability } from "./selection.ts";
export {
  compareToNull,
  MIN_NULL_REPEATS,
  stabilityNull,
  stabilityVerdict,
} from "./stability_null.ts";
export type {
  NullBand,
  NullComparison,
  StabilityNullOptions,
  StabilityNullResult,
  StabilityVerdict,
} from "./stability_null.ts";
export { foldMetrics } from "./fold_metrics.ts";
export type { FoldMetrics } from "./fold_metrics.ts";
export {
  predictCheckpoint,
  standardiseRows,
  warmStateFor,
} from "./checkpoint.ts";
export type { Checkpoint, FoldSpec } from "./checkpoint.ts";
export { trainFolds } from "./train_folds.ts";
export type {
  FoldFit,
  SelectionSpec,
  TrainFoldsOptions,
} from "./train_folds.ts";
export { barsDataset, DATASET_FEATURES } from "./dataset.ts";
export type { BarsDatasetOptions, Dataset } from "./dataset.ts";
export {
  foldDrift,
  heldReturns,
  pooledRankIc,
  strategyReturns,
  summariseOos,
} from "./oos_summary.ts";
export type { OosSummary } from "./oos_summary.ts";
export { runTraining } from "./run_training.ts";
export type { TrainingResult, TrainingSettings } from "./run_training.ts";
export { compareModels, selectionLabel } from "./compare_models.ts";
export type { CompareOptions, ComparisonRow } from "./compare_models.ts";
