/**
 * Null baseline of feature stability: how often a feature looks "stable" when the label
 * carries no information (seeded label permutations).
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { createRng, permutation } from "../_shared/seed.ts";
import { trainFolds, type TrainFoldsOptions } from "./train_folds.ts";
import type { FoldSpec } from "./checkpoint.ts";
import { featureStability, type StabilityOptions } from "./stability.ts";

/** Options of {@linkcode stabilityNull}. */
export interface StabilityNullOptions {
  /** Label permutations. @default 5 */
  readonly repeats?: number;
  /** Seed of the permutations. @default 0 */
  readonly seed?: number;
  /** Stability thresholds (as in the real analysis). */
  readonly stability?: StabilityOptions;
}

/** False-stable rates under the null. */
export interface StabilityNullResult {
  readonly repeats: number;
  /** Per feature: share of permutations in which it was classed stable. */
  readonly falseStableRate: {
    readonly feature: string;
    readonly rate: number;
  }[];
  /** Mean and max over permutations of the share of stable features. */
  readonly meanStableShare: number;
  readonly maxStableShare: number;
}

/**
 * Re-run the fold training `repeats` times with the labels permuted across all rows (a
 * seeded shuffle that destroys any feature-label link, cold start, no selection, no
 * permutation importance) and apply the same stability definition to the intrinsic
 * importance. A good stability rule gives false-stable rates near 0; the real stable
 * share should clearly exceed `meanStableShare`.
 *
 * @param x Features (n x p).
 * @param y Targets.
 * @param folds Fold row ranges.
 * @param train Training options (model, names, dates; warm start is switched off).
 * @param options Repeats, seed, thresholds.
 * @returns Per-feature false-stable rates and the null distribution of the stable share.
 * @example
 * ```ts
 * import { stabilityNull } from "./stability_null.ts";
 * import assert from "node:assert/strict";
 * const n = 120, x = { data: Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 1.7)), rows: n, cols: 2 };
 * const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.9));
 * const dates = Array.from({ length: n }, (_, i) => `2020-01-01T00:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`);
 * const folds = [0, 1, 2].map((k) => ({ trainStart: k * 30, trainEnd: k * 30 + 29, testStart: k * 30 + 30, testEnd: k * 30 + 59 }));
 * const r = stabilityNull(x, y, folds, { model: "ridge", featureNames: ["a", "b"], dates }, { repeats: 2 });
 * assert.equal(r.falseStableRate.length, 2);
 * ```
 */
export function stabilityNull(
  x: Matrix,
  y: Float64Array,
  folds: readonly FoldSpec[],
  train: TrainFoldsOptions,
  options: StabilityNullOptions = {},
): StabilityNullResult {
  const repeats = options.repeats ?? 5, rng = createRng(options.seed ?? 0);
  const names = train.featureNames, counts = new Float64Array(names.length);
  let sum = 0, max = 0;
  for (let k = 0; k < repeats; k++) {
    const perm = permutation(y.length, rng);
    const yp = Float64Array.from(perm, (i) => y[i]);
    const fits = trainFolds(x, yp, folds, {
      ...train,
      warmStart: false,
      checkpoints: [],
      selection: { kind: "none" },
      permutationRepeats: 0,
    });
    const r = featureStability(
      names,
      fits.map((f) => ({
        fold: f.fold,
        importance: f.importance,
        sign: f.sign,
      })),
      options.stability,
    );
    r.features.forEach((f, j) => (counts[j] += f.stable ? 1 : 0));
    sum += r.stableShare;
    max = Math.max(max, r.stableShare);
  }
  return {
    repeats,
    falseStableRate: names.map((feature, j) => ({
      feature,
      rate: repeats > 0 ? counts[j] / repeats : NaN,
    })),
    meanStableShare: repeats > 0 ? sum / repeats : NaN,
    maxStableShare: max,
  };
}
