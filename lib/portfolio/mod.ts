/**
 * Portfolio construction: minimum variance, maximum Sharpe, risk parity, hierarchical
 * risk parity on Ledoit-Wolf covariances, and an out-of-sample walk-forward with
 * periodic or threshold rebalancing and costs.
 *
 * Conventions: weights sum to 1 (long-only unless stated); daily simple returns, rows =
 * days; 252 days a year; Sharpe = mean / std (n - 1) x sqrt(252), risk-free 0;
 * maxDrawdown negative; costs in bps of turnover. Weights decided at the close of t use
 * returns up to t and earn from t + 1.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hrpWeights, minVarianceWeights, riskContributions, riskParityWeights } from "./mod.ts";
 * const cov = { rows: 3, cols: 3, data: new Float64Array([0.04, 0.006, 0, 0.006, 0.09, 0.01, 0, 0.01, 0.01]) };
 * const rc = riskContributions(riskParityWeights(cov), cov);
 * assert.ok(Math.abs(rc[0] - 1 / 3) < 1e-10);
 * const sum = (w: Float64Array) => w.reduce((a, v) => a + v, 0);
 * assert.ok(Math.abs(sum(minVarianceWeights(cov)) - 1) < 1e-12);
 * assert.ok(Math.abs(sum(hrpWeights(cov).weights) - 1) < 1e-12);
 * ```
 *
 * @module
 */
export { minVarianceWeights } from "./min_variance.ts";
export type { MinVarianceOptions, WeightBounds } from "./min_variance.ts";
export { maxSharpeWeights } from "./max_sharpe.ts";
export type { MaxSharpeOptions } from "./max_sharpe.ts";
export { riskContributions, riskParityWeights } from "./risk_parity.ts";
export type { RiskParityOptions } from "./risk_parity.ts";
export { hrpWeights, hrpWeightsFromReturns } from "./hrp.ts";
export type {
  HrpCovarianceOptions,
  HrpOptions,
  HrpResult,
  LinkageMethod,
  LinkageStep,
} from "./hrp.ts";
export {
  allocate,
  allocateFrom,
  ALLOCATION_METHODS,
  estimateWindow,
} from "./allocate.ts";
export type {
  AllocateOptions,
  Allocation,
  AllocationMethod,
  WindowEstimate,
} from "./allocate.ts";
export {
  allocationFolds,
  allocationTarget,
  walkForwardAllocation,
  walkForwardFromTargets,
} from "./walk_forward_allocation.ts";
export type {
  AllocationTarget,
  WalkForwardAllocationOptions,
  WalkForwardAllocationResult,
  WeightsRecord,
} from "./walk_forward_allocation.ts";
export type { ReturnSummary } from "./_metrics.ts";
