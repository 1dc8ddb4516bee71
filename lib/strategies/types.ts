/**
 * The common shape of a strategy in the registry.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";

/** Numeric strategy parameters (booleans are 0/1) so every space can be gridded or sampled. */
export type StrategyParams = Readonly<Record<string, number>>;

/** Candidate values per parameter. */
export type ParamGrid = Readonly<Record<string, readonly number[]>>;

/**
 * A strategy: target weights decided at the close of t from data <= t (earning t -> t+1).
 * `weights(bars, params)` returns one column per input symbol, each in [-1, 1], with
 * gross exposure sum_j |w_j| <= 1. Single-symbol strategies take `[bars]`, pairs
 * `[a, b]` (same dates), cross-sectional ones any number of aligned symbols.
 */
export interface Strategy {
  /** Registry key, e.g. `"ma_crossover"`. */
  readonly name: string;
  /** One-line description with the rule. */
  readonly description: string;
  /** How many symbols it needs: 1, 2, or "many". */
  readonly symbols: 1 | 2 | "many";
  /** Default parameters. */
  readonly defaults: StrategyParams;
  /** Default search space for the optimiser. */
  readonly grid: ParamGrid;
  /** False for invalid combinations (e.g. fast >= slow); the optimiser skips them. */
  valid(params: StrategyParams): boolean;
  /** Bars needed before the first possible non-zero position. */
  lookback(params: StrategyParams): number;
  /** Target weights, one column per symbol. */
  weights(bars: readonly Bars[], params: StrategyParams): Float64Array[];
}
