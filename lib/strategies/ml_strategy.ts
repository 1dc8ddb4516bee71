/**
 * Turn a model's out-of-sample predictions into positions.
 *
 * @module
 */

/** Options of {@linkcode predictionPositions}. */
export interface PredictionOptions {
  /** "sign": sign(pred - threshold); "scaled": clamp(pred / scale, -1, 1). @default "sign" */
  readonly mode?: "sign" | "scaled";
  /** Dead band: |pred| <= threshold -> flat (sign mode). @default 0 */
  readonly threshold?: number;
  /** Scale of a full position in prediction units (scaled mode). @default 0.01 */
  readonly scale?: number;
  /** Allow shorts. @default true */
  readonly longShort?: boolean;
}

/**
 * The ML strategy: predictions made at the close of t (from a walk-forward model fitted on
 * data <= t, e.g. next-day return forecasts) become target positions at t. NaN (no
 * prediction, e.g. inside a training window) -> flat. Pure: the model runs elsewhere.
 *
 * @param predictions One prediction per bar.
 * @param options Mapping.
 * @returns Positions in [-1, 1].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { predictionPositions } from "./ml_strategy.ts";
 * const p = predictionPositions(new Float64Array([NaN, 0.02, -0.001, -0.02]), { threshold: 0.005 });
 * assert.deepEqual([...p], [0, 1, 0, -1]);
 * ```
 */
export function predictionPositions(
  predictions: Float64Array,
  options: PredictionOptions = {},
): Float64Array {
  const th = options.threshold ?? 0, scale = options.scale ?? 0.01;
  const scaled = (options.mode ?? "sign") === "scaled";
  const longShort = options.longShort ?? true;
  const out = new Float64Array(predictions.length);
  for (let t = 0; t < predictions.length; t++) {
    const v = predictions[t];
    if (!Number.isFinite(v)) continue;
    let p = scaled
      ? Math.max(-1, Math.min(1, v / scale))
      : Math.abs(v) > th
      ? Math.sign(v)
      : 0;
    if (!longShort && p < 0) p = 0;
    out[t] = p;
  }
  return out;
}
