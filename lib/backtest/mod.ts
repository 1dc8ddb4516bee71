/**
 * The one P&L kernel and the one fold maker of the project.
 *
 * - Weights backtests: target weights of one asset (`runBacktest`, with a trade ledger)
 *   or a panel (`backtestWeights`) become per-bar turnover, costs and returns; the book
 *   is filled then earns (`fillBook`, `markBook`), with the fill timing (`"close"` of t,
 *   or `"open"` of t+1) and the rebalancing rule (back at target every bar, or drifting
 *   between fills) as explicit options.
 * - Costs, in one file (`cost_model.ts`): basis points per unit of turnover for weights,
 *   and for fills in shares slippage on the price plus commission per share (with a
 *   minimum) and in bps of notional. Paper trading's simulated broker uses the same.
 * - Folds (`makeFolds`): rolling or anchored train/test windows with an embargo gap and
 *   purging, for walk-forward runs, ML, strategies, optimisation and allocation.
 * - The signal -> position mappings used by the research tasks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backtestWeights, makeFolds, runBacktest, signPosition } from "./mod.ts";
 * const close = new Float64Array([100, 101, 100, 102]);
 * const p = signPosition(new Float64Array([1, -1, 1, 0]));
 * const r = runBacktest({ close }, p, { costBps: 1 });
 * assert.equal(r.trades.length, 3);
 * assert.equal(r.equity.length, 4);
 * const panel = backtestWeights({ close: [close] }, [p], { costBps: 1 });
 * assert.deepEqual(panel.net, r.netReturns);
 * assert.equal(makeFolds(10, { train: 4, test: 3 }).length, 2);
 * ```
 *
 * @module
 */
export { runBacktest } from "./run_backtest.ts";
export type { BacktestInput } from "./run_backtest.ts";
export { backtestWeights } from "./backtest_weights.ts";
export type {
  WeightsBacktestOptions,
  WeightsBacktestResult,
  WeightsInput,
  WeightTargets,
} from "./backtest_weights.ts";
export { fillBook, markBook } from "./book.ts";
export { runGuardedBacktest } from "./guarded_backtest.ts";
export type {
  GuardedBacktestOptions,
  GuardedBacktestResult,
} from "./guarded_backtest.ts";
export {
  bpsToFraction,
  fillCommission,
  fillPrice,
  turnoverCost,
} from "./cost_model.ts";
export type { CostModel } from "./cost_model.ts";
export {
  applyBrokerFill,
  cancelSimOrder,
  createSimBrokerState,
  isOpen,
  processSimBar,
  processSimClose,
  simEquity,
  submitSimOrder,
} from "./sim_broker.ts";
export type { SimBrokerOptions, SimBrokerState } from "./sim_broker.ts";
export type {
  Bar,
  BarGroup,
  Fill,
  Order,
  OrderRequest,
  OrderStatus,
  OrderType,
  Position,
  Side,
  TimeInForce,
} from "./execution_types.ts";
export { orderDelta } from "./order_sizing.ts";
export type { SizingRule } from "./order_sizing.ts";
export { checkFills } from "./fill_check.ts";
export type { FillCheck } from "./fill_check.ts";
export { createExecutionState, stepExecution } from "./execution_step.ts";
export type {
  ExecutionBar,
  ExecutionOptions,
  ExecutionState,
  ExecutionStep,
} from "./execution_step.ts";
export { runExecutionBacktest } from "./run_execution_backtest.ts";
export type {
  ExecutionBacktestOptions,
  ExecutionBacktestResult,
} from "./run_execution_backtest.ts";
export { makeFolds } from "./make_folds.ts";
export type { Fold, FoldOptions } from "./make_folds.ts";
export { forwardReturns } from "./forward_returns.ts";
export { costRate } from "./cost_rate.ts";
export { tradeLedger } from "./trade_ledger.ts";
export { summarizeTrades } from "./summarize_trades.ts";
export { signPosition } from "./sign_position.ts";
export { thresholdPosition } from "./threshold_position.ts";
export type { ThresholdPositionOptions } from "./threshold_position.ts";
export { proportionalPosition } from "./proportional_position.ts";
export type { ProportionalPositionOptions } from "./proportional_position.ts";
export { volTargetPosition } from "./vol_target_position.ts";
export type { VolTargetPositionOptions } from "./vol_target_position.ts";
export type {
  BacktestOptions,
  BacktestResult,
  FillTiming,
  SlippageModel,
  Trade,
  TradeStats,
} from "./types.ts";
