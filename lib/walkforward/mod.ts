/**
 * Walk-forward research runs over lib/backtest's folds (rolling/anchored, embargo gap,
 * purging): train-only standardisation and model fitting per fold, a stitched out-of-sample backtest
 * with continuous positions, the bench W1 workload, and adversarial controls
 * (shuffled and block-shifted labels, signals from a block-bootstrapped path, zero-edge
 * random walks).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { runWalkForward, W1_FEATURES } from "./mod.ts";
 * const r = runWalkForward(await readSampleBars("AAPL"), { features: W1_FEATURES, train: 252, test: 63 });
 * assert.ok(Number.isFinite(r.metrics.sharpe));
 * ```
 *
 * @module
 */
export { applyStandardiser, fitStandardiser } from "./standardise.ts";
export type { Standardiser } from "./standardise.ts";
export { runWalkForward } from "./run_walk_forward.ts";
export { runW1, w1Config } from "./w1.ts";
export type { W1Result } from "./w1.ts";
export { W1_FEATURES } from "../features/mod.ts";
export type {
  CompleteWalkForwardConfig,
  FoldProgress,
  FoldResult,
  PositionRule,
  SpanMetrics,
  WalkForwardConfig,
  WalkForwardMetrics,
  WalkForwardOptions,
  WalkForwardResult,
} from "./types.ts";
export { forwardLogReturns } from "./labels.ts";
export {
  CONTROL_DESCRIPTIONS,
  CONTROL_KINDS,
  runControls,
} from "./controls.ts";
export {
  blockBootstrapBars,
  randomWalkBars,
  shiftedLabels,
  shuffledLabels,
} from "./control_data.ts";
export type {
  ControlRun,
  ControlsOptions,
  ControlsResult,
} from "./controls.ts";
export { completeWalkForwardConfig, WALK_FORWARD_DEFAULTS } from "./config.ts";
