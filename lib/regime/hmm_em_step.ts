/**
 * One Baum-Welch (EM) step of a Gaussian HMM, with diagonal or full covariances.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import {
  floorCovariance,
  type GaussianHmmParams,
  resolveParams,
} from "./_gaussian.ts";
import {
  backwardScaled,
  emissionScaled,
  forwardScaled,
  toObservations,
} from "./_hmm_kernels.ts";

/** Options of {@linkcode hmmEmStep}. */
export interface HmmEmOptions {
  /**
   * Variance floor per feature (a number applies to every feature). After the M-step,
   * with S = diag(sqrt(floor)), each covariance becomes S max(eig(S^-1 Sigma S^-1), 1) S:
   * a diagonal variance v_j becomes max(v_j, floor_j); a full covariance changes only
   * when Sigma - diag(floor) is not positive semidefinite, and then by the least
   * eigenvalue lift in the floor's metric. 0 turns it off (pure maximum likelihood);
   * with full covariances the floors must be all positive or all 0.
   * @default 1e-6 x each feature's variance over the observations (as fitGaussianHmm)
   */
  readonly varianceFloor?: number | Float64Array;
}

/** Result of {@linkcode hmmEmStep}. */
export interface HmmEmStep {
  /** The updated parameters (same covariance kind as the input). */
  readonly params: GaussianHmmParams;
  /** Log-likelihood of the observations under the INPUT parameters (what EM increases). */
  readonly logLikelihood: number;
}

/**
 * One EM (Baum-Welch) iteration from the given parameters: E-step by the scaled
 * forward-backward pass, then the maximum-likelihood M-step: initial = posterior of
 * the first row, transition_ij = sum_t xi_t(i, j) / sum_t,j xi_t(i, j), means =
 * posterior-weighted means, covariances = posterior-weighted (x - mean_new)(x -
 * mean_new)' / sum of posteriors, then the variance floor. This is hmmlearn's
 * `GaussianHMM` M-step with its priors off (`covars_prior=0`; its default 1e-2 adds
 * 0.01 to every covariance numerator) and `init_params=""`. Rows with NaN are dropped.
 *
 * Reference: Rabiner, L. R. (1989), "A tutorial on hidden Markov models", Proc. IEEE 77(2).
 *
 * @param params Current parameters (diagonal `variances` or full `covariances`).
 * @param observations A series (T) or a T x d matrix.
 * @param options `varianceFloor`.
 * @returns Frozen new parameters and the input parameters' log-likelihood.
 * @throws {RangeError} On parameters that do not fit the observations, a covariance
 *   that is not positive definite, or fewer than 2 complete rows.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hmmEmStep, hmmLogLikelihood } from "./mod.ts";
 * const x = Float64Array.from({ length: 200 }, (_, t) => (t % 50 < 25 ? 0.002 : 0.02) * Math.sin(t * 2.3));
 * let p = {
 *   initial: new Float64Array([0.5, 0.5]),
 *   transition: { rows: 2, cols: 2, data: new Float64Array([0.9, 0.1, 0.1, 0.9]) },
 *   means: { rows: 2, cols: 1, data: new Float64Array([0, 0]) },
 *   variances: { rows: 2, cols: 1, data: new Float64Array([1e-5, 1e-3]) },
 * };
 * const step = hmmEmStep(p, x);
 * assert.ok(hmmLogLikelihood(step.params, x) >= step.logLikelihood);
 * ```
 */
export function hmmEmStep(
  params: GaussianHmmParams,
  observations: Float64Array | Matrix,
  options: HmmEmOptions = {},
): HmmEmStep {
  const x = toObservations(observations, true);
  resolveParams(params, x.d);
  if (x.T < 2) {
    throw new RangeError(
      `Cannot run an EM step: expected at least 2 complete rows, got ${x.T}`,
    );
  }
  const floor = floorOf(options.varianceFloor, x.data, x.T, x.d);
  if (
    params.covariances && floor.some((f) => f === 0) && floor.some((f) => f > 0)
  ) {
    throw new RangeError(
      `Cannot run an EM step: "varianceFloor" with full covariances expected all values > 0 or all 0, got ${
        [...floor].join(", ")
      }`,
    );
  }
  const r = _emStep(params, x.data, x.T, x.d, floor);
  return Object.freeze({
    params: Object.freeze(r.params),
    logLikelihood: r.logLikelihood,
  });
}

