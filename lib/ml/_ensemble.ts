/**
 * The fitted state and Model wrapper shared by the tree ensembles (internal).
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type { Model, ModelState } from "./model.ts";
import { addTreePrediction, readTree, type Tree } from "./_tree.ts";
import { checkCols, correlationSigns, numbers } from "./_columns.ts";

/** A fitted tree ensemble: `base + sum of tree values` (forest trees carry 1/nTrees). */
export interface EnsembleFit {
  readonly cols: number;
  readonly base: number;
  readonly trees: Tree[];
  /** Impurity importance (total squared-error reduction) per feature, normalised to sum 1. */
  readonly importanceShare: Float64Array;
  /** Sign of corr(feature, prediction) on the training rows. */
  readonly sign: Int8Array;
}

/** Predict every row of `x`. */
export function predictEnsemble(
  fit: EnsembleFit,
  x: Matrix,
  what: string,
): Float64Array {
  checkCols(x, fit.cols, what);
  const out = new Float64Array(x.rows).fill(fit.base);
  for (const t of fit.trees) addTreePrediction(t, x, out);
  return out;
}

/** Finish a fit: normalise importance and compute the effect signs on training rows. */
export function finishEnsemble(
  x: Matrix,
  base: number,
  trees: Tree[],
  gains: Float64Array,
  what: string,
): EnsembleFit {
  let total = 0;
  for (const g of gains) total += g;
  const importanceShare = gains.map((g) => (total > 0 ? g / total : 0));
  const partial = {
    cols: x.cols,
    base,
    trees,
    importanceShare,
    sign: new Int8Array(x.cols),
  };
  const sign = correlationSigns(x, predictEnsemble(partial, x, what));
  return { ...partial, sign };
}

/** Wrap a fit function into a {@linkcode Model}. */
export function ensembleModel(
  name: "rf" | "gbt",
  settings: Record<string, unknown>,
  fitFn: (x: Matrix, y: Float64Array) => EnsembleFit,
  restored?: EnsembleFit,
): Model {
  let fit = restored;
  const need = (): EnsembleFit => {
    if (!fit) {
      throw new Error(`Cannot use an unfitted ${name} model: call fit first`);
    }
    return fit;
  };
  const model: Model = {
    name,
    task: "regression",
    fit(x, y) {
      fit = fitFn(x, y);
      return model;
    },
    predict: (x) => predictEnsemble(need(), x, name),
    importance: () => ({
      importance: need().importanceShare.slice(),
      sign: need().sign.slice(),
    }),
    toJSON(): ModelState {
      const f = need();
      return {
        name,
        ...settings,
        cols: f.cols,
        base: f.base,
        importanceShare: Array.from(f.importanceShare),
        sign: Array.from(f.sign),
        trees: f.trees,
      };
    },
  };
  return model;
}

/** Read the fitted part of a serialised ensemble state. */
export function readEnsemble(state: ModelState): EnsembleFit {
  if (!Array.isArray(state.trees)) {
    throw new TypeError(
      `Cannot restore model "${state.name}": field "trees" must be an array`,
    );
  }
  return {
    cols: Number(state.cols),
    base: Number(state.base),
    trees: state.trees.map(readTree),
    importanceShare: numbers(state, "importanceShare"),
    sign: Int8Array.from(numbers(state, "sign")),
  };
}
