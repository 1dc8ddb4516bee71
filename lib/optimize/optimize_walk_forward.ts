/**
 * Parameter optimisation inside walk-forward training windows, with every trial kept.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { backtestWeights, type Fold, makeFolds } from "../backtest/mod.ts";
import {
  getStrategy,
  type Strategy,
  type StrategyParams,
} from "../strategies/mod.ts";
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
  const n = searchConfigs(options).length;
  return combineConfigBlocks(bars, options, [
    evaluateConfigBlock(bars, options, 0, n),
  ]);
}

/**
 * The configurations a search evaluates, in order (the grid, or its seeded random
 * sample, filtered by the strategy's `valid`): a function of the options only.
 *
 * @param options The search's options.
 * @returns The configurations; a block of a split search is a range of their indices.
 * @throws RangeError when the search space has no valid configuration.
 */
export function searchConfigs(
  options: OptimizeOptions,
): readonly StrategyParams[] {
  const strat = strategyOf(options);
  const grid = options.grid ?? strat.grid;
  const configs = options.random
    ? sampleGrid(grid, { ...options.random, valid: (p) => strat.valid(p) })
    : expandGrid(grid, (p) => strat.valid(p));
  if (configs.length === 0) {
    throw new RangeError(
      `Search space of ${strat.name} has no valid configuration`,
    );
  }
  return configs;
}

/**
 * What a block of configurations `[from, to)` of a search contributes, computed on its
 * own (a shard of a split search): per fold and configuration the train and test
 * Sharpe, and per configuration its net returns over the out-of-sample span (the
 * selected configurations' weights are recomputed when combining: a few, not all). {@linkcode combineConfigBlocks} selects over every block's configurations and
 * summarises, so the blocks of a search give exactly {@linkcode optimizeWalkForward}'s
 * result.
 */
export interface ConfigBlock {
  /** First configuration (index into {@linkcode searchConfigs}). */
  readonly from: number;
  /** One past the last. */
  readonly to: number;
  /** Train Sharpe of configuration `from + c` in fold `f` at `f * (to - from) + c`. */
  readonly trainSharpe: Float64Array;
  /** Test Sharpe, laid out like `trainSharpe`. */
  readonly testSharpe: Float64Array;
  /** Net returns of each configuration over the out-of-sample span `[start, end)`. */
  readonly span: readonly Float64Array[];
}

/**
 * Evaluate configurations `[from, to)` of a search on every fold (pure; one shard of a
 * split search).
 *
 * @param bars One symbol or aligned symbols.
 * @param options The search's options.
 * @param from First configuration.
 * @param to One past the last (at most the number of configurations).
 * @returns The block.
 */
export function evaluateConfigBlock(
  bars: Bars | readonly Bars[],
  options: OptimizeOptions,
  from: number,
  to: number,
): ConfigBlock {
  const input = inputOf(bars);
  const strat = strategyOf(options);
  const configs = searchConfigs(options);
  if (!(0 <= from && from < to && to <= configs.length)) {
    throw new RangeError(
      `Configuration block ${from}..${to} is outside the search's ${configs.length} configurations`,
    );
  }
  const folds = foldsOf(input, options);
  const start = folds[0].testStart, end = folds[folds.length - 1].testEnd;
  const costBps = options.costBps ?? 0;
  const k = to - from;
  const trainSharpe = new Float64Array(folds.length * k);
  const testSharpe = new Float64Array(folds.length * k);
  const span: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    const p = configs[from + c];
    const w = strat.weights(input, p);
    const r = netReturns(input, w, costBps);
    const lookback = strat.lookback(p);
    folds.forEach((f, i) => {
      const first = Math.min(f.trainEnd - 2, Math.max(f.trainStart, lookback));
      trainSharpe[i * k + c] = sharpeOf(r, first, f.trainEnd);
      testSharpe[i * k + c] = sharpeOf(r, f.testStart, f.testEnd);
    });
    span.push(r.slice(start, end));
  }
  return { from, to, trainSharpe, testSharpe, span };
}

/**
 * Combine the blocks of a search into its result: per fold the best train Sharpe over
 * every configuration (ties: the first), the stitched out-of-sample run, and the
 * overfitting statistics (deflated Sharpe, PBO) over the whole search. Equal to
 * {@linkcode optimizeWalkForward} on the same bars and options.
 *
 * @param bars The bars the blocks were evaluated on.
 * @param options The search's options.
 * @param blocks Blocks covering every configuration once, in any order.
 * @returns The search's result.
 */
