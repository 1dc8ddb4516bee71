/**
 * Out-of-sample HMM inference: filtered probabilities (forward only) and Viterbi paths.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type { GaussianHmm } from "./hmm.ts";
import {
  emissionScaled,
  forwardScaled,
  toObservations,
} from "./_hmm_kernels.ts";

/**
 * Filtered state probabilities P(state_t = k | x_1..x_t): the scaled forward recursion
 * only, never smoothed with later data, so row t is unchanged when data after t changes.
 * A row with NaN carries no information (the prediction step only).
 *
 * @param model A fitted model (fit it on a training window before these data).
 * @param observations A series (T) or T x d matrix with the model's features.
 * @returns T x K probabilities (rows sum to 1).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { filterProbabilities } from "./hmm_inference.ts";
 * const model = {
 *   states: 2, dims: 1, initial: new Float64Array([0.5, 0.5]),
 *   transition: { rows: 2, cols: 2, data: new Float64Array([0.9, 0.1, 0.1, 0.9]) },
 *   means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
 *   variances: { rows: 2, cols: 1, data: new Float64Array([1e-4, 1e-2]) },
 *   logLikelihood: 0, iterations: 0, converged: true,
 * };
 * const p = filterProbabilities(model, new Float64Array([0.001, 0.2]));
 * assert.ok(p.data[0] > 0.5 && p.data[3] > 0.9);
 * ```
 */
export function filterProbabilities(
  model: GaussianHmm,
  observations: Float64Array | Matrix,
): Matrix {
  const x = toObservations(observations, false);
  check(model, x.d);
  const { alpha } = forwardScaled(
    model,
    emissionScaled(model, x.data, x.T),
    x.T,
  );
  return { data: alpha, rows: x.T, cols: model.states };
}

/**
 * Most likely state path (Viterbi, log space) for in-sample labelling. Uses the whole
 * sequence: do NOT use its labels as out-of-sample signals.
 *
 * @param model A fitted model.
 * @param observations A series or T x d matrix (NaN rows carry no information).
 * @returns State per row (Int8Array).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { viterbi } from "./hmm_inference.ts";
 * const model = {
 *   states: 2, dims: 1, initial: new Float64Array([0.5, 0.5]),
 *   transition: { rows: 2, cols: 2, data: new Float64Array([0.9, 0.1, 0.1, 0.9]) },
 *   means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
 *   variances: { rows: 2, cols: 1, data: new Float64Array([1e-4, 1e-2]) },
 *   logLikelihood: 0, iterations: 0, converged: true,
 * };
 * assert.deepEqual([...viterbi(model, new Float64Array([0.001, 0.002, 0.3, 0.2]))], [0, 0, 1, 1]);
 * ```
 */
export function viterbi(
  model: GaussianHmm,
  observations: Float64Array | Matrix,
): Int8Array {
  const x = toObservations(observations, false);
  check(model, x.d);
  const K = model.states, T = x.T;
  const out = new Int8Array(T);
  if (T === 0) return out;
  const { b } = emissionScaled(model, x.data, T);
  const logA = model.transition.data.map(Math.log);
  let delta = Float64Array.from(
    { length: K },
    (_, k) => Math.log(model.initial[k]) + Math.log(b[k]),
  );
  const back = new Int8Array(T * K);
  for (let t = 1; t < T; t++) {
    const next = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      let best = -Infinity, arg = 0;
      for (let i = 0; i < K; i++) {
        const v = delta[i] + logA[i * K + j];
        if (v > best) {
          best = v;
          arg = i;
        }
      }
      next[j] = best + Math.log(b[t * K + j]);
      back[t * K + j] = arg;
    }
    delta = next;
  }
  let s = 0;
  for (let k = 1; k < K; k++) if (delta[k] > delta[s]) s = k;
  for (let t = T - 1; t >= 0; t--) {
    out[t] = s;
    s = back[t * K + s];
  }
  return out;
}

function check(model: GaussianHmm, d: number): void {
  if (model.dims !== d) {
    throw new RangeError(
      `Observations have ${d} features, the model expects ${model.dims}`,
    );
  }
}
