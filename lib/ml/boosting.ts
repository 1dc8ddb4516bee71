/**
 * Gradient-boosted regression trees (squared loss) on histogram trees, with seeded row
 * subsampling and per-tree feature sampling.
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { Matrix } from "../_shared/types.ts";
import { createRng } from "../_shared/seed.ts";
import type { Model, ModelState } from "./model.ts";
import { checkXy } from "./_columns.ts";
import {
  addTreePrediction,
  binMatrix,
  growTree,
  type Tree,
  weightsFrom,
} from "./_tree.ts";
import {
  type EnsembleFit,
  ensembleModel,
  finishEnsemble,
  readEnsemble,
} from "./_ensemble.ts";

/** Options of {@linkcode createBoosting}. */
export interface BoostingOptions {
  /** Boosting rounds (trees). @default 100 */
  nTrees?: number;
  /** Maximum depth. @default 3 */
  maxDepth?: number;
  /** Shrinkage applied to every tree. @default 0.05 */
  learningRate?: number;
  /** Share of rows drawn (without replacement) per tree. @default 0.8 */
  subsample?: number;
  /** Share of features drawn as candidates per split. @default 0.8 */
  featureFraction?: number;
  /** Minimum rows per leaf. @default 10 */
  minLeaf?: number;
  /** Quantile bins per feature (2..255). @default 32 */
  nBins?: number;
  /** Previous state: its importance shares become feature-sampling priors. */
  warmStart?: ModelState;
}

function settingsOf(o: BoostingOptions) {
  const s = {
    nTrees: o.nTrees ?? 100,
    maxDepth: o.maxDepth ?? 3,
    learningRate: o.learningRate ?? 0.05,
    subsample: o.subsample ?? 0.8,
    featureFraction: o.featureFraction ?? 0.8,
    minLeaf: o.minLeaf ?? 10,
    nBins: o.nBins ?? 32,
  };
  if (
    !(s.nTrees >= 1 && s.maxDepth >= 0 && s.minLeaf >= 1 && s.nBins >= 2 &&
      s.nBins <= 255 &&
      s.learningRate > 0 && s.subsample > 0 && s.subsample <= 1)
  ) {
    throw new RangeError(`Invalid boosting options: got ${JSON.stringify(s)}`);
  }
  return s;
}

/**
 * Fit gradient boosting for squared loss: start at mean(y); each round fits a tree to the
 * residuals `y - F` on a subsample of rows and adds `learningRate * tree`. Importance is
 * the impurity decrease summed over rounds (normalised to sum 1); sign is that of
 * corr(feature, prediction) on the training rows (Friedman 2001).
 *
 * @param x Features n x p.
 * @param y Targets.
 * @param options Boosting settings.
 * @param seed Seed of the row and feature draws.
 * @returns The fitted ensemble.
 */
export function fitBoosting(
  x: Matrix,
  y: Float64Array,
  options: BoostingOptions = {},
  seed = DEFAULT_SEED,
): EnsembleFit {
  checkXy(x, y, "boosted trees");
  const s = settingsOf(options);
  const n = x.rows, p = x.cols, rng = createRng(seed);
  const xb = binMatrix(x, s.nBins);
  let base = 0;
  for (let i = 0; i < n; i++) base += y[i];
  base /= n;
  const f = new Float64Array(n).fill(base), res = new Float64Array(n);
  const m = Math.max(1, Math.round(s.subsample * n));
  const all = new Int32Array(n), idx = new Int32Array(m);
  for (let i = 0; i < n; i++) all[i] = i;
  const gains = new Float64Array(p), trees: Tree[] = [];
  const tree = {
    maxDepth: s.maxDepth,
    minLeaf: s.minLeaf,
    mtry: Math.max(1, Math.round(s.featureFraction * p)),
    featureWeights: weightsFrom(options.warmStart, p),
    shrink: s.learningRate,
  };
  for (let t = 0; t < s.nTrees; t++) {
    for (let i = 0; i < n; i++) res[i] = y[i] - f[i];
    for (let i = 0; i < m; i++) { // partial Fisher-Yates: first m of a permutation
      const j = i + Math.floor(rng() * (n - i));
      const tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
      idx[i] = all[i];
    }
    const tr = growTree(xb, res, idx, tree, rng, gains);
    trees.push(tr);
    addTreePrediction(tr, x, f);
  }
  return finishEnsemble(x, base, trees, gains, "gbt");
}

/**
 * Gradient-boosted trees as a {@linkcode Model}.
 *
 * @example
 * ```ts
 * import { createBoosting } from "./boosting.ts";
 * import assert from "node:assert/strict";
 * const x = { data: Float64Array.from({ length: 60 }, (_, i) => i), rows: 60, cols: 1 };
 * const y = Float64Array.from({ length: 60 }, (_, i) => (i < 30 ? 0 : 1));
 * const m = createBoosting({ nTrees: 50, learningRate: 0.3 }, 1).fit(x, y);
 * assert.ok(m.predict(x)[50] > 0.9);
 * ```
 */
export function createBoosting(
  options: BoostingOptions = {},
  seed = DEFAULT_SEED,
  restored?: EnsembleFit,
): Model {
  const s = settingsOf(options);
  return ensembleModel(
    "gbt",
    { ...s, seed },
    (x, y) => fitBoosting(x, y, options, seed),
    restored,
  );
}

/** Rebuild boosted trees from their `toJSON()` state. */
export function restoreBoosting(state: ModelState): Model {
  const o = state as Record<string, number>;
  return createBoosting(
    {
      nTrees: o.nTrees,
      maxDepth: o.maxDepth,
      learningRate: o.learningRate,
      subsample: o.subsample,
      featureFraction: o.featureFraction,
      minLeaf: o.minLeaf,
      nBins: o.nBins,
    },
    o.seed,
    readEnsemble(state),
  );
}
