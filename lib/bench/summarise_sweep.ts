/**
 * Per-pair sweep figures assembled into the result: annualised Sharpe, best pair, checksum.
 *
 * @module
 */
import type { MaGrid } from "./grid.ts";

/** Figures of one pair. */
export interface PairFigures {
  readonly fast: number;
  readonly slow: number;
  /** `mean(s)/std(s, ddof 1)*sqrt(periodsPerYear)` over all days. */
  readonly sharpe: number;
  /** `prod(1+s) - 1`. */
  readonly totalReturn: number;
  /** Max drawdown of `prod(1+s)` as a POSITIVE fraction (bench SPEC), peak includes 1. */
  readonly maxDrawdown: number;
}

/** Every pair's figures (grid order: fast, then slow, ascending) and the summary. */
export interface MaSweepResult {
  readonly pairs: number;
  /** Return days per pair: every t that has a t+1 (closes - 1). */
  readonly days: number;
  readonly fast: Int32Array;
  readonly slow: Int32Array;
  readonly sharpe: Float64Array;
  readonly totalReturn: Float64Array;
  readonly maxDrawdown: Float64Array;
  /** The first pair with the highest Sharpe (all NaN when no pair has a Sharpe). */
  readonly best: PairFigures;
  /** Sum of every pair's Sharpe (a checksum). */
  readonly sharpeSum: number;
}

/**
 * Assemble per-pair figures (`out` from `sweepPairs` in ma_sweep.ts) into a result.
 *
 * @param grid The pairs.
 * @param out Per pair: daily Sharpe, total return, max drawdown.
 * @param days Return days per pair.
 * @param periodsPerYear Annualisation (default 252).
 * @returns The sweep result with the best pair and the Sharpe checksum.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summariseSweep } from "./summarise_sweep.ts";
 * const grid = { fast: Int32Array.of(2, 3), slow: Int32Array.of(5, 5) };
 * const r = summariseSweep(grid, new Float64Array([0.01, 0.1, 0.2, 0.02, 0.3, 0.1]), 100);
 * assert.equal(r.best.fast, 3);
 * assert.ok(Math.abs(r.sharpeSum - 0.03 * Math.sqrt(252)) < 1e-15);
 * ```
 */
export function summariseSweep(
  grid: MaGrid,
  out: Float64Array,
  days: number,
  periodsPerYear = 252,
): MaSweepResult {
  const m = grid.fast.length, ann = Math.sqrt(periodsPerYear);
  const sharpe = new Float64Array(m), totalReturn = new Float64Array(m);
  const maxDrawdown = new Float64Array(m);
  let best = -1, sharpeSum = 0;
  for (let i = 0; i < m; i++) {
    sharpe[i] = out[3 * i] * ann;
    totalReturn[i] = out[3 * i + 1];
    maxDrawdown[i] = out[3 * i + 2];
    sharpeSum += sharpe[i];
    if (best < 0 ? !Number.isNaN(sharpe[i]) : sharpe[i] > sharpe[best]) {
      best = i;
    }
  }
  const figures = (i: number): PairFigures =>
    Object.freeze({
      fast: i < 0 ? NaN : grid.fast[i],
      slow: i < 0 ? NaN : grid.slow[i],
      sharpe: i < 0 ? NaN : sharpe[i],
      totalReturn: i < 0 ? NaN : totalReturn[i],
      maxDrawdown: i < 0 ? NaN : maxDrawdown[i],
    });
  return Object.freeze({
    pairs: m,
    days,
    fast: grid.fast,
    slow: grid.slow,
    sharpe,
    totalReturn,
    maxDrawdown,
    best: figures(best),
    sharpeSum,
  });
}
