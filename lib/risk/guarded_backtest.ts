/**
 * A bar-by-bar backtest with the risk guard and limits in the loop.
 *
 * @module
 */
import type { RiskLimits } from "./config.ts";
import { applyLimits, type RiskAction } from "./apply_limits.ts";
import type { CorrelationInput } from "./clusters.ts";
import {
  createRiskGuard,
  type RiskGuardState,
  updateRiskGuard,
} from "./risk_guard.ts";

/** Close prices of several symbols on common dates. */
export interface PricePanel {
  readonly symbols: readonly string[];
  readonly dates: readonly string[];
  /** One close column per symbol, each `dates.length` long. */
  readonly close: readonly Float64Array[];
}

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
}

/**
 * Backtest target weights under the limits. Timing: at the close of bar t the book is
 * marked to market with the t-1 -> t returns (weights drift), the guard is updated with
 * that equity and the drifted weights, then `applyLimits(target_t)` decides the weights
 * filled at the close of t (cost = costBps / 1e4 x turnover x equity), which earn the
 * t -> t+1 return. Once the drawdown from the peak reaches `maxDrawdown` the kill switch
 * halts trading and (flattenOnKill) flattens at that close; the equity then stays flat.
 * The realised drawdown can exceed the limit by one bar's move (gaps), never more.
 * A NaN price or target is treated as a zero return / zero target.
 *
 * @param prices Close prices per symbol.
 * @param targetWeights Target weight per symbol per bar (decided from data <= t).
 * @param limits Validated limits.
 * @param options Costs, initial equity, correlations.
 * @returns Equity, returns, weights, turnover, guard and decision counts.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runGuardedBacktest } from "./guarded_backtest.ts";
 * import { RiskLimitsSchema } from "./config.ts";
 * const close = new Float64Array([100, 90, 80, 120]);
 * const prices = { symbols: ["A"], dates: ["d1", "d2", "d3", "d4"], close: [close] };
 * const r = runGuardedBacktest(prices, [new Float64Array([1, 1, 1, 1])], RiskLimitsSchema.parse({ maxDrawdown: 0.15, dailyLossLimit: 1 }));
 * assert.equal(r.guard.haltedOn, "d3");
 * assert.equal(r.equity[3], r.equity[2]);
 * ```
 */
export function runGuardedBacktest(
  prices: PricePanel,
  targetWeights: readonly Float64Array[],
  limits: RiskLimits,
  options: GuardedBacktestOptions = {},
): GuardedBacktestResult {
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
  const cost = (options.costBps ?? 0) / 1e4;
  let equity = options.initialEquity ?? 1;
  let guard = createRiskGuard(equity);
  const eq = new Float64Array(n),
    ret = new Float64Array(n),
    turn = new Float64Array(n);
  const W = symbols.map(() => new Float64Array(n));
  const w = new Float64Array(m), r = new Float64Array(m);
  const counts: Record<RiskAction, number> = { ALLOW: 0, CLIP: 0, DENY: 0 };
  for (let t = 0; t < n; t++) {
    const before = equity;
    if (t > 0) {
      let rp = 0;
      for (let i = 0; i < m; i++) {
        const x = close[i][t] / close[i][t - 1] - 1;
        r[i] = Number.isFinite(x) ? x : 0;
        rp += w[i] * r[i];
      }
      equity *= 1 + rp;
      for (let i = 0; i < m; i++) {
        w[i] = 1 + rp !== 0 ? w[i] * (1 + r[i]) / (1 + rp) : 0;
      }
    }
    const current: Record<string, number> = {},
      target: Record<string, number> = {};
    for (let i = 0; i < m; i++) {
      current[symbols[i]] = w[i];
      const tw = targetWeights[i][t];
      target[symbols[i]] = Number.isFinite(tw) ? tw : 0;
    }
    guard = updateRiskGuard(guard, {
      date: dates[t],
      equity,
      weights: current,
      correlation: options.correlation,
    }, limits);
    const res = applyLimits(target, limits, {
      currentWeights: current,
      halted: guard.halted,
      dailyLossHit: guard.dailyLossHit,
      correlation: options.correlation,
    });
    let tv = 0;
    for (let i = 0; i < m; i++) {
      const nw = res.weights[symbols[i]];
      tv += Math.abs(nw - w[i]);
      w[i] = nw;
      W[i][t] = nw;
    }
    for (const d of res.decisions) counts[d.action]++;
    equity *= 1 - cost * tv;
    turn[t] = tv;
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
  };
}