export function combineConfigBlocks(
  bars: Bars | readonly Bars[],
  options: OptimizeOptions,
  blocks: readonly ConfigBlock[],
): OptimizeResult {
  const input = inputOf(bars);
  const strat = strategyOf(options);
  const configs = searchConfigs(options);
  const folds = foldsOf(input, options);
  const ordered = [...blocks].sort((a, b) => a.from - b.from);
  let next = 0;
  for (const b of ordered) {
    if (b.from !== next || b.to <= b.from) {
      throw new RangeError(
        `Configuration blocks do not cover ${configs.length} configurations once: ${
          ordered.map((x) => `${x.from}..${x.to}`).join(", ")
        }`,
      );
    }
    next = b.to;
  }
  if (next !== configs.length) {
    throw new RangeError(
      `Configuration blocks cover ${next} of ${configs.length} configurations`,
    );
  }
  const n = input[0].dates.length;
  const start = folds[0].testStart, end = folds[folds.length - 1].testEnd;
  const span = ordered.flatMap((b) => b.span);
  // the selected configurations' weights (a few): recomputed, the same pure function
  const chosen = new Map<number, Float64Array[]>();
  const weights = (c: number) => {
    let w = chosen.get(c);
    if (!w) chosen.set(c, w = strat.weights(input, configs[c]));
    return w;
  };
  const sharpes = (pick: (b: ConfigBlock) => Float64Array, f: number) =>
    ordered.flatMap((b) => {
      const k = b.to - b.from;
      return Array.from(pick(b).subarray(f * k, (f + 1) * k));
    });
  const stitched = input.map(() => new Float64Array(n));
  const trials: Trial[] = [];
  const foldOut = folds.map((f) =>
    selectFold(
      { configs, span, weights, start, input },
      f,
      sharpes((b) => b.trainSharpe, f.index),
      sharpes((b) => b.testSharpe, f.index),
      stitched,
      trials,
    )
  );
  const costBps = options.costBps ?? 0;
  const oos = netReturns(input, stitched, costBps).slice(start, end);
  const ctx: RunContext = {
    name: strat.name,
    input,
    configs,
    span,
    partitions: options.partitions ?? 16,
  };
  return summarise(ctx, { trials, folds: foldOut, stitched, start, end, oos });
}

function inputOf(bars: Bars | readonly Bars[]): readonly Bars[] {
  const input: readonly Bars[] = Array.isArray(bars) ? bars : [bars as Bars];
  checkAligned(input);
  return input;
}

function strategyOf(options: OptimizeOptions): Strategy {
  return typeof options.strategy === "string"
    ? getStrategy(options.strategy)
    : options.strategy;
}

function foldsOf(input: readonly Bars[], options: OptimizeOptions): Fold[] {
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
  return folds;
}

/** Pick the fold's configuration (best train Sharpe, ties: first), record the trials,
 * and write the selected configuration's weights into the stitched OOS positions. */
function selectFold(
  ctx: {
    readonly configs: readonly StrategyParams[];
    readonly span: readonly Float64Array[];
    readonly weights: (c: number) => readonly Float64Array[];
    readonly start: number;
    readonly input: readonly Bars[];
  },
  f: Fold,
  tr: readonly number[],
  te: readonly number[],
  stitched: Float64Array[],
  trials: Trial[],
): OptimizeFold {
  const { configs, span, weights, start, input } = ctx;
  let best = 0, bestS = -Infinity;
  tr.forEach((s, c) => {
    if (s > bestS) (bestS = s, best = c);
  });
  configs.forEach((p, c) =>
    trials.push(Object.freeze({
      fold: f.index,
      configId: c,
      params: p,
      trainSharpe: tr[c],
      testSharpe: te[c],
      testReturns: span[c].slice(f.testStart - start, f.testEnd - start),
      selected: c === best,
    }))
  );
  let trades = 0;
  const w = weights(best);
  for (let j = 0; j < input.length; j++) {
    for (let t = f.testStart - 1; t < f.testEnd; t++) {
      stitched[j][t] = w[j][t];
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
    testSharpe: te[best],
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
