/**
 * Random forest of histogram regression trees: seeded bootstrap rows and seeded feature
 * sampling per split; the prediction is the mean of the trees.
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { Matrix } from "../_shared/types.ts";
import { createRng } from "../_shared/seed.ts";
import type { Model, ModelState } from "./model.ts";
import { checkXy } from "./_columns.ts";
import { binMatrix, growTree, type Tree, weightsFrom } from "./_tree.ts";
import {
  type EnsembleFit,
  ensembleModel,
  finishEnsemble,
  readEnsemble,
} from "./_ensemble.ts";

/** Options of {@linkcode createForest}. */
export interface ForestOptions {
  /** Number of trees. @default 100 */
  nTrees?: number;
  /** Maximum depth (root = 0). @default 4 */
  maxDepth?: number;
  /** Minimum rows per leaf. @default 5 */
  minLeaf?: number;
  /** Share of features drawn as candidates at each split. @default 1/3 */
  featureFraction?: number;
  /** Quantile bins per feature (2..255). @default 32 */
  nBins?: number;
  /** Previous state: its importance shares become feature-sampling priors. */
  warmStart?: ModelState;
}

function settingsOf(o: ForestOptions) {
  const s = {
    nTrees: o.nTrees ?? 100,
    maxDepth: o.maxDepth ?? 4,
    minLeaf: o.minLeaf ?? 5,
    featureFraction: o.featureFraction ?? 1 / 3,
    nBins: o.nBins ?? 32,
  };
  if (
    !(s.nTrees >= 1 && s.maxDepth >= 0 && s.minLeaf >= 1 && s.nBins >= 2 &&
      s.nBins <= 255)
  ) {
    throw new RangeError(
      `Invalid forest options: expected nTrees >= 1, maxDepth >= 0, minLeaf >= 1, 2 <= nBins <= 255, got ${
        JSON.stringify(s)
      }`,
    );
  }
  return s;
}

/**
 * Fit a random forest: tree i is grown on a bootstrap sample (n draws with replacement)
 * drawing `max(1, round(featureFraction * p))` candidate features per split, uniformly or,
 * when warm-started, with weights `0.5/p + 0.5 * previous importance share`. Importance is
 * the impurity decrease summed over trees, normalised to sum 1; sign is that of
 * corr(feature, prediction) on the training rows.
 *
 * @param x Features n x p.
 * @param y Targets.
 * @param options Forest settings.
 * @param seed Seed of the bootstrap and the feature draws.
 * @returns The fitted ensemble.
 */
export function fitForest(
  x: Matrix,
  y: Float64Array,
  options: ForestOptions = {},
  seed = DEFAULT_SEED,
): EnsembleFit {
  checkXy(x, y, "a random forest");
  const s = settingsOf(options);
  const n = x.rows, p = x.cols, rng = createRng(seed);
  const xb = binMatrix(x, s.nBins);
  const gains = new Float64Array(p), trees: Tree[] = [];
  const idx = new Int32Array(n);
  const tree = {
    maxDepth: s.maxDepth,
    minLeaf: s.minLeaf,
    mtry: Math.max(1, Math.round(s.featureFraction * p)),
    featureWeights: weightsFrom(options.warmStart, p),
    shrink: 1 / s.nTrees,
  };
  for (let t = 0; t < s.nTrees; t++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rng() * n);
    trees.push(growTree(xb, y, idx, tree, rng, gains));
  }
  return finishEnsemble(x, 0, trees, gains, "rf");
}

/**
 * Random forest as a {@linkcode Model}.
 *
 * @example
 * ```ts
 * import { createForest } from "./forest.ts";
 * import assert from "node:assert/strict";
 * const x = { data: Float64Array.from({ length: 40 }, (_, i) => i), rows: 40, cols: 1 };
 * const y = Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
 * const m = createForest({ nTrees: 10, minLeaf: 2 }, 1).fit(x, y);
 * assert.ok(m.predict(x)[35] > 0.9);
 * ```
 */
export function createForest(
  options: ForestOptions = {},
  seed = DEFAULT_SEED,
  restored?: EnsembleFit,
): Model {
  const s = settingsOf(options);
  return ensembleModel(
    "rf",
    { ...s, seed },
    (x, y) => fitForest(x, y, options, seed),
    restored,
  );
}

/** Rebuild a random forest from its `toJSON()` state. */
export function restoreForest(state: ModelState): Model {
  const o = state as Record<string, number>;
  return createForest(
    {
      nTrees: o.nTrees,
      maxDepth: o.maxDepth,
      minLeaf: o.minLeaf,
      featureFraction: o.featureFraction,
      nBins: o.nBins,
    },
    o.seed,
    readEnsemble(state),
  );
}
