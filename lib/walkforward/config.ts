/**
 * The walk-forward defaults, written once: {@linkcode completeWalkForwardConfig} fills a
 * partial {@linkcode WalkForwardConfig} at the public entry points, and the internal
 * kernels only ever see a complete one.
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { CompleteWalkForwardConfig, WalkForwardConfig } from "./types.ts";

/**
 * Every default of a walk-forward run except `stride` (which defaults to `test`): label
 * horizon 1, rolling folds, no embargo, ridge (its own lambda default 1), seed 42,
 * standardised features, `sign` positions, 1 bp of turnover.
 */
export const WALK_FORWARD_DEFAULTS = Object.freeze({
  labelHorizon: 1,
  anchored: false,
  gap: 0,
  model: "ridge",
  modelOptions: Object.freeze({}),
  seed: DEFAULT_SEED,
  standardise: true,
  position: Object.freeze({ kind: "sign" as const }),
  costBps: 1,
});

/**
 * A complete walk-forward config: the given fields, and the defaults for the others.
 *
 * @param config A config; missing fields take {@linkcode WALK_FORWARD_DEFAULTS}.
 * @returns A config with every field set (same key order for every input).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { completeWalkForwardConfig } from "./config.ts";
 * const c = completeWalkForwardConfig({ features: ["ret_1"], train: 100, test: 20 });
 * assert.equal(c.stride, 20);
 * assert.equal(c.costBps, 1);
 * assert.equal(c.seed, 42);
 * ```
 */
export function completeWalkForwardConfig(
  config: WalkForwardConfig,
): CompleteWalkForwardConfig {
  const d = WALK_FORWARD_DEFAULTS;
  return {
    features: config.features,
    labelHorizon: config.labelHorizon ?? d.labelHorizon,
    train: config.train,
    test: config.test,
    stride: config.stride ?? config.test,
    anchored: config.anchored ?? d.anchored,
    gap: config.gap ?? d.gap,
    model: config.model ?? d.model,
    modelOptions: config.modelOptions ?? d.modelOptions,
    seed: config.seed ?? d.seed,
    standardise: config.standardise ?? d.standardise,
    position: config.position ?? d.position,
    costBps: config.costBps ?? d.costBps,
  };
}
