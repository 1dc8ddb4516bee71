/**
 * The one model interface every learner implements, so the walk-forward takes any model
 * by name. Inputs are row-major {@linkcode Matrix} values; models never mutate them.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/** What a model is asked to learn. */
export type ModelTask = "regression" | "classification";

/** Importance of each feature after fitting, in the model's own units. */
export interface FeatureImportance {
  /** Non-negative magnitude per feature (|standardised coef| or impurity decrease). */
  readonly importance: Float64Array;
  /** Sign of each feature's effect on the prediction: +1, -1 or 0. */
  readonly sign: Int8Array;
}

/** Serialisable state: `{ name, ... }` that `fromJSON` of the same model restores exactly. */
export type ModelState = { readonly name: string } & Record<string, unknown>;

/** A fitted-or-not model. `fit` may be called once per instance. */
export interface Model {
  /** Registry name (`"ridge"`, `"lasso"`, `"logistic"`, `"rf"`, `"gbt"`, `"mlp"`). */
  readonly name: string;
  readonly task: ModelTask;
  /** Fit on rows of `x` (n x p) against `y` (length n). Returns `this`. */
  fit(x: Matrix, y: Float64Array): Model;
  /** Predict one value per row of `x`: a forecast (regression) or P(up) (classification). */
  predict(x: Matrix): Float64Array;
  /** Importance and sign per feature; throws if not fitted. */
  importance(): FeatureImportance;
  /** The complete fitted state as plain JSON. */
  toJSON(): ModelState;
}
