/**
 * Rolling train/test folds over row indices with a purge gap.
 *
 * @module
 */
import type { FoldSpec } from "./checkpoint.ts";

/** Options of {@linkcode rollingFolds}. */
export interface RollingFoldOptions {
  /** Training rows per fold. */
  readonly trainLen: number;
  /** Test rows per fold. */
  readonly testLen: number;
  /** Rows between fold starts. @default testLen (test windows tile without overlap) */
  readonly stride?: number;
  /** Rows skipped between train end and test start (>= label horizon). @default 1 */
  readonly gap?: number;
}

/**
 * Folds `train [s, s + trainLen - 1]`, `test [s + trainLen + gap, ... + testLen - 1]` for
 * s = 0, stride, 2 stride, ... while the test window fits in n rows. With a label of
 * horizon h and `gap >= h`, the last training label ends before the test window starts.
 *
 * @param n Number of rows.
 * @param options Window lengths, stride, gap.
 * @returns The folds in time order (empty when none fits).
 * @example
 * ```ts
 * import { rollingFolds } from "./rolling_folds.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(rollingFolds(10, { trainLen: 4, testLen: 2 }), [
 *   { trainStart: 0, trainEnd: 3, testStart: 5, testEnd: 6 },
 *   { trainStart: 2, trainEnd: 5, testStart: 7, testEnd: 8 },
 * ]);
 * ```
 */
export function rollingFolds(
  n: number,
  options: RollingFoldOptions,
): FoldSpec[] {
  const { trainLen, testLen } = options,
    stride = options.stride ?? testLen,
    gap = options.gap ?? 1;
  if (!(trainLen >= 1 && testLen >= 1 && stride >= 1 && gap >= 0)) {
    throw new RangeError(
      `Invalid folds: expected trainLen, testLen, stride >= 1 and gap >= 0, got ${
        JSON.stringify({ trainLen, testLen, stride, gap })
      }`,
    );
  }
  const out: FoldSpec[] = [];
  for (let s = 0; s + trainLen + gap + testLen <= n; s += stride) {
    const testStart = s + trainLen + gap;
    out.push({
      trainStart: s,
      trainEnd: s + trainLen - 1,
      testStart,
      testEnd: testStart + testLen - 1,
    });
  }
  return out;
}
