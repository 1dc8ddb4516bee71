/**
 * The model registry: create any model by name, and restore any model from its state.
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { Model, ModelState } from "./model.ts";
import { createRidge, restoreRidge } from "./ridge.ts";
import { createElasticNet, restoreElasticNet } from "./elastic_net.ts";
import { createLogistic, restoreLogistic } from "./logistic.ts";
import { createForest, restoreForest } from "./forest.ts";
import { createBoosting, restoreBoosting } from "./boosting.ts";
import { createMlp, restoreMlp } from "./mlp.ts";

/** Names accepted by {@linkcode createModel} and {@linkcode modelFromJSON}. */
export const MODEL_NAMES: readonly string[] = Object.freeze([
  "ridge",
  "lasso",
  "elasticnet",
  "logistic",
  "rf",
  "gbt",
  "mlp",
]);

/** Linear models: their state has `coef`, and warm start shrinks toward it. */
export const LINEAR_MODELS: readonly string[] = Object.freeze([
  "ridge",
  "lasso",
  "elasticnet",
  "logistic",
]);

/**
 * Create an unfitted model by registry name. Options are those of the model's factory
 * (`lambda` for ridge/logistic, `lambda`/`alpha` for the elastic net, tree and MLP
 * settings); every model also takes `warmStart: ModelState` (a previous state of the same
 * model on the same features): linear models shrink toward its coefficients, trees use its
 * importance shares as feature-sampling priors, the MLP starts from its weights.
 *
 * @param name One of {@linkcode MODEL_NAMES}.
 * @param options Model-specific options.
 * @param seed Seed for models with randomness (trees, MLP). @default 42
 * @returns An unfitted {@linkcode Model}.
 * @example
 * ```ts
 * import { createModel } from "./registry.ts";
 * import assert from "node:assert/strict";
 * assert.equal(createModel("gbt", { nTrees: 10 }, 1).name, "gbt");
 * ```
 */
export function createModel(
  name: string,
  options: Record<string, unknown> = {},
  seed = DEFAULT_SEED,
): Model {
  // deno-lint-ignore no-explicit-any
  const o = options as any;
  switch (name) {
    case "ridge":
      return createRidge(o);
    case "lasso":
      return createElasticNet(o, "lasso");
    case "elasticnet":
      return createElasticNet(o, "elasticnet");
    case "logistic":
      return createLogistic(o);
    case "rf":
      return createForest(o, seed);
    case "gbt":
      return createBoosting(o, seed);
    case "mlp":
      return createMlp(o, seed);
    default:
      throw new RangeError(
        `Unknown model "${name}": expected one of ${MODEL_NAMES.join(", ")}`,
      );
  }
}

/**
 * Restore a fitted model from `model.toJSON()` (also after a JSON string round trip):
 * predictions are bitwise identical to the original's.
 *
 * @param state A state produced by `toJSON()`.
 * @returns A fitted model.
 * @example
 * ```ts
 * import { createModel, modelFromJSON } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1 };
 * const m = createModel("ridge", { lambda: 0.5 }).fit(x, new Float64Array([1, 2, 2, 4]));
 * const back = modelFromJSON(JSON.parse(JSON.stringify(m.toJSON())));
 * assert.deepEqual(back.predict(x), m.predict(x));
 * ```
 */
export function modelFromJSON(state: ModelState): Model {
  switch (state?.name) {
    case "ridge":
      return restoreRidge(state);
    case "lasso":
    case "elasticnet":
      return restoreElasticNet(state);
    case "logistic":
      return restoreLogistic(state);
    case "rf":
      return restoreForest(state);
    case "gbt":
      return restoreBoosting(state);
    case "mlp":
      return restoreMlp(state);
    default:
      throw new RangeError(
        `Cannot restore model "${state?.name}": expected one of ${
          MODEL_NAMES.join(", ")
        }`,
      );
  }
}
