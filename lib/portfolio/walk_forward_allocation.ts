/**
 * Out-of-sample walk-forward of an allocation rule with periodic or threshold
 * rebalancing and trading costs.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import {
  backtestWeights,
  bpsToFraction,
  type Fold,
  makeFolds,
  turnoverCost,
  type WeightsBacktestResult,
} from "../backtest/mod.ts";
import {
  allocate,
  allocateFrom,
  type AllocateOptions,
  estimateWindow,
  type WindowEstimate,
} from "./allocate.ts";
import { type ReturnSummary, summarise } from "./_metrics.ts";

/** Options of {@linkcode walkForwardAllocation}. */
export interface WalkForwardAllocationOptions extends AllocateOptions {
  /** Estimation window in periods (days for daily data). @default 252 */
  readonly lookback?: number;
  /** Re-estimate every this many periods. @default 21 */
  readonly rebalanceEvery?: number;
  /** Periods a year for annual figures (252 daily, 12 monthly). @default 252 */
  readonly periodsPerYear?: number;
  /** Cost in basis points per unit of turnover (sum |delta w|). @default 0 */
  readonly costBps?: number;
  /**
   * Threshold rebalancing: on an estimation day trade only if some drifted weight is
   * more than this away from the new target. Omitted = always trade (periodic).
   */
  readonly thresholdWeight?: number;
  /**
   * Estimates by window (first row), shared by the walk-forwards of several methods over
   * the same returns, lookback and covariance: each window is estimated once. Results
   * are the same with or without it. @default none
   */
  readonly estimates?: Map<number, WindowEstimate>;
}

/** One weights decision. */
export interface WeightsRecord {
  /** Date of the close at which the weights were decided (and traded, if traded). */
  readonly date: string;
  readonly weights: Float64Array;
  readonly traded: boolean;
  readonly turnover: number;
  readonly shrinkage: number;
}

/** Result of {@linkcode walkForwardAllocation}. */
export interface WalkForwardAllocationResult {
  /** Out-of-sample dates (the day each return is earned). */
  readonly dates: readonly string[];
  /** Net daily portfolio returns (after costs). */
  readonly returns: Float64Array;
  /** Daily returns before costs. */
  readonly grossReturns: Float64Array;
  /** Turnover traded at the close of each out-of-sample day. */
  readonly turnover: Float64Array;
  readonly weightsHistory: readonly WeightsRecord[];
  readonly metrics: ReturnSummary & {
    readonly totalTurnover: number;
    /** Average turnover per year (sum / years). */
    readonly annualTurnover: number;
    readonly rebalances: number;
  };
}

/**
 * Walk forward: at the close of day t0 = lookback - 1 and every `rebalanceEvery` days
 * after (lib/backtest `makeFolds` with train = lookback, test = stride = rebalanceEvery),
 * weights are estimated from returns rows (t - lookback, t] only and held from t + 1,
 * drifting with prices between trades (lib/backtest `backtestWeights`, `drift: true`). Row t of `returns` is the return earned
 * from the close of t - 1 to the close of t. Costs = costBps / 1e4 x sum |w_new -
 * w_drifted|, subtracted from the return of the day whose close the trade happens at;
 * the initial purchase at t0 is charged on the first out-of-sample day.
 *
 * @param returns T x N daily simple returns (NaN counts as 0 in P&L, dropped in estimation).
 * @param dates T dates.
 * @param options Method, lookback, rebalancing, costs, covariance.
 * @returns Daily OOS returns, turnover, weights history, metrics.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { walkForwardAllocation } from "./walk_forward_allocation.ts";
 * const data = Float64Array.from({ length: 600 }, (_, i) => Math.sin(i * 0.7) / 100);
 * const dates = Array.from({ length: 300 }, (_, i) => `d${1000 + i}`);
 * const r = walkForwardAllocation({ data, rows: 300, cols: 2 }, dates, { method: "minvar", lookback: 100, rebalanceEvery: 50 });
 * assert.equal(r.returns.length, 200);
 * assert.equal(r.weightsHistory.length, 4);
 * ```
 */
export function walkForwardAllocation(
  returns: Matrix,
  dates: readonly string[],
  options: WalkForwardAllocationOptions = {},
): WalkForwardAllocationResult {
  return walkForwardFromTargets(
    returns,
    dates,
    options,
    (f) => allocationTarget(returns, f, options),
  );
}

/** A rebalance's target: the allocation estimated on its lookback window. */
export interface AllocationTarget {
  readonly weights: Float64Array;
  /** The covariance's shrinkage (NaN for equal weights). */
  readonly shrinkage: number;
}

/**
 * The rebalances of a walk-forward over `rows` returns: fold i estimates on rows
 * [i k, i k + L) and holds its weights over the next k rows (k = `rebalanceEvery`,
 * L = `lookback`).
 *
 * @param rows Rows of returns.
 * @param options Lookback and rebalancing.
 * @returns The folds, one per rebalance.
 * @throws RangeError for a bad lookback or rebalancing, or too few rows.
 */
