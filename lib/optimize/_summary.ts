/**
 * Summary of an optimisation run (private): trial matrix, DSR, PBO, degradation.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { StrategyParams } from "../strategies/mod.ts";
import { backtestWeights } from "../backtest/mod.ts";
import { selectionBias } from "./selection_bias.ts";
import type { OptimizeFold, OptimizeResult, Trial } from "./types.ts";

const ANN = Math.sqrt(252);

/** What one optimisation run computed before summarising. */
export interface RunContext {
  readonly name: string;
  readonly input: readonly Bars[];
  readonly configs: readonly StrategyParams[];
  /** Net returns per configuration over the out-of-sample span `[start, end)`. */
  readonly span: readonly Float64Array[];
  readonly partitions: number;
}

/** Assemble the result object from the per-config returns and the stitched OOS run. */
export function summarise(
  ctx: RunContext,
  run: {
    trials: Trial[];
    folds: OptimizeFold[];
    stitched: Float64Array[];
    start: number;
    end: number;
    oos: Float64Array;
  },
): OptimizeResult {
  const { name, configs, span, input, partitions } = ctx;
  const { trials, folds, stitched, start, end, oos } = run;
  const rows = end - start, cols = configs.length;
  const data = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    for (let t = 0; t < rows; t++) data[t * cols + c] = span[c][t];
  }
  const perPeriod = span.map((r) => sharpeOf(r, 0, r.length) / ANN);
  const bench = benchmarkReturns(input).slice(start, end);
  const bias = selectionBias(span, bench, { partitions, sharpes: perPeriod });
  const dsr = { ...bias.best, bestConfigId: bias.bestIndex };
  const pbo = bias.pbo ?? Object.freeze({
    pbo: NaN,
    partitions,
    splits: 0,
    logits: new Float64Array(0),
    probabilityOfLoss: NaN,
    degradationSlope: NaN,
  });
  const isS = mean(folds.map((f) => f.trainSharpe));
  const oosS = mean(folds.map((f) => f.testSharpe));
  let eq = 1, peak = 1, mdd = 0, total = 1;
  for (const r of oos) {
    eq *= 1 + r;
    total = eq;
    peak = Math.max(peak, eq);
    mdd = Math.min(mdd, eq / peak - 1);
  }
  return {
    strategy: name,
    configs,
    trials,
    folds,
    oos: {
      dates: input[0].dates.slice(start, end),
      returns: oos,
      positions: stitched.map((w) => w.slice(start, end)),
    },
    trialReturns: { data, rows, cols },
    metrics: {
      oosSharpe: sharpeOf(oos, 0, oos.length),
      oosTotalReturn: total - 1,
      oosMaxDrawdown: mdd,
      oosRows: rows,
      trialCount: trials.length,
      zeroTradeFolds: folds.filter((f) => f.trades === 0).length,
    },
    dsr,
    pbo,
    benchmark: {
      label: benchmarkLabel(input),
      sharpe: bias.benchmarkSharpe,
      excess: bias.excess,
    },
    degradation: {
      isSharpe: isS,
      oosSharpe: oosS,
      difference: oosS - isS,
      ratio: isS !== 0 ? oosS / isS : NaN,
    },
  };
}

/**
 * The benchmark of a search: holding the symbol (equal weights, rebalanced daily, for
 * several), its return on each bar t being `sum_j (1/m) (c_j[t] / c_j[t-1] - 1)` booked
 * like the strategies' (lib/backtest).
 */
function benchmarkReturns(input: readonly Bars[]): Float64Array {
  const n = input[0].dates.length, w = 1 / input.length;
  return backtestWeights(
    { close: input.map((b) => b.close) },
    input.map(() => new Float64Array(n).fill(w)),
    { costBps: 0 },
  ).earned;
}

/** "buy-and-hold SP500" or "equal-weight buy-and-hold of A, B (rebalanced daily)". */
function benchmarkLabel(input: readonly Bars[]): string {
  return input.length === 1
    ? `buy-and-hold ${input[0].symbol}`
    : `equal-weight buy-and-hold of ${
      input.map((b) => b.symbol).join(", ")
    } (rebalanced daily)`;
}

export function mean(x: number[]): number {
  const ok = x.filter(Number.isFinite);
  return ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
}

/** Annualised Sharpe of x[from..to); NaN when std is 0 or fewer than 2 rows. */
export function sharpeOf(x: Float64Array, from: number, to: number): number {
  const m = to - from;
  if (m < 2) return NaN;
  let s = 0;
  for (let i = from; i < to; i++) s += x[i];
  const mu = s / m;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (x[i] - mu) ** 2;
  const sd = Math.sqrt(ss / (m - 1));
  return sd > 0 ? (mu / sd) * ANN : NaN;
}
