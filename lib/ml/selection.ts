/**
 * Feature selection from past folds' importance (training-side information only), for use
 * inside the walk-forward: fold k may select with the history of folds < k.
 *
 * @module
 */
import {
  featureStability,
  type ImportanceRecord,
  type StabilityOptions,
} from "./stability.ts";

/**
 * The k features that were most stable in `history`: sorted by stable first, then top-k
 * persistence, sign consistency and mean importance (ties by index). With no history every
 * feature is kept.
 *
 * @param history Past folds' importance records (length-p vectors).
 * @param k Number of features to keep (clamped to [1, p]).
 * @returns Selected feature indices, ascending.
 * @example
 * ```ts
 * import { selectTopKByStability } from "./selection.ts";
 * import assert from "node:assert/strict";
 * const h = [0, 1].map((fold) => ({ fold, importance: [0.1, 0.9, 0.5], sign: [1, 1, 1] }));
 * assert.deepEqual([...selectTopKByStability(h, 2)], [1, 2]);
 * ```
 */
export function selectTopKByStability(
  history: readonly ImportanceRecord[],
  k: number,
  options: StabilityOptions = {},
): Int32Array {
  if (history.length === 0) return new Int32Array(0);
  const p = history[0].importance.length;
  const names = Array.from({ length: p }, (_, j) => String(j));
  const r = featureStability(names, history, {
    ...options,
    topK: options.topK ?? Math.min(p, Math.max(1, k)),
  });
  const order = r.features.map((f, j) => ({ f, j })).sort((a, b) =>
    Number(b.f.stable) - Number(a.f.stable) ||
    b.f.topKPersistence - a.f.topKPersistence ||
    b.f.signConsistency - a.f.signConsistency ||
    b.f.meanImportance - a.f.meanImportance ||
    a.j - b.j
  );
  const keep = order.slice(0, Math.min(p, Math.max(1, Math.floor(k)))).map((
    e,
  ) => e.j);
  return Int32Array.from(keep.sort((a, b) => a - b));
}

/**
 * Keep only the features that were stable in `history` under `thresholds` (see
 * `featureStability`); if none is, keep the single best by {@linkcode selectTopKByStability}.
 * With no history returns an empty selection (caller keeps everything).
 *
 * @param history Past folds' importance records.
 * @param thresholds Stability thresholds.
 * @returns Kept feature indices, ascending.
 * @example
 * ```ts
 * import { dropUnstable } from "./selection.ts";
 * import assert from "node:assert/strict";
 * const h = [0, 1, 2].map((fold) => ({ fold, importance: [1, 0.2], sign: [1, fold === 1 ? -1 : 1] }));
 * assert.deepEqual([...dropUnstable(h, { topK: 1 })], [0]);
 * ```
 */
export function dropUnstable(
  history: readonly ImportanceRecord[],
  thresholds: StabilityOptions = {},
): Int32Array {
  if (history.length === 0) return new Int32Array(0);
  const p = history[0].importance.length;
  const names = Array.from({ length: p }, (_, j) => String(j));
  const r = featureStability(names, history, thresholds);
  const keep = r.features.flatMap((f, j) => (f.stable ? [j] : []));
  return keep.length > 0
    ? Int32Array.from(keep)
    : selectTopKByStability(history, 1, thresholds);
}
