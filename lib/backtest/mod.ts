/**
 * Backtests of target positions: costs in basis points of turnover, optional slippage,
 * declared fill timing (`"close"`: decided and filled at t's close, earning t -> t+1),
 * net/gross returns, equity, turnover, exposure, a trade ledger and trade statistics;
 * plus the signal -> position mappings used by the research tasks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runBacktest, signPosition } from "./mod.ts";
 * const close = new Float64Array([100, 101, 100, 102]);
 * const p = signPosition(new Float64Array([1, -1, 1, 0]));
 * const r = runBacktest({ close }, p, { costBps: 1 });
 * assert.equal(r.trades.length, 3);
 * assert.equal(r.equity.length, 4);
 * ```
 *
 * @module
 */
export { runBacktest } from "./run_backtest.ts";
export type { BacktestInput } from "./run_backtest.ts";
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
