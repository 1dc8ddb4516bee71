/**
 * Edge computation of `deno task strategies`, part (a): walk-forward ensembles of the
 * registry strategies at their defaults, one per weighting method, with weights learned
 * on each fold's training rows and applied to its test rows only.
 *
 * Conventions: a component's return at t is its position at t-1 times the close-to-close
 * return at t, minus costBps/1e4 per unit of turnover at t (lib/optimize
 * `componentReturns`); Sharpe annualised with 252 days and sample std.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import {
  annualReturn,
  annualVolatility,
  cumReturnsFinal,
  maxDrawdown,
  sharpeRatio,
} from "../metrics/mod.ts";
import { componentReturns } from "../optimize/mod.ts";
import {
  type ComponentSummary,
  type EnsembleMethod,
  makeTrainTestFolds,
  type OosStats,
  runEnsembleWalkForward,
  type TrainTestFold,
} from "../strategies/mod.ts";

/** The ensemble's components: registry strategies at their default parameters. */
export const ENSEMBLE_COMPONENTS = [
  "ma_crossover",
  "momentum",
  "zscore",
  "rsi",
  "breakout",
] as const;

/** The weighting methods, each learned on the training rows of every fold. */
export const ENSEMBLE_METHODS: readonly EnsembleMethod[] = [
  "equal",
  "inverse_vol",
  "sharpe",
  "stacked",
];

/** Walk-forward windows (rows) and costs (bps per unit of turnover). */
export interface WalkOptions {
  readonly train: number;
  readonly test: number;
  readonly costBps: number;
}

/** One fold's learned weights, with its dates (test end = last test date). */
export interface EnsembleFoldOut {
  readonly index: number;
  readonly trainStart: string;
  readonly testStart: string;
  readonly testEnd: string;
  readonly weights: number[];
}

/** One weighting method's out-of-sample outcome. */
export interface EnsembleOutcome {
  readonly method: EnsembleMethod;
  readonly stats: OosStats;
  readonly oos: { readonly dates: string[]; readonly returns: Float64Array };
  readonly folds: EnsembleFoldOut[];
  readonly contributions: ComponentSummary[];
}

/** Everything part (a) computes. */
export interface EnsembleRun {
  readonly names: string[];
  readonly folds: TrainTestFold[];
  /** Each component's returns on the OOS rows (the union of test windows, in order). */
  readonly componentOos: Float64Array[];
  readonly outcomes: EnsembleOutcome[];
}

/**
 * Out-of-sample statistics of simple daily returns (lib/metrics, 252 days a year).
 *
 * @param r Returns.
 * @returns Days, Sharpe, annual return/volatility, total return, max drawdown (<= 0).
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

/** Row indices of the test windows, in time order (stride = test: no overlap). */
export function oosRows(folds: readonly TrainTestFold[]): number[] {
  const out: number[] = [];
  for (const f of folds) {
    for (let t = f.testStart; t < f.testEnd; t++) out.push(t);
  }
  return out;
}

/**
 * Folds over the bars; throws a RangeError naming the flags when none fits.
 *
 * @param n Rows.
 * @param o Windows.
 * @returns The folds (stride = test).
 */
export function foldsFor(n: number, o: WalkOptions): TrainTestFold[] {
  const folds = makeTrainTestFolds(n, { train: o.train, test: o.test });
  if (folds.length === 0) {
    throw new RangeError(
      `Too little data: ${n} bars, but --train-len ${o.train} + --test-len ${o.test} need ${
        o.train + o.test
      }`,
    );
  }
  return folds;
}

/**
 * Run every weighting method over the same folds.
 *
 * @param bars One symbol's bars.
 * @param o Windows and costs.
 * @returns Component names, folds, component OOS returns and one outcome per method.
 */
export function runEnsembles(bars: Bars, o: WalkOptions): EnsembleRun {
  const { names, returns } = componentReturns(
    [bars],
    ENSEMBLE_COMPONENTS.map((strategy) => ({ strategy })),
    { costBps: o.costBps },
  );
  const folds = foldsFor(bars.dates.length, o);
  const rows = oosRows(folds);
  const componentOos = returns.map((c) => Float64Array.from(rows, (t) => c[t]));
  const outcomes = ENSEMBLE_METHODS.map((method) => {
    const r = runEnsembleWalkForward(returns, bars.dates, {
      train: o.train,
      test: o.test,
      method,
      names,
    });
    return {
      method,
      stats: oosStats(r.oos.returns),
      oos: { dates: [...r.oos.dates], returns: r.oos.returns },
      folds: r.folds.map((f) => ({
        index: f.index,
        trainStart: bars.dates[f.trainStart],
        testStart: bars.dates[f.testStart],
        testEnd: bars.dates[f.testEnd - 1],
        weights: Array.from(f.weights),
      })),
      contributions: r.contributions.map((c, i) => ({
        method,
        component: c.name,
        pnl: c.pnl,
        share: c.share,
        meanWeight: c.meanWeight,
        oosSharpe: sharpeRatio(componentOos[i]),
      })),
    };
  });
  return { names, folds, componentOos, outcomes };
}
