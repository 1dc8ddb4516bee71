/**
 * Parameter optimisation inside walk-forward training windows. Every (fold,
 * configuration) trial is recorded so selection bias can be measured: the deflated
 * Sharpe ratio (number of trials, variance of trial Sharpes) and the probability of
 * backtest overfitting (CSCV over the trials' return matrix), plus the in-sample vs
 * out-of-sample Sharpe degradation.
 *
 * Conventions: weights decided at the close of t earn t -> t+1; costs in bps per unit of
 * turnover booked at the trade; Sharpe = mean/std(n-1) * sqrt(252).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandGrid, optimizeWalkForward } from "./mod.ts";
 * const close = Float64Array.from({ length: 600 }, (_, i) => 100 * Math.exp(0.0003 * i + 0.05 * Math.sin(i / 20)));
 * const bars = { symbol: "X", dates: Array.from({ length: 600 }, (_, i) => `d${1000 + i}`), open: close, high: close, low: close, close, volume: close };
 * const grid = { lookbackDays: [10, 20, 40], skipDays: [0], longShort: [1] };
 * const r = optimizeWalkForward(bars, { strategy: "momentum", grid, train: 250, test: 50, partitions: 4 });
 * assert.equal(r.trials.length, expandGrid(grid).length * r.folds.length);
 * assert.ok(r.pbo.pbo >= 0 && r.pbo.pbo <= 1);
 * ```
 *
 * @module
 */
export { expandGrid, sampleGrid } from "./search_space.ts";
export { alignBars } from "./align_bars.ts";
export {
  backtestOverfitting,
  deflatedSharpe,
  normalInv,
} from "./selection_stats.ts";
export type { BacktestOverfitting, DeflatedSharpe } from "./selection_stats.ts";
export {
  combineConfigBlocks,
  type ConfigBlock,
  evaluateConfigBlock,
  optimizeWalkForward,
  searchConfigs,
} from "./optimize_walk_forward.ts";
export {
  type SelectionBias,
  selectionBias,
  type SelectionBiasOptions,
} from "./selection_bias.ts";
export type {
  OptimizeFold,
  OptimizeOptions,
  OptimizeResult,
  Trial,
} from "./types.ts";
