/**
 * The walk-forward engine: features once, then per fold standardise + fit + predict on
 * that fold's rows only, then one backtest over the stitched out-of-sample days.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { type Fold, makeFolds, runBacktest } from "../backtest/mod.ts";
import { buildFeatures, type FeatureSet } from "../features/mod.ts";
import { fitFold, type FoldFit } from "./_fit_fold.ts";
import { forwardLogReturns } from "./labels.ts";
import { positionsFor } from "./_positions.ts";
import { summarizeReturns } from "./_summary.ts";
import { completeWalkForwardConfig } from "./config.ts";
import type {
  CompleteWalkForwardConfig,
  FoldResult,
  SpanMetrics,
  WalkForwardConfig,
  WalkForwardOptions,
  WalkForwardResult,
} from "./types.ts";

/**
 * Run a walk-forward backtest on one symbol.
 *
 * Rows: features at t use data <= t; the label is `y[t] = ln(close[t+h]/close[t])`
 * (h = `labelHorizon`, default 1). Folds (see `makeFolds`) split the usable rows that have
 * a label, from the first row where every feature exists. Per fold, everything is fitted
 * on that fold's training rows only: the standardiser (mean, sample std) and the model
 * (`createModel(model, modelOptions, seed)`); the test rows are then predicted. The test
 * days of all folds are stitched in time order; predictions map to positions
 * (`position`, default sign); the stitched series is backtested with `costBps` and fill at
 * the close: position p[t] earns `close[t+1]/close[t] - 1`, and the position before the
 * first test day of the run is 0 (then continuous across folds).
 *
 * @param bars Daily bars of one symbol.
 * @param config What to run (plain JSON; store it in the run manifest).
 * @param options Progress callback, clock for timings, label override for controls.
 * @returns Folds, the stitched OOS series and overall metrics.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { runWalkForward, W1_FEATURES } from "./mod.ts";
 * const bars = await readSampleBars("AAPL");
 * const r = runWalkForward(bars, { features: W1_FEATURES, train: 252, test: 63 });
 * assert.equal(r.folds.length, 12);
 * assert.equal(r.oos.dates.length, 12 * 63);
 * ```
 */
export function runWalkForward(
  bars: Bars,
  input: WalkForwardConfig,
  options: WalkForwardOptions = {},
): WalkForwardResult {
  const config = completeWalkForwardConfig(input);
  const h = config.labelHorizon;
  const fs = buildFeatures(bars, config.features, {
    benchmark: options.benchmark,
  });
  const y = options.labels ?? forwardLogReturns(bars.close, h);
  if (y.length !== bars.close.length) {
    throw new RangeError(
      `Labels must have ${bars.close.length} values, got ${y.length}`,
    );
  }
  const folds = planFolds(bars, config, fs, h);
  const fitted = fitAll(bars, config, fs, y, folds, options);
  return stitch(bars, config, fs.names, fitted);
}

/** Validate the windows against the data and make the folds (bar indexes). */
function planFolds(
  bars: Bars,
  config: CompleteWalkForwardConfig,
  fs: FeatureSet,
  h: number,
): Fold[] {
  const { stride, gap } = config;
  if (stride < config.test) {
    throw new RangeError(
      `Stride must be >= test so out-of-sample days do not overlap, got stride ${stride} and test ${config.test}`,
    );
  }
  const n = bars.close.length, first = fs.firstUsableRow;
  const domain = Math.max(0, n - h - first);
  if (domain < config.train + gap + config.test) {
    const need = first + config.train + gap + config.test + h;
    throw new RangeError(
      `Too little data for one fold of ${bars.symbol}: need ${need} bars (first usable row ${first} + train ${config.train} + gap ${gap} + test ${config.test} + label horizon ${h}), got ${n}`,
    );
  }
  checkFinite(fs.matrix.data, fs.names, bars.dates, first, first + domain);
  return makeFolds(domain, {
    train: config.train,
    test: config.test,
    stride,
    anchored: config.anchored,
    gap,
    labelHorizon: h,
  }).map((f) => shift(f, first));
}

interface Fitted {
  readonly folds: readonly Fold[];
  readonly fits: readonly FoldFit[];
  readonly rows: Int32Array;
  readonly predictions: Float64Array;
}

