/**
 * Gaussian hidden Markov model fitted by Baum-Welch EM (scaled forward-backward).
 *
 * Emissions: each state k has independent Gaussians per feature (diagonal covariance),
 * so observations can be univariate returns or rows like [return, |return|].
 * States are ordered by the variance of the first feature (state 0 = calmest), so labels
 * are stable across seeds and refits.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { createRng } from "../_shared/seed.ts";
import {
  emissionScaled,
  forwardScaled,
  toObservations,
} from "./_hmm_kernels.ts";
import { _emStep, floorOf } from "./hmm_em_step.ts";

/** A fitted Gaussian HMM (plain data: JSON-serialisable after Array.from). */
export interface GaussianHmm {
  readonly states: number;
  /** Features per observation. */
  readonly dims: number;
  /** Initial state distribution (K). */
  readonly initial: Float64Array;
  /** K x K row-stochastic transition matrix: row i = P(next | i). */
  readonly transition: Matrix;
  /** K x d means. */
  readonly means: Matrix;
  /** K x d variances. */
  readonly variances: Matrix;
  /** Log-likelihood of the training data at the fitted parameters. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Options of {@linkcode fitGaussianHmm}. */
export interface HmmFitOptions {
  /** Number of hidden states (2 or 3 are sensible). @default 2 */
  readonly states?: number;
  /** @default 200 */
  readonly maxIterations?: number;
  /** Stop when the log-likelihood improves by less than this. @default 1e-8 */
  readonly tolerance?: number;
  /** Seed of the random jitter of the initial transition matrix. @default 0 */
  readonly seed?: number;
}

/**
 * Fit a Gaussian HMM by Baum-Welch. Initialisation: observations are split into K
 * groups by the size of the first feature's deviation from its median (quantiles), which
 * give the starting means and variances; the transition matrix starts at 0.9 on the
 * diagonal plus a seeded jitter. Variances are floored at 1e-6 x the overall variance.
 * Fit on the training window only, then use `filterProbabilities` out of sample.
 *
 * @param observations Training data: a series (T) or a T x d matrix; rows with NaN are dropped.
 * @param options States, iterations, tolerance, seed.
 * @returns The fitted model, states ordered by variance (0 = lowest).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitGaussianHmm } from "./hmm.ts";
 * const x = Float64Array.from({ length: 400 }, (_, t) => (t % 200 < 100 ? 0.005 : 0.03) * Math.sin(t * 1.3));
 * const m = fitGaussianHmm(x, { states: 2, seed: 1 });
 * assert.ok(m.variances.data[0] < m.variances.data[1]);
 * ```
 */
export function fitGaussianHmm(
  observations: Float64Array | Matrix,
  options: HmmFitOptions = {},
): GaussianHmm {
  const K = options.states ?? 2;
  const maxIt = options.maxIterations ?? 200;
  const tol = options.tolerance ?? 1e-8;
  const x = toObservations(observations, true);
  const { T, d } = x;
  if (!(Number.isInteger(K) && K >= 1)) {
    throw new RangeError(`States must be an integer >= 1, got ${K}`);
  }
  if (T < 2 * K) {
    throw new RangeError(
      `Need at least ${
        2 * K
      } complete observations to fit ${K} states, got ${T}`,
    );
  }
  let m = initialModel(x.data, T, d, K, options.seed ?? 0);
  const floor = floorOf(undefined, x.data, T, d);
  let prev = -Infinity, it = 0, converged = false, ll = -Infinity;
  for (; it < maxIt; it++) {
    const step = _emStep(m, x.data, T, d, floor);
    ll = step.logLikelihood;
    m = { ...(step.params as Params), states: K, dims: d };
    if (Math.abs(ll - prev) < tol * Math.max(1, Math.abs(ll))) {
      converged = true;
      it++;
      break;
    }
    prev = ll;
  }
  ll = forwardScaled(m, emissionScaled(m, x.data, T), T).logLikelihood;
  return orderByVariance({
    ...m,
    logLikelihood: ll,
    iterations: it,
    converged,
  });
}

type Params = Pick<
  GaussianHmm,
  "states" | "dims" | "initial" | "transition" | "means" | "variances"
>;

function initialModel(
  x: Float64Array,
  T: number,
  d: number,
  K: number,
  seed: number,
): Params {
  const first = Float64Array.from({ length: T }, (_, t) => x[t * d]);
  const med = Float64Array.from(first).sort()[Math.floor(T / 2)];
  const order = Array.from({ length: T }, (_, t) => t).sort((a, b) =>
    Math.abs(first[a] - med) - Math.abs(first[b] - med) || a - b
  );
  const means = new Float64Array(K * d), vars = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    const idx = order.slice(Math.floor(k * T / K), Math.floor((k + 1) * T / K));
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (const t of idx) s += x[t * d + j];
      const mu = s / idx.length;
      let ss = 0;
      for (const t of idx) ss += (x[t * d + j] - mu) ** 2;
      means[k * d + j] = mu;
      vars[k * d + j] = Math.max(ss / idx.length, 1e-12);
    }
  }
  const rng = createRng(seed);
  const A = new Float64Array(K * K);
  for (let i = 0; i < K; i++) {
    let s = 0;
    for (let j = 0; j < K; j++) {
      s += A[i * K + j] = (i === j ? 0.9 : 0.1 / Math.max(1, K - 1)) *
        (0.9 + 0.2 * rng());
    }
    for (let j = 0; j < K; j++) A[i * K + j] /= s;
  }
  return {
    states: K,
    dims: d,
    initial: new Float64Array(K).fill(1 / K),
    transition: { data: A, rows: K, cols: K },
    means: { data: means, rows: K, cols: d },
    variances: { data: vars, rows: K, cols: d },
  };
}

function orderByVariance(m: GaussianHmm): GaussianHmm {
  const K = m.states, d = m.dims;
  const p = Array.from({ length: K }, (_, k) => k).sort((a, b) =>
    m.variances.data[a * d] - m.variances.data[b * d] || a - b
  );
  const A = new Float64Array(K * K),
    mu = new Float64Array(K * d),
    v = new Float64Array(K * d);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      A[i * K + j] = m.transition.data[p[i] * K + p[j]];
    }
    for (let j = 0; j < d; j++) {
      mu[i * d + j] = m.means.data[p[i] * d + j];
      v[i * d + j] = m.variances.data[p[i] * d + j];
    }
  }
  return {
    ...m,
    initial: Float64Array.from(p, (k) => m.initial[k]),
    transition: { data: A, rows: K, cols: K },
    means: { data: mu, rows: K, cols: d },
    variances: { data: v, rows: K, cols: d },
  };
}
