/**
 * Private HMM kernels: observation packing, scaled emissions, scaled forward pass.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

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

interface ModelLike {
  readonly states: number;
  readonly dims: number;
  readonly initial: Float64Array;
  readonly transition: Matrix;
  readonly means: Matrix;
  readonly variances: Matrix;
}

/**
 * Emission densities scaled per row: b[t,k] = exp(log N(x_t | k) - max_k log N(x_t | k)),
 * so the largest is 1 (log-space, no underflow). Rows with NaN get b = 1 (no information).
 * `offsets[t]` is that max, so log N(x_t | k) = ln b[t,k] + offsets[t].
 */
export function emissionScaled(
  m: ModelLike,
  x: Float64Array,
  T: number,
): Emissions {
  const K = m.states, d = m.dims;
  const b = new Float64Array(T * K);
  const off = new Float64Array(T);
  const lp = new Float64Array(K);
  for (let t = 0; t < T; t++) {
    let mx = -Infinity, nan = false;
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const v = m.variances.data[k * d + j],
          e = x[t * d + j] - m.means.data[k * d + j];
        s += -0.5 * (Math.log(2 * Math.PI * v) + e * e / v);
      }
      if (Number.isNaN(s)) nan = true;
      lp[k] = s;
      if (s > mx) mx = s;
    }
    for (let k = 0; k < K; k++) b[t * K + k] = nan ? 1 : Math.exp(lp[k] - mx);
    off[t] = nan ? 0 : mx;
  }
  return { b, offsets: off };
}

/** Scaled emission densities (T x K) and their per-row log offsets. */
export interface Emissions {
  readonly b: Float64Array;
  readonly offsets: Float64Array;
}

/**
 * Scaled forward pass: alpha[t] = P(state_t | x_1..t) (filtered, sums to 1), c[t] the
 * scaling constants; log-likelihood = sum_t (ln c_t + offset_t).
 */
export function forwardScaled(
  m: ModelLike,
  em: Emissions,
  T: number,
): { alpha: Float64Array; c: Float64Array; logLikelihood: number } {
  const K = m.states, A = m.transition.data, b = em.b;
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
    ll += Math.log(s) + em.offsets[t];
  }
  return { alpha, c, logLikelihood: ll };
}
