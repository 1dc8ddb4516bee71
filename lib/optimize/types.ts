/**
 * Types of the optimiser's options and results.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type { ParamGrid, Strategy, StrategyParams } from "../strategies/mod.ts";
import type { BacktestOverfitting, DeflatedSharpe } from "./selection_stats.ts";

/** Options of `optimizeWalkForward`. */
export interface OptimizeOptions {
  /** Strategy object or registry name. */
  readonly strategy: Strategy | string;
  /** Search space. @default the strategy's grid */
  readonly grid?: ParamGrid;
  /** Random search: `n` distinct grid points drawn with `seed` instead of the full grid. */
  readonly random?: { readonly n: number; readonly seed: number };
  /** Training rows per fold. */
  readonly train: number;
  /** Test rows per fold. */
  readonly test: number;
  /** Rows between folds. @default test */
  readonly stride?: number;
  /** Cost in basis points per unit of turnover. @default 0 */
  readonly costBps?: number;
  /** CSCV partitions for PBO (even). @default 16 */
  readonly partitions?: number;
}

/** One (fold, configuration) evaluation. */
export interface Trial {
  readonly fold: number;
  readonly configId: number;
  readonly params: StrategyParams;
  /** Annualised Sharpe on the training rows (after the strategy's warm-up). */
  readonly trainSharpe: number;
  /** Annualised Sharpe on the test rows. */
  readonly testSharpe: number;
  /** Net daily returns on the test rows. */
  readonly testReturns: Float64Array;
  /** Whether this configuration was selected for the fold. */
  readonly selected: boolean;
}

/** A fold and its selected configuration. */
export interface OptimizeFold {
  readonly index: number;
  readonly trainStart: string;
  readonly trainEnd: string;
  readonly testStart: string;
  readonly testEnd: string;
  readonly configId: number;
  readonly params: StrategyParams;
  readonly trainSharpe: number;
  readonly testSharpe: number;
  /** Position changes in the test rows (0 = the fold never traded). */
  readonly trades: number;
}

/** Result of `optimizeWalkForward`. */
export interface OptimizeResult {
  readonly strategy: string;
  readonly configs: readonly StrategyParams[];
  readonly trials: readonly Trial[];
  readonly folds: readonly OptimizeFold[];
  /** Stitched out-of-sample run: returns at t, weights per symbol at t. */
  readonly oos: {
    readonly dates: readonly string[];
    readonly returns: Float64Array;
    readonly positions: readonly Float64Array[];
  };
  /** Full-sample returns of every configuration over the OOS span (rows x configs). */
  readonly trialReturns: Matrix;
  readonly metrics: {
    readonly oosSharpe: number;
    readonly oosTotalReturn: number;
    readonly oosMaxDrawdown: number;
    readonly oosRows: number;
    readonly trialCount: number;
    readonly zeroTradeFolds: number;
  };
  /**
   * Deflated Sharpe of the HINDSIGHT-best configuration: the one with the best Sharpe
   * over the whole out-of-sample span (chosen on the rows it is scored on), against zero;
   * N = every configuration, V = variance of their per-period Sharpes over the span. Not
   * a walk-forward figure: report it apart from `metrics.oosSharpe`.
   */
  readonly dsr: DeflatedSharpe & { readonly bestConfigId: number };
  /** CSCV over the configurations' returns on the out-of-sample span. */
  readonly pbo: BacktestOverfitting;
  /** The hindsight-best against holding the market over the same days. */
  readonly benchmark: {
    /** "buy-and-hold SP500", "equal-weight buy-and-hold of A, B (rebalanced daily)". */
    readonly label: string;
    /** Per-period Sharpe of the benchmark over the span. */
    readonly sharpe: number;
    /** Deflated Sharpe of the hindsight-best's excess returns over the benchmark. */
    readonly excess: DeflatedSharpe;
  };
  /** Mean selected train Sharpe vs mean test Sharpe of the same selections. */
  readonly degradation: {
    readonly isSharpe: number;
    readonly oosSharpe: number;
    readonly difference: number;
    readonly ratio: number;
  };
}
