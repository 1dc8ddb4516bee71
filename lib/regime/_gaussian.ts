/**
 * Private Gaussian helpers of the HMM: parameter checks, log densities with diagonal or
 * full covariances (Cholesky), and the eigenvalue variance floor.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import { EigenvalueDecomposition, Matrix as MlMatrix } from "ml-matrix";
import type { Matrix } from "../_shared/types.ts";

/** Parameters of a Gaussian HMM with K states and d features. */
export interface GaussianHmmParams {
  /** Initial state distribution (K), sums to 1. */
  readonly initial: Float64Array;
  /** K x K row-stochastic transition matrix: row i = P(next state | i). */
  readonly transition: Matrix;
  /** K x d state means. */
  readonly means: Matrix;
  /** Diagonal covariances: K x d variances (give this or `covariances`). */
  readonly variances?: Matrix;
  /** Full covariances: K rows of d x d row-major matrices (K x d^2). */
  readonly covariances?: Matrix;
}

/** Parameters resolved to full K x d x d covariances with their Cholesky factors. */
export interface Resolved {
  readonly K: number;
  readonly d: number;
  readonly full: boolean;
  /** Per state: lower Cholesky factor (d x d) and log-determinant. */
  readonly chol: Float64Array[];
  readonly logDet: Float64Array;
}

/** A row-major d x d array as an ml-matrix Matrix. */
function toMl(a: ArrayLike<number>, d: number): MlMatrix {
  return new MlMatrix(
    Array.from(
      { length: d },
      (_, i) => Array.from({ length: d }, (_, j) => a[i * d + j]),
    ),
  );
}

/** Lower Cholesky factor of the symmetric d x d matrix whose lower triangle is in a
 * (row-major), or undefined if it is not positive definite. */
export function cholesky(
  a: ArrayLike<number>,
  d: number,
): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j];
    }
  }
  return l;
}

/** The d x d covariance of state k (a diagonal one expanded). */
export function covarianceOf(
  p: GaussianHmmParams,
  k: number,
  d: number,
): Float64Array {
  if (p.covariances) {
    return p.covariances.data.slice(k * d * d, (k + 1) * d * d);
  }
  const c = new Float64Array(d * d);
  for (let j = 0; j < d; j++) c[j * d + j] = p.variances!.data[k * d + j];
  return c;
}

/**
 * Validate the parameters against d features; returns the Cholesky factors.
 * Errors name the field, the state and what was expected.
 */
export function resolveParams(p: GaussianHmmParams, d: number): Resolved {
  const K = p.initial?.length ?? 0;
  const fail = (what: string) => {
    throw new RangeError(`Invalid HMM parameters: ${what}`);
  };
  if (K < 1) fail(`"initial" expected K >= 1 probabilities, got ${K}`);
  const shape = (m: Matrix | undefined, r: number, c: number, name: string) => {
    if (!m || m.rows !== r || m.cols !== c || m.data.length !== r * c) {
      fail(
        `"${name}" expected ${r} x ${c}, got ${
          m ? `${m.rows} x ${m.cols}` : "none"
        }`,
      );
    }
  };
  shape(p.transition, K, K, "transition");
  shape(p.means, K, d, "means");
  if ((p.variances === undefined) === (p.covariances === undefined)) {
    fail(
      `expected exactly one of "variances" (diagonal) or "covariances" (full)`,
    );
  }
  if (p.variances) shape(p.variances, K, d, "variances");
  else shape(p.covariances, K, d * d, "covariances");
  const probs = (x: ArrayLike<number>, name: string) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) {
      if (!(x[i] >= 0)) {
        fail(`"${name}" expected probabilities >= 0, got ${x[i]}`);
      }
      s += x[i];
    }
    if (Math.abs(s - 1) > 1e-9) {
      fail(`"${name}" expected to sum to 1, got ${s}`);
    }
  };
  probs(p.initial, "initial");
  for (let i = 0; i < K; i++) {
    probs(
      p.transition.data.subarray(i * K, (i + 1) * K),
      `transition row ${i}`,
    );
  }
  const chol: Float64Array[] = [], logDet = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    const l = cholesky(covarianceOf(p, k, d), d);
    if (!l) {
      fail(
        `the covariance of state ${k} is not positive definite (floor it, see hmmEmStep)`,
      );
    }
    chol.push(l!);
    for (let j = 0; j < d; j++) logDet[k] += 2 * crLog(l![j * d + j]);
  }
  return { K, d, full: p.covariances !== undefined, chol, logDet };
}

