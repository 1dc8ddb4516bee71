/**
 * Strategy and risk adapters: turn a registry strategy (`lib/strategies`) into the
 * session's `decide(history)` and the shared risk limits (`lib/risk`) into its pre-trade
 * check, so paper trading runs exactly the rules the backtests run.
 *
 * @module
 */
import { getStrategy, type StrategyParams } from "../strategies/mod.ts";
import { checkOrder, type RiskLimits } from "../risk/mod.ts";
import { type History, historyBars } from "./history.ts";
import type { OrderRequest } from "./types.ts";
import type {
  PreTradeContext,
  PreTradeDecision,
  SessionLimits,
} from "./session.ts";

/**
 * A `decide` function for a registry strategy: at each bar it runs
 * `strategy.weights(bars up to t, params)` and returns the last row, i.e. the target
 * weight (fraction of equity, in [-1, 1]) decided at t's close from data up to t.
 * Single- and many-symbol strategies see every symbol; a pairs strategy needs exactly
 * two symbols, in the config's order. Until every symbol has `lookback` bars the target
 * is flat.
 *
 * @param name Registry key, e.g. `"ma_crossover"`.
 * @param params Overrides of the strategy's defaults (unknown keys are an error).
 * @param symbols The session's symbols, in order.
 */
export function strategyDecider(
  name: string,
  params: Readonly<Record<string, number | string | boolean>>,
  symbols: readonly string[],
): (history: History) => Readonly<Record<string, number>> {
  const strategy = getStrategy(name);
  const p: Record<string, number> = { ...strategy.defaults };
  for (const [k, v] of Object.entries(params)) {
    if (!(k in strategy.defaults)) {
      throw new RangeError(
        `Unknown parameter "${k}" for strategy "${name}": expected one of ${
          Object.keys(strategy.defaults).join(", ")
        }`,
      );
    }
    p[k] = Number(v);
  }
  if (!strategy.valid(p as StrategyParams)) {
    throw new RangeError(
      `Invalid parameters for strategy "${name}": ${JSON.stringify(p)}`,
    );
  }
  if (strategy.symbols === 2 && symbols.length !== 2) {
    throw new RangeError(
      `Strategy "${name}" trades a pair: expected 2 symbols, got ${symbols.length}`,
    );
  }
  const lookback = strategy.lookback(p);
  const single = strategy.symbols === 1;
  return (history) => {
    const bars = symbols.map((s) => historyBars(history, s));
    const out: Record<string, number> = {};
    if (bars.some((b) => b.close.length <= lookback)) {
      for (const s of symbols) out[s] = 0;
      return out;
    }
    if (single) {
      for (const b of bars) {
        const w = strategy.weights([b], p)[0];
        out[b.symbol] = w[w.length - 1];
      }
      return out;
    }
    const n = Math.min(...bars.map((b) => b.close.length));
    const aligned = bars.map((b) => tail(b, n));
    const ws = strategy.weights(aligned, p);
    symbols.forEach((s, j) => out[s] = ws[j][ws[j].length - 1]);
    return out;
  };
}

function tail<B extends ReturnType<typeof historyBars>>(b: B, n: number): B {
  const k = b.close.length - n;
  if (k === 0) return b;
  return {
    ...b,
    dates: b.dates.slice(k),
    open: b.open.subarray(k),
    high: b.high.subarray(k),
    low: b.low.subarray(k),
    close: b.close.subarray(k),
    volume: b.volume.subarray(k),
  };
}

/**
 * The session's pre-trade check from the shared risk limits: `lib/risk`'s `checkOrder`
 * on the signed order at the last close, with the session's positions and marks.
 *
 * @param limits Validated limits (`RiskLimitsSchema`).
 */
export function riskChecker(
  limits: RiskLimits,
): (order: OrderRequest, ctx: PreTradeContext) => PreTradeDecision {
  return (order, ctx) => {
    const sign = order.side === "BUY" ? 1 : -1;
    const r = checkOrder(
      {
        symbol: order.symbol,
        quantity: sign * order.quantity,
        price: ctx.price,
      },
      { equity: ctx.equity, positions: ctx.positions, prices: ctx.marks },
      limits,
    );
    return {
      action: r.action,
      quantity: Math.abs(r.quantity),
      reason: r.reason,
      rule: r.rule,
    };
  };
}

/** The session's kill-switch limits from the shared risk limits. */
export function sessionLimits(limits: RiskLimits): SessionLimits {
  return {
    maxDrawdown: limits.maxDrawdown,
    dailyLossLimit: limits.dailyLossLimit,
    maxGrossExposure: limits.maxGrossExposure,
    flattenOnKill: limits.flattenOnKill,
  };
}