/** Per-feature floor: the option, or 1e-6 x the population variance (>= 1e-300). */
export function floorOf(
  option: number | Float64Array | undefined,
  x: Float64Array,
  T: number,
  d: number,
): Float64Array {
  if (option instanceof Float64Array) {
    if (option.length !== d || !option.every((v) => v >= 0)) {
      throw new RangeError(
        `Cannot run an EM step: "varianceFloor" expected ${d} values >= 0, got ${
          [...option].join(", ")
        }`,
      );
    }
    return option;
  }
  if (option !== undefined) {
    if (!(option >= 0)) {
      throw new RangeError(
        `Cannot run an EM step: "varianceFloor" expected a number >= 0, got ${option}`,
      );
    }
    return new Float64Array(d).fill(option);
  }
  const floor = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0, ss = 0;
    for (let t = 0; t < T; t++) s += x[t * d + j];
    for (let t = 0; t < T; t++) ss += (x[t * d + j] - s / T) ** 2;
    floor[j] = Math.max(1e-300, 1e-6 * ss / T);
  }
  return floor;
}

/** EM step on T complete rows (trusting kernel, shared with fitGaussianHmm). */
export function _emStep(
  m: GaussianHmmParams,
  x: Float64Array,
  T: number,
  d: number,
  floor: Float64Array,
): HmmEmStep {
  const K = m.initial.length;
  const em = emissionScaled(m, x, T), b = em.b;
  const { alpha, c, logLikelihood } = forwardScaled(m, em, T);
  const beta = backwardScaled(m, em, c, T);
  const A = m.transition.data;
  const xi = new Float64Array(K * K), gsumAll = new Float64Array(K);
  const mu = new Float64Array(K * d), gamma = new Float64Array(T * K);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < K; k++) {
      const g = alpha[t * K + k] * beta[t * K + k];
      gamma[t * K + k] = g;
      gsumAll[k] += g;
      for (let j = 0; j < d; j++) mu[k * d + j] += g * x[t * d + j];
    }
    if (t === T - 1) continue;
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        xi[i * K + j] += alpha[t * K + i] * A[i * K + j] * b[(t + 1) * K + j] *
          beta[(t + 1) * K + j] / c[t + 1];
      }
    }
  }
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) mu[k * d + j] /= gsumAll[k] || 1;
  }
  const An = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) s += xi[i * K + j];
    for (let j = 0; j < K; j++) {
      An[i * K + j] = s > 0 ? xi[i * K + j] / s : 1 / K;
    }
  }
  const base = {
    initial: gamma.slice(0, K),
    transition: { data: An, rows: K, cols: K },
    means: { data: mu, rows: K, cols: d },
  };
  const w: Weighted = { x, T, d, K, gamma, gsum: gsumAll, mu, floor };
  const params: GaussianHmmParams = m.covariances
    ? { ...base, covariances: fullCovariances(w) }
    : { ...base, variances: diagVariances(w) };
  return { params, logLikelihood };
}

/** Observations, posteriors and the new means: what the covariance update needs. */
interface Weighted {
  readonly x: Float64Array;
  readonly T: number;
  readonly d: number;
  readonly K: number;
  readonly gamma: Float64Array;
  readonly gsum: Float64Array;
  readonly mu: Float64Array;
  readonly floor: Float64Array;
}

function diagVariances(w: Weighted): Matrix {
  const { x, T, d, K, gamma, gsum, mu, floor } = w;
  const v = new Float64Array(K * d);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < d; j++) {
        v[k * d + j] += gamma[t * K + k] * (x[t * d + j] - mu[k * d + j]) ** 2;
      }
    }
  }
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      v[k * d + j] = Math.max(floor[j], v[k * d + j] / (gsum[k] || 1));
    }
  }
  return { data: v, rows: K, cols: d };
}

function fullCovariances(w: Weighted): Matrix {
  const { x, T, d, K, gamma, gsum, mu, floor } = w;
  const dd = d * d, out = new Float64Array(K * dd), e = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const cov = out.subarray(k * dd, (k + 1) * dd);
    for (let t = 0; t < T; t++) {
      const g = gamma[t * K + k];
      for (let i = 0; i < d; i++) e[i] = x[t * d + i] - mu[k * d + i];
      for (let i = 0; i < d; i++) {
        for (let j = 0; j <= i; j++) cov[i * d + j] += g * e[i] * e[j];
      }
    }
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        cov[i * d + j] /= gsum[k] || 1;
        cov[j * d + i] = cov[i * d + j];
      }
    }
    floorCovariance(cov, floor, d);
  }
  return { data: out, rows: K, cols: dd };
}