/**
 * Log densities log N(x_t | mu_k, Sigma_k) as a T x K block; a row holding NaN gets 0
 * for every state (no information). Diagonal covariances sum the per-feature terms
 * -0.5 (ln(2 pi v) + e^2 / v); full ones use the Cholesky factor.
 */
export function logDensities(
  p: GaussianHmmParams,
  r: Resolved,
  x: Float64Array,
  T: number,
): Float64Array {
  const { K, d } = r;
  const out = new Float64Array(T * K), z = new Float64Array(d);
  for (let t = 0; t < T; t++) {
    let nan = false;
    for (let j = 0; j < d; j++) nan ||= Number.isNaN(x[t * d + j]);
    if (nan) continue;
    for (let k = 0; k < K; k++) {
      out[t * K + k] = r.full
        ? fullLogDensity(p, r, x, t, k, z)
        : diagLogDensity(p, x, t, k, d);
    }
  }
  return out;
}

function diagLogDensity(
  p: GaussianHmmParams,
  x: Float64Array,
  t: number,
  k: number,
  d: number,
): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const v = p.variances!.data[k * d + j],
      e = x[t * d + j] - p.means.data[k * d + j];
    s += -0.5 * (crLog(2 * Math.PI * v) + e * e / v);
  }
  return s;
}

function fullLogDensity(
  p: GaussianHmmParams,
  r: Resolved,
  x: Float64Array,
  t: number,
  k: number,
  z: Float64Array,
): number {
  const d = r.d, l = r.chol[k];
  let q = 0;
  for (let i = 0; i < d; i++) {
    let s = x[t * d + i] - p.means.data[k * d + i];
    for (let j = 0; j < i; j++) s -= l[i * d + j] * z[j];
    z[i] = s / l[i * d + i];
    q += z[i] * z[i];
  }
  return -0.5 * (d * crLog(2 * Math.PI) + r.logDet[k] + q);
}

/**
 * The variance floor: with S = diag(sqrt(floor_j)), Sigma <- S max(eig(S^-1 Sigma S^-1), 1) S.
 * For a diagonal covariance this is v_j <- max(v_j, floor_j); a full one is changed only
 * when Sigma - diag(floor) is not positive definite. Mutates and returns `cov` (d x d).
 */
export function floorCovariance(
  cov: Float64Array,
  floor: Float64Array,
  d: number,
): Float64Array {
  if (floor.every((f) => f === 0)) return cov;
  const s = floor.map(Math.sqrt);
  const scaled = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      scaled[i * d + j] = cov[i * d + j] / (s[i] * s[j]) - (i === j ? 1 : 0);
    }
  }
  if (cholesky(scaled, d)) return cov;
  for (let i = 0; i < d; i++) scaled[i * d + i] += 1;
  const e = new EigenvalueDecomposition(toMl(scaled, d), {
    assumeSymmetric: true,
  });
  const lam = e.realEigenvalues.map((v) => Math.max(v, 1));
  const V = e.eigenvectorMatrix;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let v = 0;
      for (let k = 0; k < d; k++) v += V.get(i, k) * lam[k] * V.get(j, k);
      cov[i * d + j] = v * s[i] * s[j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) cov[j * d + i] = cov[i * d + j];
  }
  return cov;
}
