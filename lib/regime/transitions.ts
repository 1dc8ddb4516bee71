/**
 * Regime transitions as events and as an empirical transition matrix.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/** One change of regime. */
export interface RegimeTransition {
  /** Date of the first bar in the new regime. */
  readonly date: string;
  readonly from: number;
  readonly to: number;
}

/**
 * List every change of label. Unknown labels (-1) are skipped: a transition is reported
 * between consecutive KNOWN labels that differ.
 *
 * @param labels Regime label per bar.
 * @param dates Date per bar (same length).
 * @returns Transitions in time order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { regimeTransitions } from "./transitions.ts";
 * const t = regimeTransitions(Int8Array.from([-1, 0, 0, 1, -1, 1, 0]), ["a", "b", "c", "d", "e", "f", "g"]);
 * assert.deepEqual(t, [{ date: "d", from: 0, to: 1 }, { date: "g", from: 1, to: 0 }]);
 * ```
 */
export function regimeTransitions(
  labels: ArrayLike<number>,
  dates: readonly string[],
): RegimeTransition[] {
  if (labels.length !== dates.length) {
    throw new RangeError(
      `Labels and dates must have the same length, got ${labels.length} and ${dates.length}`,
    );
  }
  const out: RegimeTransition[] = [];
  let prev = -1;
  for (let t = 0; t < labels.length; t++) {
    const l = labels[t];
    if (!(l >= 0)) continue;
    if (prev >= 0 && l !== prev) {
      out.push({ date: dates[t], from: prev, to: l });
    }
    prev = l;
  }
  return out;
}

/**
 * Empirical transition matrix: row i = frequencies of the next known label after a
 * bar labelled i (pairs of consecutive bars, both known). Rows with no data are NaN.
 *
 * @param labels Labels 0..states-1 (-1 unknown).
 * @param states Number of regimes.
 * @returns states x states row-stochastic matrix.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { transitionMatrix } from "./transitions.ts";
 * const m = transitionMatrix(Int8Array.from([0, 0, 1, 1, 1, 0]), 2);
 * assert.deepEqual([...m.data], [0.5, 0.5, 1 / 3, 2 / 3]);
 * ```
 */
export function transitionMatrix(
  labels: ArrayLike<number>,
  states: number,
): Matrix {
  const K = states;
  const c = new Float64Array(K * K);
  for (let t = 1; t < labels.length; t++) {
    const a = labels[t - 1], b = labels[t];
    if (a >= 0 && b >= 0 && a < K && b < K) c[a * K + b]++;
  }
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) s += c[i * K + j];
    for (let j = 0; j < K; j++) c[i * K + j] = s > 0 ? c[i * K + j] / s : NaN;
  }
  return { data: c, rows: K, cols: K };
}