/** Fit every fold on its own training rows and collect the test predictions. */
function fitAll(
  bars: Bars,
  config: CompleteWalkForwardConfig,
  fs: FeatureSet,
  y: Float64Array,
  folds: readonly Fold[],
  options: WalkForwardOptions,
): Fitted {
  const now = options.now ?? (() => 0);
  const model = {
    name: config.model,
    options: { ...config.modelOptions },
    seed: config.seed,
  };
  const m = config.test;
  const rows = new Int32Array(folds.length * m);
  const predictions = new Float64Array(rows.length);
  const fits = folds.map((f, k) => {
    const fit = fitFold(
      fs.matrix,
      y,
      f,
      model,
      config.standardise,
      now,
    );
    for (let i = 0; i < m; i++) {
      rows[k * m + i] = f.testStart + i;
      predictions[k * m + i] = fit.predictions[i];
    }
    options.onFold?.({
      done: k + 1,
      total: folds.length,
      fold: k,
      testEndDate: bars.dates[f.testEnd - 1],
      ms: fit.fitMs + fit.predictMs,
    });
    return fit;
  });
  return { folds, fits, rows, predictions };
}

/** Positions and one backtest over the stitched OOS days; fold and overall metrics. */
function stitch(
  bars: Bars,
  config: CompleteWalkForwardConfig,
  features: readonly string[],
  { folds, fits, rows, predictions }: Fitted,
): WalkForwardResult {
  const dates = Array.from(rows, (r) => bars.dates[r]);
  const fwd = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    fwd[i] = bars.close[rows[i] + 1] / bars.close[rows[i]] - 1;
  }
  const positions = positionsFor(config.position, predictions, rows, bars);
  const bt = runBacktest({ forwardReturns: fwd }, positions, {
    costBps: config.costBps,
    dates,
  });
  const m = config.test;
  return Object.freeze({
    symbol: bars.symbol,
    features,
    folds: folds.map((f, k) =>
      foldResult(
        bars,
        f,
        fits[k],
        summarizeReturns(bt.netReturns, k * m, (k + 1) * m),
      )
    ),
    oos: {
      rows,
      dates,
      predictions,
      positions,
      returns: bt.netReturns,
      equity: bt.equity,
    },
    metrics: Object.freeze({
      ...summarizeReturns(bt.netReturns),
      winRate: bt.tradeStats.winRate,
      profitFactor: bt.tradeStats.profitFactor,
      payoffRatio: bt.tradeStats.payoffRatio,
      trades: bt.tradeStats.trades,
      exposure: bt.exposure,
      turnover: bt.meanTurnover,
      folds: folds.length,
    }),
  });
}

function checkFinite(
  data: Float64Array,
  names: readonly string[],
  dates: readonly string[],
  from: number,
  to: number,
): void {
  const p = names.length;
  for (let i = from * p; i < to * p; i++) {
    if (!Number.isFinite(data[i])) {
      const r = Math.floor(i / p);
      throw new RangeError(
        `Feature "${names[i % p]}" is not finite on ${
          dates[r]
        } (row ${r}) after its first usable row ${from}: expected finite values, got ${
          data[i]
        }; repair the bars first (DataSanity RELAXED)`,
      );
    }
  }
}

function shift(f: Fold, first: number): Fold {
  return {
    ...f,
    trainStart: f.trainStart + first,
    trainEnd: f.trainEnd + first,
    testStart: f.testStart + first,
    testEnd: f.testEnd + first,
  };
}

function foldResult(
  bars: Bars,
  f: Fold,
  fit: FoldFit,
  metrics: SpanMetrics,
): FoldResult {
  const d = bars.dates;
  return {
    index: f.index,
    trainStart: f.trainStart,
    trainEnd: f.trainEnd,
    testStart: f.testStart,
    testEnd: f.testEnd,
    trainStartDate: d[f.trainStart],
    trainEndDate: d[f.trainEnd - 1],
    testStartDate: d[f.testStart],
    testEndDate: d[f.testEnd - 1],
    purged: f.purged,
    metrics,
    coefficients: fit.coefficients,
    intercept: fit.intercept,
    importance: fit.importance,
    signs: fit.signs,
    ms: { fit: fit.fitMs, predict: fit.predictMs },
  };
}
