/**
 * The strategy adapter: turn a registry strategy (`lib/strategies`) into the session's
 * `decide(history)`, and replay a history to get the targets of every date (what the
 * execution backtest of the reconciliation trades on).
 *
 * @module
 */
import { resolveStrategy } from "./resolve_strategy.ts";
import {
  appendBar,
  createHistory,
  type History,
  historyBars,
} from "./history.ts";
import type { BarGroup } from "../backtest/mod.ts";

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
 * @throws RangeError naming the field, when `checkStrategy` finds a problem.
 */
export function strategyDecider(
  name: string,
  params: Readonly<Record<string, number | string | boolean>>,
  symbols: readonly string[],
): (history: History) => Readonly<Record<string, number>> {
  const { strategy, params: p, lookback } = resolveStrategy(
    { name, params },
    symbols,
  );
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
 * The targets `decide` gives on every date of `[from, to]`, replaying `groups` into a
 * history from their first date (warm-up groups before `from` only feed the history).
 *
 * @param groups Bars grouped by date, ascending (warm-up included).
 * @param symbols The session's symbols.
 * @param decide The session's decision function.
 * @param from First date to decide on.
 * @param to Last date to decide on.
 * @returns Targets by date.
 */
export function replayTargets(
  groups: readonly BarGroup[],
  symbols: readonly string[],
  decide: (history: History) => Readonly<Record<string, number>>,
  from: string,
  to: string,
): Map<string, Readonly<Record<string, number>>> {
  const history = createHistory(symbols);
  const out = new Map<string, Readonly<Record<string, number>>>();
  for (const g of groups) {
    if (g.date > to) break;
    for (const bar of g.bars) appendBar(history, bar);
    if (g.date >= from) out.set(g.date, decide(history));
  }
  return out;
}
