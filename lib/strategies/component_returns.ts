/**
 * Net return columns of several registered strategies, ready for an ensemble.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { backtestWeights } from "../backtest/mod.ts";
import { getStrategy } from "./registry.ts";
import type { StrategyParams } from "./types.ts";

/** One ensemble component: a registry name and optional parameters (else defaults). */
export interface ComponentSpec {
  readonly strategy: string;
  readonly params?: StrategyParams;
  /** Display name. @default strategy */
  readonly name?: string;
}

/**
 * Run each component strategy on the same bars and return its net daily returns: the
 * `earned` returns of lib/backtest's `backtestWeights` (fills at the close, the book back
 * at its weights every bar): `r[t] = sum_j w_j[t-1] (c_j[t] / c_j[t-1] - 1) - cost
 * sum_j |w_j[t] - w_j[t-1]|` with `w[-1] = 0`, for `runEnsembleWalkForward`.
 *
 * @param bars Input symbols (one for single-symbol strategies).
 * @param specs Components.
 * @param options `costBps` per unit of turnover. @default 0
 * @returns Names and return columns, in the order of `specs`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { componentReturns } from "./component_returns.ts";
 * const close = Float64Array.from({ length: 300 }, (_, i) => 100 + Math.sin(i / 10) * 5 + i / 20);
 * const bars = { symbol: "X", dates: Array.from(close, (_, i) => `d${1000 + i}`), open: close, high: close, low: close, close, volume: close };
 * const c = componentReturns([bars], [{ strategy: "rsi" }, { strategy: "momentum", params: { lookbackDays: 20, skipDays: 0, longShort: 1 } }]);
 * assert.deepEqual(c.names, ["rsi", "momentum"]);
 * assert.equal(c.returns[1].length, 300);
 * ```
 */
export function componentReturns(
  bars: readonly Bars[],
  specs: readonly ComponentSpec[],
  options: { costBps?: number } = {},
): { names: string[]; returns: Float64Array[] } {
  const names: string[] = [], returns: Float64Array[] = [];
  const close = bars.map((b) => b.close);
  for (const spec of specs) {
    const s = getStrategy(spec.strategy);
    const params = spec.params ?? s.defaults;
    if (!s.valid(params)) {
      throw new RangeError(
        `Invalid parameters for ${s.name}: ${JSON.stringify(params)}`,
      );
    }
    names.push(spec.name ?? spec.strategy);
    const w = s.weights(bars, params);
    returns.push(backtestWeights({ close }, w, options).earned);
  }
  return { names, returns };
}
