/**
 * Out-of-sample statistics of a return series and the rows of walk-forward test windows.
 *
 * @module
 */
import type { Fold } from "../backtest/mod.ts";
import {
  annualReturn,
  annualVolatility,
  cumReturnsFinal,
  maxDrawdown,
  sharpeRatio,
} from "../metrics/mod.ts";
import type { OosStats } from "./run_summary.ts";

/**
 * Out-of-sample statistics of simple daily returns (lib/metrics, 252 days a year, sample
 * std).
 *
 * @param r Returns.
 * @returns Days, Sharpe, annual return/volatility, total return, max drawdown (<= 0).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oosStats } from "./oos_stats.ts";
 * const s = oosStats(new Float64Array([0.01, -0.01, 0.02]));
 * assert.equal(s.days, 3);
 * assert.ok(s.maxDrawdown < 0);
 * ```
 */
export function oosStats(r: Float64Array): OosStats {
  return {
    days: r.length,
    sharpe: sharpeRatio(r),
    annualReturn: annualReturn(r),
    annualVolatility: annualVolatility(r),
    totalReturn: cumReturnsFinal(r),
    maxDrawdown: maxDrawdown(r),
  };
}

/**
 * Row indices of the test windows, in time order (folds with stride = test: no overlap).
 *
 * @param folds Walk-forward folds.
 * @returns The test rows.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeFolds } from "../backtest/mod.ts";
 * import { oosRows } from "./oos_stats.ts";
 * assert.deepEqual(oosRows(makeFolds(7, { train: 3, test: 2 })), [3, 4, 5, 6]);
 * ```
 */
export function oosRows(folds: readonly Fold[]): number[] {
  const out: number[] = [];
  for (const f of folds) {
    for (let t = f.testStart; t < f.testEnd; t++) out.push(t);
  }
  return out;
}
