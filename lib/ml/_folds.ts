/**
 * ML's view of lib/backtest's folds: the same windows as inclusive row ranges
 * ({@linkcode FoldSpec}, the form checkpoints store).
 *
 * @module
 */
import { makeFolds } from "../backtest/mod.ts";
import type { FoldSpec } from "./checkpoint.ts";

/**
 * Rolling folds `train [s, s + trainLen - 1]`, `test [s + trainLen + gap, ... + testLen - 1]`
 * for s = 0, stride, 2 stride, ... while the test window fits in n rows (lib/backtest
 * `makeFolds`, ends made inclusive). With a label of horizon h and `gap >= h`, the last
 * training label ends before the test window starts.
 *
 * @param n Number of rows.
 * @param options Window lengths, stride (default testLen) and gap (the label horizon).
 * @returns The folds in time order (empty when none fits).
 */
export function inclusiveFolds(
  n: number,
  options: {
    readonly trainLen: number;
    readonly testLen: number;
    readonly stride?: number;
    readonly gap: number;
  },
): FoldSpec[] {
  return makeFolds(n, {
    train: options.trainLen,
    test: options.testLen,
    stride: options.stride,
    gap: options.gap,
  }).map((f) => ({
    trainStart: f.trainStart,
    trainEnd: f.trainEnd - 1,
    testStart: f.testStart,
    testEnd: f.testEnd - 1,
  }));
}
