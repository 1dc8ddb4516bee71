/**
 * Parameter optimisation inside walk-forward training windows, with every trial kept.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { getStrategy, makeTrainTestFolds } from "../strategies/mod.ts";
import { expandGrid, sampleGrid } from "./search_space.ts";
import { strategyReturns } from "./strategy_returns.ts";
import { sharpeOf, summarise } from "./_summary.ts";
import type {
  OptimizeFold,
  OptimizeOptions,
  OptimizeResult,
  Trial,
} from "./types.ts";

/**
 * Walk-forward parameter search: for each fold, evaluate every configuration (grid or
 * seeded random sample) on the training rows, pick the best train Sharpe (ties: first),
 * trade it on the test rows. Every (fold, config) trial is recorded. Weights are computed
 * once per configuration on the full sample; causality of the strategies makes the value
 * at t identical to a run on data <= t. OOS positions are stitched: the selected
 * configuration's weights from the close of the fold's first test day minus one.
 * Returns: close-to-close, costs per unit turnover ({@linkcode strategyReturns}).
 * Sharpe: mean/std(n-1) * sqrt(252). Max drawdown: negative fraction of compounded equity.
 *
 * @param bars One symbol (`Bars`) or aligned symbols (`Bars[]`, e.g. a pair).
 * @param options Strategy, search space, windows, costs.
 * @returns Trials, folds, OOS run, DSR, PBO, IS/OOS degradation.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { optimizeWalkForward } from "./optimize_walk_forward.ts";
 * const close = Float64Array.from({ length: 700 }, (_, i) => 100 * Math.exp(0.0004 * i + 0.03 * Math.sin(i / 15)));
 * const bars = { symbol: "X", dates: Array.from({ length: 700 }, (_, i) => `d${1000 + i}`), open: close, high: close, low: close, close, volume: close };
 * const r = optimizeWalkForward(bars, { strategy: "ma_crossover", grid: { fastDays: [5, 10], slowDays: [20, 40], longShort: [0] }, train: 250, test: 100, partitions: 4 });
 * assert.equal(r.trials.length, 4 * r.folds.length);
 * ```
 */
export function optimizeWalkForward(
  bars: Bars | readonly Bars[],
  options: OptimizeOptions,
): OptimizeResult {
  const input: readonly Bars[] = Array.isArray(bars) ? bars : [bars as Bars];
  const strat = typeof options.strategy === "string"
    ? getStrategy(options.strategy)
    : options.strategy;
  const grid = options.grid ?? strat.grid;
  const configs = options.random
    ? sampleGrid(grid, { ...options.random, valid: (p) => strat.valid(p) })
    : expandGrid(grid, (p) => strat.valid(p));
  if (configs.length === 0) {
    throw new RangeError(
      `Search space of ${strat.name} has no valid configuration`,
    );
  }
  const n = input[0].dates.length;
  const folds = makeTrainTestFolds(n, options);
  if (folds.length === 0) {
    throw new RangeError(
      `No walk-forward fold fits: ${n} rows for train ${options.train} + test ${options.test}`,
    );
  }
  const cost = options.costBps ?? 0;
  const weights = configs.map((p) => strat.weights(input, p));
  const returns = weights.map((w) =>
    strategyReturns(input, w, { costBps: cost })
  );
  const trials: Trial[] = [];
  const foldOut: OptimizeFold[] = [];
  const k = input.length;
  const stitched = Array.from({ length: k }, () => new Float64Array(n));
  for (const f of folds) {
    let best = 0, bestS = -Infinity;
    const tr = configs.map((p, c) => {
      const from = Math.min(
        f.trainEnd - 2,
        Math.max(f.trainStart, strat.lookback(p)),
      );
      const s = sharpeOf(returns[c], from, f.trainEnd);
      if (s > bestS) (bestS = s, best = c);
      return s;
    });
    configs.forEach((p, c) =>
      trials.push(Object.freeze({
        fold: f.index,
        configId: c,
        params: p,
        trainSharpe: tr[c],
        testSharpe: sharpeOf(returns[c], f.testStart, f.testEnd),
        testReturns: returns[c].slice(f.testStart, f.testEnd),
        selected: c === best,
      }))
    );
    let trades = 0;
    for (let j = 0; j < k; j++) {
      for (let t = f.testStart - 1; t < f.testEnd; t++) {
        stitched[j][t] = weights[best][j][t];
      }
      for (let t = f.testStart; t < f.testEnd; t++) {
        if (stitched[j][t] !== stitched[j][t - 1]) trades++;
      }
    }
    foldOut.push(Object.freeze({
      index: f.index,
      trainStart: input[0].dates[f.trainStart],
      trainEnd: input[0].dates[f.trainEnd - 1],
      testStart: input[0].dates[f.testStart],
      testEnd: input[0].dates[f.testEnd - 1],
      configId: best,
      params: configs[best],
      trainSharpe: tr[best],
      testSharpe: sharpeOf(returns[best], f.testStart, f.testEnd),
      trades,
    }));
  }
  const start = folds[0].testStart, end = folds[folds.length - 1].testEnd;
  const oosReturns = strategyReturns(input, stitched, { costBps: cost }).slice(
    start,
    end,
  );
  return summarise(
    strat.name,
    configs,
    trials,
    foldOut,
    returns,
    stitched,
    input,
    start,
    end,
    oosReturns,
    options.partitions ?? 16,
  );
}
