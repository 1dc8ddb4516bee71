/**
 * Train/test windows of a walk-forward run: rolling or anchored, with an embargo gap and
 * purging of training rows whose label reaches into the test window.
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
   * Label horizon h: the label of row i is built from rows i..i+h (e.g. `ln(c[i+h]/c[i])`).
   * @default 0 (no purging)
   */
  readonly labelHorizon?: number;
}

/**
 * Split `nRows` rows into walk-forward folds.
 *
 * Fold k (k = 0, 1, ...): raw training rows `[s_k, k*stride + train)` with `s_k = k*stride`
 * (rolling) or `0` (anchored); test rows `[testStart, testStart + test)` with
 * `testStart = k*stride + train + gap`. A fold whose test window does not fit is dropped
 * (and every later one). Purging: the test decision at `testStart` is made at that row's
 * close, so a training label built from rows `i..i+h` overlaps the test window's returns
 * exactly when `i + h > testStart`; those rows are dropped (`purged` counts them). With
 * h = 1 and no gap nothing is purged: the last training label ends at the test's first row,
 * which is known when that row's position is decided.
 *
 * @param nRows Rows available (e.g. usable feature rows that have a label).
 * @param options Window sizes, stride, anchoring, gap, label horizon.
 * @returns Folds in time order (at least one).
 * @throws RangeError when the options are invalid or `nRows` is too short for one fold
 *   (the message says how many rows are needed and how many there are).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeFolds } from "./make_folds.ts";
 * const f = makeFolds(10, { train: 4, test: 3 });
 * assert.deepEqual(f.map((x) => [x.trainStart, x.trainEnd, x.testStart, x.testEnd]), [[0, 4, 4, 7], [3, 7, 7, 10]]);
 * ```
 */
export function makeFolds(nRows: number, options: FoldOptions): Fold[] {
  const { train, test } = options;
  const stride = options.stride ?? test;
  const gap = options.gap ?? 0, h = options.labelHorizon ?? 0;
  const ints: [string, number, number][] = [
    ["train", train, 1],
    ["test", test, 1],
    ["stride", stride, 1],
    ["gap", gap, 0],
    ["labelHorizon", h, 0],
    ["nRows", nRows, 0],
  ];
  for (const [name, v, min] of ints) {
    if (!Number.isInteger(v) || v < min) {
      throw new RangeError(
        `Fold option ${name} must be an integer >= ${min}, got ${v}`,
      );
    }
  }
  const need = train + gap + test;
  if (nRows < need) {
    throw new RangeError(
      `Too little data for one fold: need ${need} rows (train ${train} + gap ${gap} + test ${test}), got ${nRows}`,
    );
  }
  const out: Fold[] = [];
  for (let k = 0;; k++) {
    const rawEnd = k * stride + train;
    const testStart = rawEnd + gap, testEnd = testStart + test;
    if (testEnd > nRows) break;
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
  }
  return out;
}
