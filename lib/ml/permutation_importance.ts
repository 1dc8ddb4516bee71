/**
 * Permutation importance on held-out rows (Breiman 2001; Fisher, Rudin, Dominici 2019).
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import type { Matrix } from "../_shared/types.ts";
import { createRng, permutation } from "../_shared/seed.ts";
import type { Model } from "./model.ts";

/** A loss where lower is better: `(y, prediction) -> number`. */
export type LossFn = (y: Float64Array, pred: Float64Array) => number;

/** Options of {@linkcode permutationImportance}. */
export interface PermutationOptions {
  /** Shuffles per feature, averaged. @default 5 */
  repeats?: number;
  /** Seed of the shuffles. @default 0 */
  seed?: number;
  /**
   * Loss, lower is better: `"mse"`, `"logloss"` (labels `y > 0`, predictions P(up)) or a
   * function. @default "logloss" for classification models, else "mse"
   */
  metric?: "mse" | "logloss" | LossFn;
}

/** Mean squared error. */
export function mse(y: Float64Array, pred: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (y[i] - pred[i]) ** 2;
  return s / y.length;
}

/** Mean log loss of P(up) against labels `y > 0`, probabilities clipped to [1e-15, 1 - 1e-15]. */
export function logLoss(y: Float64Array, pred: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, pred[i]));
    s -= y[i] > 0 ? crLog(p) : crLog(1 - p);
  }
  return s / y.length;
}

/**
 * Importance of feature j = mean over `repeats` seeded shuffles of column j of
 * `loss(shuffled) - loss(original)` on the given (test) rows: positive when the model
 * relies on the feature out of sample, about 0 (or negative) when it does not. The
 * model is not refitted and the inputs are not mutated.
 *
 * @param model A fitted model.
 * @param xTest Test features.
 * @param yTest Test targets.
 * @param options Repeats, seed, metric.
 * @returns One value per feature (units of the loss).
 * @example
 * ```ts
 * import { permutationImportance } from "./permutation_importance.ts";
 * import { createModel } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const x = { data: Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? (i * 7) % 5 : i)), rows: 20, cols: 2 };
 * const y = Float64Array.from({ length: 20 }, (_, r) => x.data[r * 2]);
 * const m = createModel("ridge", { lambda: 0 }).fit(x, y);
 * const imp = permutationImportance(m, x, y, { seed: 1 });
 * assert.ok(imp[0] > imp[1]);
 * ```
 */
export function permutationImportance(
  model: Model,
  xTest: Matrix,
  yTest: Float64Array,
  options: PermutationOptions = {},
): Float64Array {
  const { rows: n, cols: p } = xTest;
  if (yTest.length !== n) {
    throw new RangeError(
      `yTest has ${yTest.length} rows, expected ${n} like xTest`,
    );
  }
  const repeats = options.repeats ?? 5;
  const m = options.metric ??
    (model.task === "classification" ? "logloss" : "mse");
  const loss: LossFn = m === "mse" ? mse : m === "logloss" ? logLoss : m;
  const out = new Float64Array(p);
  if (n === 0) return out.fill(NaN);
  const base = loss(yTest, model.predict(xTest));
  const rng = createRng(options.seed ?? 0);
  const data = xTest.data.slice(), shuffled = { data, rows: n, cols: p };
  for (let c = 0; c < p; c++) {
    let s = 0;
    for (let k = 0; k < repeats; k++) {
      const perm = permutation(n, rng);
      for (let r = 0; r < n; r++) data[r * p + c] = xTest.data[perm[r] * p + c];
      s += loss(yTest, model.predict(shuffled)) - base;
    }
    for (let r = 0; r < n; r++) data[r * p + c] = xTest.data[r * p + c];
    out[c] = s / repeats;
  }
  return out;
}
