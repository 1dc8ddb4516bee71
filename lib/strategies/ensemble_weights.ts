/**
 * Ensemble weights learned from components' training-window returns.
 *
 * @module
 */
import { meanStd } from "../metrics/mod.ts";

/** How the ensemble weights are learned. */
export type EnsembleMethod = "equal" | "inverse_vol" | "sharpe" | "stacked";

/** Options of {@linkcode ensembleWeights}. */
export interface EnsembleWeightOptions {
  /** Weighting scheme. @default "equal" */
  readonly method?: EnsembleMethod;
  /** Ridge penalty of the stacked fit, relative to the mean diagonal of R'R. @default 0.01 */
  readonly ridge?: number;
  /** First row (inclusive) of the training window. @default 0 */
  readonly from?: number;
  /** Last row (exclusive) of the training window. @default length */
  readonly to?: number;
}

/**
 * Non-negative weights summing to 1, from each component's returns over rows [from, to):
 * - equal: 1/k;
 * - inverse_vol: 1/sigma_i (components with sigma = 0 or NaN get 0);
 * - sharpe: max(0, mean_i / sigma_i) (Sharpe clipped at 0);
 * - stacked: Britten-Jones stacking: ridge NNLS of the constant 1 on the component returns,
 *   min ||1 - R w||^2 + lambda ||w||^2, w >= 0 (proportional to the long-only tangency
 *   portfolio), by projected coordinate descent.
 * When every raw weight is 0 (e.g. no positive Sharpe), equal weights are used.
 * Only rows [from, to) are read.
 *
 * @param components One daily-return column per component (NaN = no return).
 * @param options Method and training rows.
 * @returns Weights, one per component.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ensembleWeights } from "./ensemble_weights.ts";
 * const a = new Float64Array([0.01, -0.01, 0.01, -0.01]);
 * const b = a.map((v) => 3 * v);
 * const w = ensembleWeights([a, b], { method: "inverse_vol" });
 * assert.ok(Math.abs(w[0] - 0.75) < 1e-12 && Math.abs(w[1] - 0.25) < 1e-12);
 * ```
 */
export function ensembleWeights(
  components: readonly Float64Array[],
  options: EnsembleWeightOptions = {},
): Float64Array {
  const k = components.length;
  const from = options.from ?? 0,
    to = options.to ?? (k ? components[0].length : 0);
  const method = options.method ?? "equal";
  const w = new Float64Array(k);
  if (method === "stacked") {
    w.set(stack(components, from, to, options.ridge ?? 0.01));
  } else {
    for (let i = 0; i < k; i++) {
      const { mean, std } = meanStd(components[i], from, to);
      const v = method === "equal"
        ? 1
        : method === "inverse_vol"
        ? 1 / std
        : mean / std;
      w[i] = Number.isFinite(v) && v > 0 ? v : 0;
    }
  }
  let s = 0;
  for (let i = 0; i < k; i++) s += w[i];
  for (let i = 0; i < k; i++) w[i] = s > 0 ? w[i] / s : 1 / k;
  return w;
}

function stack(
  comps: readonly Float64Array[],
  from: number,
  to: number,
  ridge: number,
): Float64Array {
  const k = comps.length;
  const g = new Float64Array(k * k), b = new Float64Array(k);
  for (let t = from; t < to; t++) {
    for (let i = 0; i < k; i++) {
      const ri = comps[i][t];
      if (!Number.isFinite(ri)) continue;
      b[i] += ri;
      for (let j = 0; j < k; j++) {
        const rj = comps[j][t];
        if (Number.isFinite(rj)) g[i * k + j] += ri * rj;
      }
    }
  }
  let diag = 0;
  for (let i = 0; i < k; i++) diag += g[i * k + i] / k;
  for (let i = 0; i < k; i++) g[i * k + i] += ridge * diag + 1e-300;
  const w = new Float64Array(k);
  for (let iter = 0; iter < 500; iter++) {
    let change = 0;
    for (let i = 0; i < k; i++) {
      let r = b[i];
      for (let j = 0; j < k; j++) if (j !== i) r -= g[i * k + j] * w[j];
      const v = Math.max(0, r / g[i * k + i]);
      change = Math.max(change, Math.abs(v - w[i]));
      w[i] = v;
    }
    if (change < 1e-12) break;
  }
  return w;
}
