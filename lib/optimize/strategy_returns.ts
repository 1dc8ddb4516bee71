/**
 * Net daily returns of target weights (the small backtest kernel used by the optimiser).
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";

/**
 * Close-to-close P&L of weights decided at the close of t (fills at the close of t):
 * r_t = sum_j w_j[t-1] (c_j[t] / c_j[t-1] - 1) - costBps / 1e4 * sum_j |w_j[t] - w_j[t-1]|,
 * with w[-1] = 0 (the cost of trading at t is booked at t). NaN prices contribute 0.
 *
 * @param bars One Bars per weight column, aligned on the same dates.
 * @param weights Target weights per symbol.
 * @param options `costBps` per unit of turnover. @default 0
 * @returns Simple net returns per bar.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strategyReturns } from "./strategy_returns.ts";
 * const close = new Float64Array([100, 110, 99]);
 * const bars = { symbol: "X", dates: ["a", "b", "c"], open: close, high: close, low: close, close, volume: close };
 * const r = strategyReturns([bars], [new Float64Array([1, 1, 0])], { costBps: 10 });
 * assert.ok(Math.abs(r[0] + 0.001) < 1e-15 && Math.abs(r[1] - 0.1) < 1e-15);
 * assert.ok(Math.abs(r[2] - (-0.1 - 0.001)) < 1e-15);
 * ```
 */
export function strategyReturns(
  bars: readonly Bars[],
  weights: readonly Float64Array[],
  options: { costBps?: number } = {},
): Float64Array {
  if (bars.length !== weights.length) {
    throw new RangeError(
      `strategyReturns needs one weight column per symbol: got ${weights.length} for ${bars.length}`,
    );
  }
  const n = bars.length ? bars[0].close.length : 0;
  const cost = (options.costBps ?? 0) / 1e4;
  const out = new Float64Array(n);
  for (let j = 0; j < bars.length; j++) {
    const c = bars[j].close, w = weights[j];
    if (c.length !== n || w.length !== n) {
      throw new RangeError(
        `strategyReturns needs aligned columns of length ${n}: got ${c.length} and ${w.length}`,
      );
    }
    for (let t = 0; t < n; t++) {
      const prev = t > 0 ? w[t - 1] : 0;
      if (t > 0 && prev !== 0) {
        const r = c[t] / c[t - 1] - 1;
        if (Number.isFinite(r)) out[t] += prev * r;
      }
      out[t] -= cost * Math.abs(w[t] - prev);
    }
  }
  return out;
}
