/**
 * The one fold maker of the project: train/test windows for walk-forward runs (lib/walkforward),
 * ML training (lib/ml), strategy ensembles and regime variants (lib/strategies), parameter
 * search (lib/optimize) and allocation rebalancing (lib/portfolio). Rolling or anchored,
 * with an embargo gap and purging of training rows whose label reaches into the test window.
 *
 * @module
 */

/** One fold as half-open row ranges `[start, end)` over the rows being split. */
export interface Fold {
  /** 0-based fold number. */
  readonly index: number;
  readonly trainStart: number;
  /** End of the training rows after purging (exclusive). */
  readonly trainEnd: number;
  readonly testStart: number;
  /** End of the test rows (exclusive); `< testStart + test` only for a `partial` last fold. */
  readonly testEnd: number;
  /** Training rows dropped by purging (label overlaps the test window). */
  readonly purged: number;
}

/** Options of {@linkcode makeFolds}. */
export interface FoldOptions {
  /** Training rows per fold (before purging); the first fold's window when anchored. */
  readonly train: number;
  /** Test rows per fold. */
  readonly test: number;
  /** Rows between consecutive fold starts. @default test */
  readonly stride?: number;
  /** Expanding window: every fold trains from row 0. @default false */
  readonly anchored?: boolean;
  /** Embargo: rows skipped between the end of training and the start of the test. @default 0 */
  readonly gap?: number;
  /**
   * Label horizon h for purging: the label of row i is built from rows i..i+h
   * (e.g. `ln(c[i+h]/c[i])`). @default 0 (no purging)
   */
  readonly labelHorizon?: number;
  /**
   * Keep a last fold whose test window is cut short by the end of the data (at least one
   * test row). Used where the test window is a holding period, e.g. rebalancing. @default false
   */
  readonly partial?: boolean;
}

/**
 * Split `nRows` rows into walk-forward folds.
 *
 * Fold k (k = 0, 1, ...): raw training rows `[s_k, k*stride + train)` with `s_k = k*stride`
 * (rolling) or `0` (anchored); test rows `[testStart, testStart + test)` with
 * `testStart = k*stride + train + gap`. A fold whose test window does not fit is dropped
 * (and every later one), unless `partial` keeps the first such fold with its test window
 * cut at `nRows`. Purging: the test decision at `testStart` is made at that row's close,
 * so a training label built from rows `i..i+h` overlaps the test window's returns exactly
 * when `i + h > testStart`; those rows are dropped (`purged` counts them). With h = 1 and
 * no gap nothing is purged: the last training label ends at the test's first row, which
 * is known when that row's position is decided.
 *
 * @param nRows Rows available (e.g. usable feature rows that have a label).
 * @param options Window sizes, stride, anchoring, gap, label horizon, partial last fold.
 * @returns Folds in time order; empty when not even one fold fits (callers say which of
 *   their own flags is too large).
 * @throws RangeError when an option is not an integer in range, or purging leaves a fold
 *   without training rows.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeFolds } from "./make_folds.ts";
 * const f = makeFolds(10, { train: 4, test: 3 });
 * assert.deepEqual(f.map((x) => [x.trainStart, x.trainEnd, x.testStart, x.testEnd]), [[0, 4, 4, 7], [3, 7, 7, 10]]);
 * assert.deepEqual(makeFolds(5, { train: 5, test: 1 }), []);
 * assert.equal(makeFolds(11, { train: 4, test: 3, partial: true }).at(-1)?.testEnd, 11);
 * ```
 */
export function makeFolds(nRows: number, options: FoldOptions): Fold[] {
  const { train, test } = options;
  const stride = options.stride ?? test;
  const gap = options.gap ?? 0, h = options.labelHorizon ?? 0;
  checkIntegers([
    ["train", train, 1],
    ["test", test, 1],
    ["stride", stride, 1],
    ["gap", gap, 0],
    ["labelHorizon", h, 0],
    ["nRows", nRows, 0],
  ]);
  const out: Fold[] = [];
  for (let k = 0;; k++) {
    const rawEnd = k * stride + train;
    const testStart = rawEnd + gap;
    let testEnd = testStart + test;
    if (testEnd > nRows) {
      if (!options.partial || testStart >= nRows) break;
      testEnd = nRows;
    }
    const trainStart = options.anchored ? 0 : k * stride;
    const trainEnd = Math.min(rawEnd, testStart - h + 1);
    if (trainEnd - trainStart < 1) {
      throw new RangeError(
        `Purging leaves no training rows in fold ${k}: labelHorizon ${h} > gap ${gap} + train ${train}`,
      );
    }
    out.push(Object.freeze({
      index: k,
      trainStart,
      trainEnd,
      testStart,
      testEnd,
      purged: rawEnd - trainEnd,
    }));
    if (testEnd === nRows && testEnd < testStart + test) break;
  }
  return out;
}

function checkIntegers(ints: readonly [string, number, number][]): void {
  for (const [name, v, min] of ints) {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(
        `Fold option ${name} must be an integer >= ${min}, got ${v}`,
      );
    }
  }
}
