/**
 * Gaussian HMM inference under given parameters: log-likelihood, filtered and smoothed
 * state probabilities, and the Viterbi path.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import type { Matrix } from "../_shared/types.ts";
import type { GaussianHmmParams } from "./_gaussian.ts";
import {
  backwardScaled,
  emissionScaled,
  forwardScaled,
  type Obs,
  toObservations,
} from "./_hmm_kernels.ts";

/**
 * Filtered state probabilities P(state_t = k | x_1..x_t): the scaled forward recursion
 * only, never smoothed with later data, so row t is unchanged when data after t changes.
 * A row with NaN carries no information (the prediction step only).
 *
 * @param model Parameters (a fitted model, or diagonal/full parameters).
 * @param observations A series (T) or T x d matrix with the model's features.
 * @returns T x K probabilities (rows sum to 1).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { filterProbabilities } from "./hmm_inference.ts";
 * const model = {
 *   initial: new Float64Array([0.5, 0.5]),
 *   transition: { rows: 2, cols: 2, data: new Float64Array([0.9, 0.1, 0.1, 0.9]) },
 *   means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
 *   variances: { rows: 2, cols: 1, data: new Float64Array([1e-4, 1e-2]) },
 * };
 * const p = filterProbabilities(model, new Float64Array([0.001, 0.2]));
 * assert.ok(p.data[0] > 0.5 && p.data[3] > 0.9);
 * ```
 */
export function filterProbabilities(
  model: GaussianHmmParams,
  observations: Float64Array | Matrix,
): Matrix {
  const x = observationsFor(model, observations);
  const { alpha } = forwardScaled(
    model,
    emissionScaled(model, x.data, x.T),
    x.T,
  );
  return { data: alpha, rows: x.T, cols: model.initial.length };
}

/**
 * Log-likelihood ln p(x_1..x_T) of a series under given parameters (the forward
 * algorithm with per-row scaling; hmmlearn's `score`). Rows with NaN contribute 0.
 *
 * @param model Parameters (diagonal `variances` or full `covariances`).
 * @param observations A series (T) or T x d matrix.
 * @returns The log-likelihood (0 for no rows).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hmmLogLikelihood } from "./hmm_inference.ts";
 * const one = {
 *   initial: new Float64Array([1]), transition: { rows: 1, cols: 1, data: new Float64Array([1]) },
 *   means: { rows: 1, cols: 1, data: new Float64Array([0]) },
 *   variances: { rows: 1, cols: 1, data: new Float64Array([1]) },
 * };
 * // one state: the sum of standard normal log densities
 * assert.ok(Math.abs(hmmLogLikelihood(one, new Float64Array([0, 1])) - (-Math.log(2 * Math.PI) - 0.5)) < 1e-15);
 * ```
 */
export function hmmLogLikelihood(
  model: GaussianHmmParams,
  observations: Float64Array | Matrix,
): number {
  const x = observationsFor(model, observations);
  const em = emissionScaled(model, x.data, x.T);
  return forwardScaled(model, em, x.T).logLikelihood;
}

/**
 * Smoothed state probabilities P(state_t = k | x_1..x_T) by forward-backward
 * (hmmlearn's `predict_proba`). Uses the WHOLE sequence, so row t depends on data after
 * t: for in-sample labelling and EM, never as an out-of-sample signal (use
 * `filterProbabilities`). Rows with NaN carry no information.
 *
 * @param model Parameters (diagonal `variances` or full `covariances`).
 * @param observations A series (T) or T x d matrix.
 * @returns T x K probabilities (rows sum to 1).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { filterProbabilities, smoothedProbabilities } from "./hmm_inference.ts";
 * const model = {
 *   initial: new Float64Array([0.5, 0.5]),
 *   transition: { rows: 2, cols: 2, data: new Float64Array([0.95, 0.05, 0.05, 0.95]) },
 *   means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
 *   variances: { rows: 2, cols: 1, data: new Float64Array([1e-4, 1e-2]) },
 * };
 * const x = new Float64Array([0.001, 0.002, 0.3, 0.2]);
 * const s = smoothedProbabilities(model, x), f = filterProbabilities(model, x);
 * assert.equal(s.data[7], f.data[7]); // the last row is the same
 * assert.ok(s.data[3] > f.data[3]); // row 1 knows a volatile day follows
 * ```
 */
