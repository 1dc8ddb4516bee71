/**
 * Net return columns of several registered strategies, ready for an ensemble.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { getStrategy, type StrategyParams } from "../strategies/mod.ts";
import { strategyReturns } from "./strategy_returns.ts";

/** One ensemble component: a registry name and optional parameters (else defaults). */
export interface ComponentSpec {
  readonly strategy: string;
  readonly params?: StrategyParams;
  /** Display name. @default strategy */
  readonly name?: string;
}

/**
 * Run each component strategy on the same bars and return its net daily returns
 * (close-to-close, costs per unit turnover; see `strategyReturns`), for
 * `runEnsembleWalkForward` from lib/strategies.
 *
 * @param bars Input symbols (one for single-symbol strategies).
 * @param specs Components.
 * @param options `costBps`. @default 0
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
  for (const spec of specs) {
    const s = getStrategy(spec.strategy);
    const params = spec.params ?? s.defaults;
    if (!s.valid(params)) {
      throw new RangeError(
        `Invalid parameters for ${s.name}: ${JSON.stringify(params)}`,
      );
    }
    names.push(spec.name ?? spec.strategy);
    returns.push(strategyReturns(bars, s.weights(bars, params), options));
  }
  return { names, returns };
}
