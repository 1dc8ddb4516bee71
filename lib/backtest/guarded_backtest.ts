/**
 * A bar-by-bar weights backtest with lib/risk's guard and limits in the loop.
 *
 * @module
 */
import {
  applyLimits,
  type CorrelationInput,
  createRiskGuard,
  haltDecision,
  type PricePanel,
  type RiskAction,
  type RiskDecision,
  type RiskGuardState,
  type RiskLimits,
  updateRiskGuard,
} from "../risk/mod.ts";
import { fillBook, markBook } from "./book.ts";
import { bpsToFraction, turnoverCost } from "./cost_model.ts";

/** Options of {@linkcode runGuardedBacktest}. */
export interface GuardedBacktestOptions {
  /** Cost in basis points per unit of turnover (sum |delta w|). @default 0 */
  readonly costBps?: number;
  /** @default 1 */
  readonly initialEquity?: number;
  /** Static correlations for the concentration limit (estimate them before the test window). */
  readonly correlation?: CorrelationInput;
}

/** Result of {@linkcode runGuardedBacktest}. */
export interface GuardedBacktestResult {
  /** Equity at each close, after that close's trades and costs. */
  readonly equity: Float64Array;
  /** Net simple return of each bar (the first bar carries only its trading cost). */
  readonly returns: Float64Array;
  /** Weights held from the close of t to t + 1, one column per symbol. */
  readonly weights: Float64Array[];
  /** sum |w_after - w_before| traded at each close. */
  readonly turnover: Float64Array;
  /** Final guard (peak, halted, haltedOn, breach log). */
  readonly guard: RiskGuardState;
  /** How many symbol decisions were ALLOW / CLIP / DENY. */
  readonly decisionCounts: Readonly<Record<RiskAction, number>>;
  /** Every decision: one per symbol and bar (stage "order"), plus the HALT of the guard. */
  readonly decisions: readonly RiskDecision[];
}

/**
 * Backtest target weights under the limits. Timing: at the close of bar t the book is
 * marked to market with the t-1 -> t returns (weights drift, lib/backtest `markBook`),
 * the guard is updated with that equity and the drifted weights, then
 * `applyLimits(target_t)` decides the weights filled at the close of t (cost =
 * `turnoverCost(costBps, turnover)` of the equity at that close), which earn the t -> t+1
 * return. Once the drawdown from the peak reaches `maxDrawdown` the kill switch halts
 * trading and (flattenOnKill) flattens at that close; the equity then stays flat. The
 * realised drawdown can exceed the limit by one bar's move (gaps), never more. The daily
 * loss limit blocks new risk on the close where it is hit (see `updateRiskGuard`).
 * A NaN price or target is treated as a zero return / zero target.
 *
 * @param prices Close prices per symbol.
 * @param targetWeights Target weight per symbol per bar (decided from data <= t).
 * @param limits Validated limits.
 * @param options Costs, initial equity, correlations.
 * @returns Equity, returns, weights, turnover, guard and the decision log.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runGuardedBacktest } from "./guarded_backtest.ts";
 * import { RiskLimitsSchema } from "../risk/mod.ts";
 * const close = new Float64Array([100, 90, 80, 120]);
 * const prices = { symbols: ["A"], dates: ["d1", "d2", "d3", "d4"], close: [close] };
 * const r = runGuardedBacktest(prices, [new Float64Array([1, 1, 1, 1])], RiskLimitsSchema.parse({ maxDrawdown: 0.15, dailyLossLimit: 1 }));
 * assert.equal(r.guard.haltedOn, "d3");
 * assert.equal(r.equity[3], r.equity[2]);
 * assert.deepEqual(r.decisions.filter((d) => d.action === "HALT").map((d) => d.date), ["d3"]);
 * ```
 */
export function runGuardedBacktest(
  prices: PricePanel,
  targetWeights: readonly Float64Array[],
  limits: RiskLimits,
  options: GuardedBacktestOptions = {},
): GuardedBacktestResult {
  checkPanel(prices, targetWeights);
  const { symbols, dates, close } = prices;
  const m = symbols.length, n = dates.length;
  const rate = bpsToFraction(options.costBps ?? 0);
  let equity = options.initialEquity ?? 1;
  let guard = createRiskGuard(equity);
  const eq = new Float64Array(n),
    ret = new Float64Array(n),
    turn = new Float64Array(n);
  const W = symbols.map(() => new Float64Array(n));
  const w = new Float64Array(m), r = new Float64Array(m);
  const counts: Record<RiskAction, number> = { ALLOW: 0, CLIP: 0, DENY: 0 };
  const log: RiskDecision[] = [];
  for (let t = 0; t < n; t++) {
    const before = equity;
    if (t > 0) {
      for (let i = 0; i < m; i++) r[i] = close[i][t] / close[i][t - 1] - 1;
      equity *= 1 + markBook(w, r, true);
    }
    const target = Array.from(symbols, (_, i) => targetWeights[i][t]);
    const bar = { date: dates[t], equity, symbols, target };
    const next = guardedWeights(guard, w, bar, limits, options.correlation);
    guard = next.guard;
    if (next.halt) log.push(next.halt);
    turn[t] = fillBook(w, symbols.map((s) => next.weights[s]));
    for (let i = 0; i < m; i++) W[i][t] = w[i];
    for (const d of next.decisions) {
      counts[d.action]++;
      log.push({ date: dates[t], stage: "order", ...d });
    }
    equity *= 1 - turnoverCost(rate, turn[t]);
    eq[t] = equity;
    ret[t] = equity / before - 1;
  }
  return {
    equity: eq,
    returns: ret,
    weights: W,
    turnover: turn,
    guard,
    decisionCounts: counts,
    decisions: log,
  };
}

/**
 * One close: the guard marks the drifted book, then `applyLimits` turns the targets (NaN
 * -> 0) into the weights to fill.
 */
function guardedWeights(
  guard: RiskGuardState,
  held: Float64Array,
  bar: {
    date: string;
    equity: number;
    symbols: readonly string[];
    target: readonly number[];
  },
  limits: RiskLimits,
  correlation: CorrelationInput | undefined,
) {
  const current: Record<string, number> = {},
    target: Record<string, number> = {};
  bar.symbols.forEach((s, i) => {
    current[s] = held[i];
    target[s] = Number.isFinite(bar.target[i]) ? bar.target[i] : 0;
  });
  const next = updateRiskGuard(guard, {
    date: bar.date,
    equity: bar.equity,
    weights: current,
    correlation,
  }, limits);
  const res = applyLimits(target, limits, {
    currentWeights: current,
    halted: next.halted,
    dailyLossHit: next.dailyLossHit,
    correlation,
  });
  return {
    guard: next,
    halt: haltDecision(guard, next, bar.date),
    weights: res.weights,
    decisions: res.decisions,
  };
}

function checkPanel(
  prices: PricePanel,
  targetWeights: readonly Float64Array[],
): void {
  const { symbols, dates, close } = prices;
  const m = symbols.length, n = dates.length;
  if (close.length !== m || targetWeights.length !== m) {
    throw new RangeError(
      `Expected ${m} price and target columns, got ${close.length} and ${targetWeights.length}`,
    );
  }
  for (let i = 0; i < m; i++) {
    if (close[i].length !== n || targetWeights[i].length !== n) {
      throw new RangeError(
        `Column ${symbols[i]}: expected ${n} values, got ${
          close[i].length
        } prices and ${targetWeights[i].length} targets`,
      );
    }
  }
}
