/**
 * Private HMM kernels: observation packing, scaled emissions, scaled forward and
 * backward passes (Rabiner 1989, with per-row scaling so nothing underflows).
 *
 * @module
 */
import { crExp, crLog } from "../_shared/cr_math.ts";
import type { Matrix } from "../_shared/types.ts";
import {
  type GaussianHmmParams,
  logDensities,
  resolveParams,
} from "./_gaussian.ts";

/** Observations as a dense T x d block. */
export interface Obs {
  readonly data: Float64Array;
  readonly T: number;
  readonly d: number;
  /** Original row index of each kept row. */
  readonly rows: Int32Array;
}

/** Pack a series or matrix; with `dropNaN`, rows holding NaN are removed. */
export function toObservations(
  o: Float64Array | Matrix,
  dropNaN: boolean,
): Obs {
  const m: Matrix = o instanceof Float64Array
    ? { data: o, rows: o.length, cols: 1 }
    : o;
  const d = m.cols;
  const keep: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    let ok = true;
    for (let j = 0; j < d; j++) ok &&= Number.isFinite(m.data[r * d + j]);
    if (ok || !dropNaN) keep.push(r);
  }
  const data = new Float64Array(keep.length * d);
  keep.forEach((r, t) => data.set(m.data.subarray(r * d, r * d + d), t * d));
  return { data, T: keep.length, d, rows: Int32Array.from(keep) };
}

/** Scaled emission densities (T x K) and their per-row log offsets. */
export interface Emissions {
  readonly b: Float64Array;
  readonly offsets: Float64Array;
}

/**
 * Emission densities scaled per row: b[t,k] = exp(log N(x_t | k) - max_k log N(x_t | k)),
 * so the largest is 1 (log-space, no underflow). Rows with NaN get b = 1 (no
 * information). `offsets[t]` is that max, so log N(x_t | k) = ln b[t,k] + offsets[t].
 */
export function emissionScaled(
  m: GaussianHmmParams,
  x: Float64Array,
  T: number,
): Emissions {
  const d = m.means.cols;
  const lp = logDensities(m, resolveParams(m, d), x, T);
  const K = m.initial.length;
  const b = new Float64Array(T * K), off = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let mx = -Infinity;
    for (let k = 0; k < K; k++) mx = Math.max(mx, lp[t * K + k]);
    for (let k = 0; k < K; k++) b[t * K + k] = crExp(lp[t * K + k] - mx);
    off[t] = mx;
  }
  return { b, offsets: off };
}

/**
 * Scaled forward pass: alpha[t] = P(state_t | x_1..t) (filtered, sums to 1), c[t] the
 * scaling constants; log-likelihood = sum_t (ln c_t + offset_t).
 */
export function forwardScaled(
  m: GaussianHmmParams,
  em: Emissions,
  T: number,
): { alpha: Float64Array; c: Float64Array; logLikelihood: number } {
  const K = m.initial.length, A = m.transition.data, b = em.b;
  const alpha = new Float64Array(T * K), c = new Float64Array(T);
  let ll = 0;
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let j = 0; j < K; j++) {
      let p = 0;
      if (t === 0) p = m.initial[j];
      else {for (let i = 0; i < K; i++) {
          p += alpha[(t - 1) * K + i] * A[i * K + j];
        }}
      const v = p * b[t * K + j];
      alpha[t * K + j] = v;
      s += v;
    }
    c[t] = s;
    for (let j = 0; j < K; j++) alpha[t * K + j] /= s;
    ll += crLog(s) + em.offsets[t];
  }
  return { alpha, c, logLikelihood: ll };
}

/**
 * Scaled backward pass matching {@linkcode forwardScaled}: beta[T-1] = 1,
 * beta[t,i] = sum_j A[i,j] b[t+1,j] beta[t+1,j] / c[t+1], so alpha[t] * beta[t] is the
 * smoothed posterior P(state_t | x_1..T).
 */
export function backwardScaled(
  m: GaussianHmmParams,
  em: Emissions,
  c: Float64Array,
  T: number,
): Float64Array {
  const K = m.initial.length, A = m.transition.data, b = em.b;
  const beta = new Float64Array(T * K);
  beta.fill(1, (T - 1) * K);
  for (let t = T - 2; t >= 0; t--) {
    for (let i = 0; i < K; i++) {
      let s = 0;
      for (let j = 0; j < K; j++) {
        s += A[i * K + j] * b[(t + 1) * K + j] * beta[(t + 1) * K + j];
      }
      beta[t * K + i] = s / c[t + 1];
    }
  }
  return beta;
}
