/**
 * The execution backtest: target weights become orders in shares that fill through the
 * simulated broker, bar by bar, with the costs, fill timing, sizing and risk guard of a
 * paper session ({@linkcode stepExecution} is the same code the session runs).
 *
 * @module
 */
import type { RiskDecision } from "../risk/mod.ts";
import type { BarGroup, Fill } from "./execution_types.ts";
import {
  createExecutionState,
  type ExecutionOptions,
  type ExecutionState,
  stepExecution,
} from "./execution_step.ts";
import { simEquity } from "./sim_broker.ts";

/** Options of {@linkcode runExecutionBacktest}. */
export interface ExecutionBacktestOptions
  extends Omit<ExecutionOptions, "orderPrefix"> {
  /** Starting equity (account currency). */
  readonly capital: number;
  /** First and last date traded (inclusive); earlier groups are skipped. */
  readonly from: string;
  readonly to: string;
  /** Prefix of client order ids. @default "backtest" */
  readonly orderPrefix?: string;
  /** A kill request to replay (e.g. the manual kill of a paper session). */
  readonly manualHalt?: {
    readonly date: string;
    readonly flatten: boolean;
    readonly reason: string;
  };
}

/** Result of {@linkcode runExecutionBacktest}. */
export interface ExecutionBacktestResult {
  /** Traded dates. */
  readonly dates: string[];
  /** Equity at each traded date's close, after any fill at that close. */
  readonly equity: Float64Array;
  /** `equity[last] / capital - 1` (0 without a traded date). */
  readonly totalReturn: number;
  readonly fills: Fill[];
  /** Every risk decision, in the order made. */
  readonly decisions: RiskDecision[];
  /** The final state (broker, guard). */
  readonly state: ExecutionState;
}

/**
 * Backtest target weights in shares over date groups. For each date in `[from, to]`:
 * one {@linkcode stepExecution} with `targets(date)` as the decision.
 *
 * @param groups Bars grouped by date, ascending.
 * @param targets Target weights decided at a date's close from data up to it.
 * @param options Capital, period, fill timing, costs, sizing, limits.
 * @returns Equity path, fills, decisions and the final state.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runExecutionBacktest } from "./run_execution_backtest.ts";
 * const bar = (date: string, open: number, close: number) =>
 *   ({ date, bars: [{ symbol: "A", date, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1 }] });
 * const groups = [bar("d1", 100, 100), bar("d2", 102, 104), bar("d3", 104, 110)];
 * const r = runExecutionBacktest(groups, () => ({ A: 1 }), {
 *   capital: 1000, from: "d1", to: "d3", fill: "open", broker: {},
 *   sizing: { fraction: 1, fractionalShares: true, minTradeFraction: 0.05 },
 * });
 * // 10 shares bought at the open of d2 (102), marked at 110 on d3 (no rebalance under 5%)
 * assert.equal(r.fills[0].price, 102);
 * assert.equal(r.equity[2], 1000 - 10 * 102 + 10 * 110);
 * ```
 */
export function runExecutionBacktest(
  groups: readonly BarGroup[],
  targets: (date: string) => Readonly<Record<string, number>>,
  options: ExecutionBacktestOptions,
): ExecutionBacktestResult {
  const state = createExecutionState(options.capital);
  const run: ExecutionOptions = {
    ...options,
    orderPrefix: options.orderPrefix ?? "backtest",
  };
  const dates: string[] = [], equity: number[] = [];
  const fills: Fill[] = [], decisions: RiskDecision[] = [];
  const halt = options.manualHalt;
  for (const g of groups) {
    if (g.date > options.to) break;
    if (g.date < options.from) continue;
    const step = stepExecution(state, {
      date: g.date,
      bars: g.bars,
      decide: () => targets(g.date),
      manualKill: halt && halt.date === g.date ? halt : undefined,
    }, run);
    fills.push(...step.fills);
    decisions.push(...step.decisions);
    dates.push(g.date);
    equity.push(simEquity(state.broker));
  }
  const eq = Float64Array.from(equity);
  return {
    dates,
    equity: eq,
    totalReturn: eq.length ? eq[eq.length - 1] / options.capital - 1 : 0,
    fills,
    decisions,
    state,
  };
}
