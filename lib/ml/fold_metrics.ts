/**
 * Out-of-sample scores of one fold's predictions.
 *
 * @module
 */
import type { ModelTask } from "./model.ts";

/** Scores of a test window. */
export interface FoldMetrics {
  readonly n: number;
  /** Mean squared error of the forecast (NaN for classifiers). */
  readonly mse: number;
  /**
   * Pearson correlation of prediction and target within this test window. Descriptive
   * only: centred on the window's own means it is biased upward on short windows with
   * slow features; the run's IC is `OosSummary.rankIc` (pooled, unbiased under the null).
   */
  readonly ic: number;
  /** Share of rows with nonzero target where sign(prediction - centre) = sign(target). */
  readonly hitRate: number;
  /** Mean of sign(prediction - centre) * target: the daily return of the sign strategy. */
  readonly meanStrategyReturn: number;
}

/**
 * Score predictions against targets; the centre is 0.5 for classifiers (P(up)) and 0 for
 * regressors, so `sign(pred - centre)` is the long/short call.
 *
 * @param y Targets (forward returns).
 * @param pred Predictions.
 * @param task Model task.
 * @returns The fold's scores (NaN where undefined, e.g. a constant prediction's IC).
 * @example
 * ```ts
 * import { foldMetrics } from "./fold_metrics.ts";
 * import assert from "node:assert/strict";
 * const m = foldMetrics(new Float64Array([0.01, -0.02]), new Float64Array([0.5, -1]), "regression");
 * assert.equal(m.hitRate, 1);
 * ```
 */
export function foldMetrics(
  y: Float64Array,
  pred: Float64Array,
  task: ModelTask,
): FoldMetrics {
  const n = y.length, c = task === "classification" ? 0.5 : 0;
  let se = 0, hits = 0, nz = 0, strat = 0, my = 0, mp = 0;
  for (let i = 0; i < n; i++) {
    se += (y[i] - pred[i]) ** 2;
    const s = Math.sign(pred[i] - c);
    if (y[i] !== 0) {
      nz++;
      if (s === Math.sign(y[i])) hits++;
    }
    strat += s * y[i];
    my += y[i] / n;
    mp += pred[i] / n;
  }
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (pred[i] - mp) * (y[i] - my);
    sxx += (pred[i] - mp) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return {
    n,
    mse: task === "classification" || n === 0 ? NaN : se / n,
    ic: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN,
    hitRate: nz > 0 ? hits / nz : NaN,
    meanStrategyReturn: n > 0 ? strat / n : NaN,
  };
}
