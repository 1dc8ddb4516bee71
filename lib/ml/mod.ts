/**
 * Machine-learning models behind one {@linkcode Model} interface, created by name.
 *
 * @example
 * ```ts
 * import { createModel } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const m = createModel("ridge", { lambda: 1 });
 * assert.equal(m.name, "ridge");
 * ```
 *
 * @module
 */
import type { Model } from "./model.ts";
import { createRidge } from "./ridge.ts";

export type { FeatureImportance, Model, ModelState, ModelTask } from "./model.ts";
export { createRidge, fitRidge, predictLinear, solveSpd } from "./ridge.ts";
export type { RidgeFit, RidgeOptions } from "./ridge.ts";

/** Names accepted by {@linkcode createModel}. */
export const MODEL_NAMES: readonly string[] = ["ridge"];

/**
 * Create an unfitted model by registry name.
 *
 * @param name One of {@linkcode MODEL_NAMES}.
 * @param options Model-specific options (e.g. `{ lambda }` for ridge).
 * @param seed Seed for models with randomness (trees, MLP). @default 42
 * @returns An unfitted {@linkcode Model}.
 */
export function createModel(
  name: string,
  options: Record<string, unknown> = {},
  seed = 42,
): Model {
  void seed;
  switch (name) {
    case "ridge":
      return createRidge({ lambda: typeof options.lambda === "number" ? options.lambda : 1 });
    default:
      throw new RangeError(`Unknown model "${name}": expected one of ${MODEL_NAMES.join(", ")}`);
  }
}
