/**
 * Train/test windows for walk-forward runs inside lib/strategies and lib/optimize
 * (a small stand-in with the conventions of lib/walkforward's makeFolds).
 *
 * @module
 */

/** One walk-forward fold: half-open row ranges [start, end). */
export interface TrainTestFold {
  readonly index: number;
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
}

/** Options of {@linkcode makeTrainTestFolds}. */
export interface TrainTestFoldOptions {
  /** Training rows per fold. */
  readonly train: number;
  /** Test rows per fold. */
  readonly test: number;
  /** Rows between fold starts. @default test */
  readonly stride?: number;
  /** Training always starts at row 0 (expanding window). @default false */
  readonly anchored?: boolean;
  /** Rows skipped between train end and test start (embargo). @default 0 */
  readonly gap?: number;
}

/**
 * Rolling (or anchored) folds over n rows: fold i trains on
 * [s_i, s_i + train) (s_i = i * stride, or 0 when anchored with the train end moving),
 * tests on [trainEnd + gap, trainEnd + gap + test); only complete test windows are kept.
 *
 * @param nRows Number of rows.
 * @param options Window lengths.
 * @returns Folds in time order (empty when none fits).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeTrainTestFolds } from "./folds.ts";
 * const f = makeTrainTestFolds(10, { train: 4, test: 3 });
 * assert.deepEqual(f.map((x) => [x.trainStart, x.testStart, x.testEnd]), [[0, 4, 7], [3, 7, 10]]);
 * ```
 */
export function makeTrainTestFolds(
  nRows: number,
  options: TrainTestFoldOptions,
): TrainTestFold[] {
  const { train, test } = options;
  const stride = options.stride ?? test, gap = options.gap ?? 0;
  if (!(train >= 1) || !(test >= 1) || !(stride >= 1) || !(gap >= 0)) {
    throw new RangeError(
      `Folds need train, test, stride >= 1 and gap >= 0, got ${train}, ${test}, ${stride}, ${gap}`,
    );
  }
  const out: TrainTestFold[] = [];
  for (let i = 0;; i++) {
    const s = i * stride;
    const trainEnd = s + train,
      testStart = trainEnd + gap,
      testEnd = testStart + test;
    if (testEnd > nRows) break;
    out.push(Object.freeze({
      index: i,
      trainStart: options.anchored ? 0 : s,
      trainEnd,
      testStart,
      testEnd,
    }));
  }
  return out;
}
