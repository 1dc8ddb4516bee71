/**
 * Walk-forward ensembles of the registry strategies at their defaults, one per weighting
 * method, with weights learned on each fold's training rows and applied to its test rows
 * only (the research kernel of `deno task strategies`, part a).
 *
 * Conventions: a component's return at t is its position at t-1 times the close-to-close
 * return at t, minus costBps/1e4 per unit of turnover at t ({@linkcode componentReturns});
 * Sharpe annualised with 252 days and sample std.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { type Fold, makeFolds } from "../backtest/mod.ts";
import { sharpeRatio } from "../metrics/mod.ts";
import { componentReturns } from "./component_returns.ts";
import type { EnsembleMethod } from "./ensemble_weights.ts";
import { runEnsembleWalkForward } from "./ensemble_walk_forward.ts";
import { oosRows, oosStats } from "./oos_stats.ts";
import type { ComponentSummary, OosStats } from "./run_summary.ts";

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
  readonly folds: Fold[];
  /** Each component's returns on the OOS rows (the union of test windows, in order). */
  readonly componentOos: Float64Array[];
  readonly outcomes: EnsembleOutcome[];
}

/**
 * Folds over the bars (stride = test); throws a RangeError naming the flags when none fits.
 *
 * @param n Rows.
 * @param o Windows.
 * @returns The folds.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { foldsFor } from "./run_ensembles.ts";
 * assert.equal(foldsFor(10, { train: 4, test: 3, costBps: 1 }).length, 2);
 * assert.throws(() => foldsFor(5, { train: 4, test: 3, costBps: 1 }), /--train-len 4 \+ --test-len 3 need 7/);
 * ```
 */
export function foldsFor(n: number, o: WalkOptions): Fold[] {
  const folds = makeFolds(n, { train: o.train, test: o.test });
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
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { runEnsembles } from "./run_ensembles.ts";
 * const r = runEnsembles(await readSampleBars("AAPL"), { train: 504, test: 252, costBps: 1 });
 * assert.equal(r.outcomes.length, 4);
 * assert.equal(r.folds.length, 3); // 1260 bars: 504 + 3 x 252
 * ```
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
  const outcomes = ENSEMBLE_METHODS.map((method) =>
    ensembleOutcome(bars, o, method, names, returns, componentOos)
  );
  return { names, folds, componentOos, outcomes };
}

function ensembleOutcome(
  bars: Bars,
  o: WalkOptions,
  method: EnsembleMethod,
  names: string[],
  returns: Float64Array[],
  componentOos: Float64Array[],
): EnsembleOutcome {
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
}