export function smoothedProbabilities(
  model: GaussianHmmParams,
  observations: Float64Array | Matrix,
): Matrix {
  const x = observationsFor(model, observations);
  const K = model.initial.length, T = x.T;
  const em = emissionScaled(model, x.data, T);
  const { alpha, c } = forwardScaled(model, em, T);
  const beta = backwardScaled(model, em, c, T);
  const out = new Float64Array(T * K);
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let k = 0; k < K; k++) {
      s += out[t * K + k] = alpha[t * K + k] * beta[t * K + k];
    }
    for (let k = 0; k < K; k++) out[t * K + k] /= s;
  }
  return { data: out, rows: T, cols: K };
}

/** Result of {@linkcode viterbiPath}. */
export interface ViterbiPath {
  /** The most likely state of every row. */
  readonly path: Int32Array;
  /** ln p(x_1..T, path): the joint log-probability of the path and the data. */
  readonly logProbability: number;
}

/**
 * Most likely state path (Viterbi, log space) and its joint log-probability with the
 * data (hmmlearn's `decode(X, algorithm="viterbi")`); ties go to the lower state. Uses the
 * whole sequence: in-sample labelling only, never an out-of-sample signal.
 *
 * @param model Parameters (diagonal `variances` or full `covariances`).
 * @param observations A series or T x d matrix (NaN rows carry no information).
 * @returns Frozen path and log-probability (path empty and 0 for no rows).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hmmLogLikelihood, viterbiPath } from "./hmm_inference.ts";
 * const model = {
 *   initial: new Float64Array([0.5, 0.5]),
 *   transition: { rows: 2, cols: 2, data: new Float64Array([0.9, 0.1, 0.1, 0.9]) },
 *   means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
 *   variances: { rows: 2, cols: 1, data: new Float64Array([1e-4, 1e-2]) },
 * };
 * const x = new Float64Array([0.001, 0.002, 0.3, 0.2]);
 * const v = viterbiPath(model, x);
 * assert.deepEqual([...v.path], [0, 0, 1, 1]);
 * assert.ok(v.logProbability <= hmmLogLikelihood(model, x)); // one path of all of them
 * ```
 */
export function viterbiPath(
  model: GaussianHmmParams,
  observations: Float64Array | Matrix,
): ViterbiPath {
  const x = observationsFor(model, observations);
  const K = model.initial.length, T = x.T;
  const path = new Int32Array(T);
  if (T === 0) return Object.freeze({ path, logProbability: 0 });
  const { b, offsets } = emissionScaled(model, x.data, T);
  const logA = model.transition.data.map(Math.log);
  let delta = Float64Array.from(
    { length: K },
    (_, k) => crLog(model.initial[k]) + crLog(b[k]),
  );
  const back = new Int32Array(T * K);
  for (let t = 1; t < T; t++) {
    const next = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      let best = -Infinity, arg = 0;
      for (let i = 0; i < K; i++) {
        const v = delta[i] + logA[i * K + j];
        if (v > best) [best, arg] = [v, i];
      }
      next[j] = best + crLog(b[t * K + j]);
      back[t * K + j] = arg;
    }
    delta = next;
  }
  let s = 0;
  for (let k = 1; k < K; k++) if (delta[k] > delta[s]) s = k;
  let logProbability = delta[s];
  for (let t = 0; t < T; t++) logProbability += offsets[t];
  for (let t = T - 1; t >= 0; t--) {
    path[t] = s;
    s = back[t * K + s];
  }
  return Object.freeze({ path, logProbability });
}

/**
 * Most likely state path as labels (see {@linkcode viterbiPath}) for in-sample
 * labelling. Uses the whole sequence: do NOT use its labels as out-of-sample signals.
 *
 * @param model Parameters (a fitted model, or diagonal/full parameters).
 * @param observations A series or T x d matrix (NaN rows carry no information).
 * @returns State per row (Int8Array).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { viterbi } from "./hmm_inference.ts";
 * const model = {
 *   initial: new Float64Array([0.5, 0.5]),
 *   transition: { rows: 2, cols: 2, data: new Float64Array([0.9, 0.1, 0.1, 0.9]) },
 *   means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
 *   variances: { rows: 2, cols: 1, data: new Float64Array([1e-4, 1e-2]) },
 * };
 * assert.deepEqual([...viterbi(model, new Float64Array([0.001, 0.002, 0.3, 0.2]))], [0, 0, 1, 1]);
 * ```
 */
export function viterbi(
  model: GaussianHmmParams,
  observations: Float64Array | Matrix,
): Int8Array {
  return Int8Array.from(viterbiPath(model, observations).path);
}

function observationsFor(
  model: GaussianHmmParams,
  observations: Float64Array | Matrix,
): Obs {
  const x = toObservations(observations, false);
  if (model.means?.cols !== x.d) {
    throw new RangeError(
      `Observations have ${x.d} features, the model expects ${model.means?.cols}`,
    );
  }
  return x;
}