export function allocationFolds(
  rows: number,
  options: Pick<WalkForwardAllocationOptions, "lookback" | "rebalanceEvery">,
): Fold[] {
  const L = options.lookback ?? 252, k = options.rebalanceEvery ?? 21;
  if (!(Number.isInteger(L) && L >= 2 && Number.isInteger(k) && k >= 1)) {
    throw new RangeError(
      `Expected integer lookback >= 2 and rebalanceEvery >= 1, got ${L} and ${k}`,
    );
  }
  const folds = makeFolds(rows, { train: L, test: k, partial: true });
  if (folds.length === 0) {
    throw new RangeError(
      `Need more than lookback (${L}) rows of returns, got ${rows}`,
    );
  }
  return folds;
}

/**
 * One rebalance's target, from the fold's lookback window only (a pure function of the
 * window and the options: a queue worker computes blocks of them).
 *
 * @param returns T x N daily simple returns.
 * @param f The rebalance's fold (see {@linkcode allocationFolds}).
 * @param options Method and covariance (and the shared `estimates`, if any).
 * @returns The target weights and the shrinkage.
 */
export function allocationTarget(
  returns: Matrix,
  f: Fold,
  options: WalkForwardAllocationOptions,
): AllocationTarget {
  const N = returns.cols;
  const win = {
    data: returns.data.subarray(f.trainStart * N, f.trainEnd * N),
    rows: f.trainEnd - f.trainStart,
    cols: N,
  };
  if (options.estimates && (options.method ?? "equal") !== "equal") {
    let est = options.estimates.get(f.trainStart);
    if (!est) {
      options.estimates.set(f.trainStart, est = estimateWindow(win, options));
    }
    return allocateFrom(est, options);
  }
  return allocate(win, options);
}

/**
 * {@linkcode walkForwardAllocation} from each rebalance's target, however computed (here,
 * or by queue workers): the trades (threshold rule on the drifted weights), the P&L path
 * with its costs and the metrics.
 *
 * @param returns T x N daily simple returns.
 * @param dates T dates.
 * @param options Lookback, rebalancing, costs, threshold, periods a year.
 * @param target Fold i's target (called once per fold, in order).
 * @returns What walkForwardAllocation returns.
 */
export function walkForwardFromTargets(
  returns: Matrix,
  dates: readonly string[],
  options: WalkForwardAllocationOptions,
  target: (f: Fold, i: number) => AllocationTarget,
): WalkForwardAllocationResult {
  const T = returns.rows;
  if (dates.length !== T) {
    throw new RangeError(`Expected ${T} dates, got ${dates.length}`);
  }
  const folds = allocationFolds(T, options);
  const L = options.lookback ?? 252;
  const hist: WeightsRecord[] = [];
  const bt = backtestWeights(
    { returns },
    rebalancer(returns.cols, dates, folds, options, target, hist),
    { costBps: options.costBps ?? 0, drift: true },
  );
  return outOfSample(
    bt,
    dates,
    L - 1,
    options.costBps ?? 0,
    hist,
    options.periodsPerYear ?? 252,
  );
}

/** Decide at the close of each fold's last training row, from its training rows only. */
function rebalancer(
  N: number,
  dates: readonly string[],
  folds: readonly Fold[],
  options: WalkForwardAllocationOptions,
  target: (f: Fold, i: number) => AllocationTarget,
  hist: WeightsRecord[],
): (t: number, held: Float64Array) => Float64Array | undefined {
  const byDay = new Map(folds.map((f, i) => [f.trainEnd - 1, i]));
  return (t, held) => {
    const i = byDay.get(t);
    if (i === undefined) return undefined;
    const a = target(folds[i], i);
    let tv = 0, dev = 0;
    for (let j = 0; j < N; j++) {
      tv += Math.abs(a.weights[j] - held[j]);
      dev = Math.max(dev, Math.abs(a.weights[j] - held[j]));
    }
    const trade = hist.length === 0 || options.thresholdWeight === undefined ||
      dev > options.thresholdWeight;
    hist.push({
      date: dates[t],
      weights: Float64Array.from(a.weights),
      traded: trade,
      turnover: trade ? tv : 0,
      shrinkage: a.shrinkage,
    });
    return trade ? a.weights : undefined;
  };
}

/**
 * The out-of-sample days t0 + 1 .. T - 1: the return earned over each day minus the
 * costs of the trade at its close; the first purchase (at t0's close) is charged on the
 * first out-of-sample day.
 */
function outOfSample(
  bt: WeightsBacktestResult,
  dates: readonly string[],
  t0: number,
  costBps: number,
  hist: readonly WeightsRecord[],
  periodsPerYear: number,
): WalkForwardAllocationResult {
  const n = dates.length - 1 - t0, rate = bpsToFraction(costBps);
  const net = new Float64Array(n),
    gross = new Float64Array(n),
    turn = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const t = t0 + 1 + s;
    const tv = s === 0 ? bt.turnover[t0] + bt.turnover[t] : bt.turnover[t];
    gross[s] = bt.gross[t - 1];
    turn[s] = tv;
    net[s] = gross[s] - turnoverCost(rate, tv);
  }
  const total = turn.reduce((a, v) => a + v, 0);
  return {
    dates: dates.slice(t0 + 1),
    returns: net,
    grossReturns: gross,
    turnover: turn,
    weightsHistory: hist,
    metrics: {
      ...summarise(net, periodsPerYear),
      totalTurnover: total,
      annualTurnover: total / (n / periodsPerYear),
      rebalances: hist.filter((h) => h.traded).length,
    },
  };
}
