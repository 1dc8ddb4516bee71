/**
 * Bench workload W1 (shared bench SPEC): walk-forward ridge on the S&P 500, to the letter.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { W1_FEATURES } from "../features/mod.ts";
import { runWalkForward } from "./run_walk_forward.ts";
import type { WalkForwardConfig } from "./types.ts";

/**
 * The W1 configuration: the 12 W1 features, label = next-day log return, rolling folds of
 * 252 train / 63 test / stride 63 over the usable rows that have a label, standardised
 * with train mean and sample std, ridge (lambda 1, intercept not penalised),
 * `p = sign(prediction)`, 1 bp per unit of turnover, p before the first test day = 0.
 */
export const w1Config: WalkForwardConfig = Object.freeze({
  features: W1_FEATURES,
  labelHorizon: 1,
  train: 252,
  test: 63,
  stride: 63,
  anchored: false,
  gap: 0,
  model: "ridge",
  modelOptions: Object.freeze({ lambda: 1 }),
  seed: 42,
  standardise: true,
  position: Object.freeze({ kind: "sign" as const }),
  costBps: 1,
});

/** The W1 outputs, keyed as in the bench SPEC. */
export interface W1Result {
  readonly folds: number;
  readonly oos_days: number;
  /** `mean(s)/std(s, n-1)*sqrt(252)`. */
  readonly sharpe: number;
  /** `prod(1+s)-1`. */
  readonly total_return: number;
  /** Max drawdown of `prod(1+s)` as a POSITIVE fraction (SPEC convention). */
  readonly max_drawdown: number;
  /** Share of OOS days with s > 0 among days with s != 0. */
  readonly hit_rate: number;
  /** One array per fold, standardised scale, features in W1 order. */
  readonly coefficients: number[][];
}

/**
 * Run bench workload W1 on `bars` (the SPEC uses the built-in S&P 500).
 *
 * @param bars Daily bars (SP500 for the benchmark).
 * @returns The SPEC's W1 outputs.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { runW1 } from "./w1.ts";
 * const r = runW1(await readSampleBars("SP500"));
 * assert.equal(r.folds, 73);
 * assert.equal(r.oos_days, 73 * 63);
 * ```
 */
export function runW1(bars: Bars): W1Result {
  const r = runWalkForward(bars, w1Config);
  return {
    folds: r.folds.length,
    oos_days: r.oos.dates.length,
    sharpe: r.metrics.sharpe,
    total_return: r.metrics.totalReturn,
    max_drawdown: -r.metrics.maxDrawdown,
    hit_rate: r.metrics.hitRate,
    coefficients: r.folds.map((f) => [...(f.coefficients ?? [])]),
  };
}
