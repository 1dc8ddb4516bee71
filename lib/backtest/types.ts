/**
 * Value types of the backtest domain: options, slippage models, results, trades.
 *
 * @module
 */
import type { TradeStatsResult } from "../metrics/mod.ts";

/**
 * Extra execution cost per unit of turnover on top of `costBps`:
 * - `fixed`: `bps` basis points on every fill;
 * - `volatility`: `multiplier` x the trailing daily volatility (sample std of the last
 *   `windowDays` simple returns known at t, i.e. `close[t-k]..close[t]`), as a fraction;
 *   0 until the window is full;
 * - `spread`: `fraction` x a per-bar relative spread (`spread[t]`, e.g. `(high - low) / close`).
 */
export type SlippageModel =
  | { readonly kind: "fixed"; readonly bps: number }
  | {
    readonly kind: "volatility";
    readonly multiplier: number;
    readonly windowDays: number;
  }
  | {
    readonly kind: "spread";
    readonly fraction: number;
    readonly spread: Float64Array;
  };

/**
 * When a position decided with data up to t's close is filled: `"close"` at that close
 * (the research convention, W1), `"open"` at the next bar's open (paper trading's market
 * orders).
 */
export type FillTiming = "close" | "open";

/** Options of `runBacktest`. */
export interface BacktestOptions {
  /** Cost in basis points per unit of turnover `|p[t] - p[t-1]|`. @default 0 */
  readonly costBps?: number;
  /** Additional slippage model. @default none */
  readonly slippage?: SlippageModel;
  /**
   * Fill timing. Only `"close"`: the position decided with data up to t's close is
   * filled at t's close and earns the return from t's close to t+1's close (the trade
   * ledger assumes it). For fills at the next open use `backtestWeights` (weights) or
   * `runExecutionBacktest` (shares). @default "close"
   */
  readonly fill?: FillTiming;
  /** Dates of the days, for the trade ledger. @default indexes as strings */
  readonly dates?: readonly string[];
}

/** One trade: a maximal run of days with a position of the same sign. */
export interface Trade {
  /** +1 long, -1 short. */
  readonly direction: 1 | -1;
  /** Day the position was opened (filled at that day's close). */
  readonly entryIndex: number;
  readonly entryDate: string;
  /** Day the position was closed or reversed (filled at its close); `n` when still open. */
  readonly exitIndex: number;
  /** Date of the exit day; the last date when the trade is still open. */
  readonly exitDate: string;
  /** Days held: `exitIndex - entryIndex` (returns earned on entry..exit-1). */
  readonly holdingDays: number;
  /** Compounded net return of the trade including entry, resize and exit costs. */
  readonly pnl: number;
  /** False when the run ended with the trade open (marked to market, no exit cost). */
  readonly closed: boolean;
}

/** Trade-level statistics (lib/metrics `tradeStats` over the ledger's pnl). */
export type TradeStats = TradeStatsResult;

/** Everything a backtest returns; arrays have one entry per day. */
export interface BacktestResult {
  /** Positions as given (copied). */
  readonly positions: Float64Array;
  /** `p[t] * fwd[t]` before costs. */
  readonly grossReturns: Float64Array;
  /** Gross minus costs: the strategy's simple return for day t (t's close to t+1's close). */
  readonly netReturns: Float64Array;
  /** Costs charged on day t, as a fraction of capital. */
  readonly costs: Float64Array;
  /** `|p[t] - p[t-1]|`. */
  readonly turnover: Float64Array;
  /** `prod(1 + net[0..t])`: equity after day t's return, starting from 1. */
  readonly equity: Float64Array;
  readonly trades: readonly Trade[];
  readonly tradeStats: TradeStats;
  /** Share of days with a non-zero position. */
  readonly exposure: number;
  /** Mean daily turnover. */
  readonly meanTurnover: number;
  readonly fill: "close";
}
