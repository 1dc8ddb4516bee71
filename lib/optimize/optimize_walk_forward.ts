/**
 * Parameter optimisation inside walk-forward training windows, with every trial kept.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { backtestWeights, type Fold, makeFolds } from "../backtest/mod.ts";
import { getStrategy } from "../strategies/mod.ts";
import { expandGrid, sampleGrid } from "./search_space.ts";
import { type RunContext, sharpeOf, summarise } from "./_summary.ts";
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
 * Returns: lib/backtest's `backtestWeights` (fills at the close, costs per unit of
 * turnover), each bar's return booked on the bar that earns it (`netReturns` below).
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
  checkAligned(input);
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
  const folds = makeFolds(n, {
    train: options.train,
    test: options.test,
    stride: options.stride,
  });
  if (folds.length === 0) {
    throw new RangeError(
      `No walk-forward fold fits: ${n} rows for train ${options.train} + test ${options.test}`,
    );
  }
  const costBps = options.costBps ?? 0;
  const weights = configs.map((p) => strat.weights(input, p));
  const ctx: RunContext = {
    name: strat.name,
    input,
    configs,
    weights,
    returns: weights.map((w) => netReturns(input, w, costBps)),
    lookbacks: configs.map((p) => strat.lookback(p)),
    partitions: options.partitions ?? 16,
  };
  const stitched = input.map(() => new Float64Array(n));
  const trials: Trial[] = [];
  const foldOut = folds.map((f) => evaluateFold(ctx, f, stitched, trials));
  const start = folds[0].testStart, end = folds[folds.length - 1].testEnd;
  const oos = netReturns(input, stitched, costBps).slice(start, end);
  return summarise(ctx, { trials, folds: foldOut, stitched, start, end, oos });
}

/** Score every configuration on the fold's training rows, record the trials, and
 * write the selected configuration's weights into the stitched OOS positions. */
function evaluateFold(
  ctx: RunContext,
  f: Fold,
  stitched: Float64Array[],
  trials: Trial[],
): OptimizeFold {
  const { configs, returns, weights, input } = ctx;
  let best = 0, bestS = -Infinity;
  const tr = configs.map((_, c) => {
    const from = Math.min(
      f.trainEnd - 2,
      Math.max(f.trainStart, ctx.lookbacks[c]),
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
  for (let j = 0; j < input.length; j++) {
    for (let t = f.testStart - 1; t < f.testEnd; t++) {
      stitched[j][t] = weights[best][j][t];
    }
    for (let t = f.testStart; t < f.testEnd; t++) {
      if (stitched[j][t] !== stitched[j][t - 1]) trades++;
    }
  }
  const d = input[0].dates;
  return Object.freeze({
    index: f.index,
    trainStart: d[f.trainStart],
    trainEnd: d[f.trainEnd - 1],
    testStart: d[f.testStart],
    testEnd: d[f.testEnd - 1],
    configId: best,
    params: configs[best],
    trainSharpe: tr[best],
    testSharpe: sharpeOf(returns[best], f.testStart, f.testEnd),
    trades,
  });
}

/**
 * Net daily returns of target weights on aligned bars: the return of the bar ending at t,
 * `sum_j w_j[t-1] (c_j[t] / c_j[t-1] - 1) - costBps/1e4 sum_j |w_j[t] - w_j[t-1]|`
 * (`w[-1] = 0`; lib/backtest `backtestWeights(...).earned`).
 */
function netReturns(
  bars: readonly Bars[],
  weights: readonly Float64Array[],
  costBps: number,
): Float64Array {
  return backtestWeights({ close: bars.map((b) => b.close) }, weights, {
    costBps,
  }).earned;
}

function checkAligned(input: readonly Bars[]): void {
  if (input.length === 0) {
    throw new RangeError("optimizeWalkForward needs at least one symbol");
  }
  const d0 = input[0].dates;
  for (const b of input) {
    const d = b.dates;
    if (
      d.length !== d0.length || d[0] !== d0[0] ||
      d[d.length - 1] !== d0[d0.length - 1]
    ) {
      throw new RangeError(
        `Symbols must share one date index: ${b.symbol} has ${d.length} rows (${
          d[0]
        }..${d[d.length - 1]}), ` +
          `${
            input[0].symbol
          } has ${d0.length}; align them with alignBars first`,
      );
    }
  }
}
