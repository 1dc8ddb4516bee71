/**
 * Ledoit-Wolf shrinkage covariance: Sigma = delta F + (1 - delta) S.
 *
 * S is the sample covariance with divisor T (the papers' convention; multiply by
 * T / (T - 1) for the unbiased one) of demeaned returns. Two targets F:
 * - `"constant-correlation"` (default): Ledoit & Wolf (2004), "Honey, I shrunk the sample
 *   covariance matrix", J. Portfolio Management: F_ii = s_ii, F_ij = rbar sqrt(s_ii s_jj)
 *   with rbar the mean pairwise sample correlation; delta = clamp(kappa / T, 0, 1) with
 *   kappa = (pi - rho) / gamma as in their appendix.
 * - `"identity"`: Ledoit & Wolf (2004), "A well-conditioned estimator for large-dimensional
 *   covariance matrices", JMVA (sklearn's `LedoitWolf`): F = (tr S / N) I,
 *   delta = min(b2, d2) / d2 with d2 = ||S - F||^2, b2 = sum_t ||x_t x_t' - S||^2 / T^2.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/** Options of {@linkcode ledoitWolf}. */
export interface LedoitWolfOptions {
  /** Shrinkage target. @default "constant-correlation" */
  readonly target?: "constant-correlation" | "identity";
}

/** A shrunk covariance and its shrinkage intensity. */
export interface ShrunkCovariance {
  /** N x N covariance (daily units, divisor T). */
  readonly covariance: Matrix;
  /** delta in [0, 1]: weight of the target. */
  readonly shrinkage: number;
  readonly target: "constant-correlation" | "identity";
  /** Rows (days) used: rows holding any non-finite value are dropped. */
  readonly observations: number;
}

/**
 * Ledoit-Wolf shrinkage estimate of the covariance of `returns` (rows = days,
 * cols = assets). See the module doc for both targets.
 *
 * @param returns T x N returns; rows with a non-finite value are dropped.
 * @param options The target.
 * @returns `{ covariance, shrinkage, target, observations }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ledoitWolf } from "./ledoit_wolf.ts";
 * const data = new Float64Array([0.01, 0.02, -0.01, 0.0, 0.02, 0.01, -0.02, -0.01, 0.0, 0.01]);
 * const r = ledoitWolf({ data, rows: 5, cols: 2 });
 * assert.ok(r.shrinkage >= 0 && r.shrinkage <= 1);
 * assert.equal(r.covariance.rows, 2);
 * ```
 */
export function ledoitWolf(
  returns: Matrix,
  options: LedoitWolfOptions = {},
): ShrunkCovariance {
  const target = options.target ?? "constant-correlation";
  if (target !== "constant-correlation" && target !== "identity") {
    throw new RangeError(
      `Unknown shrinkage target: expected "constant-correlation" or "identity", got "${target}"`,
    );
  }
  const { x, T, N } = demeaned(returns);
  if (T < 2 || N < 1) {
    throw new RangeError(
      `Ledoit-Wolf needs at least 2 complete rows and 1 column, got ${T} rows and ${N} columns`,
    );
  }
  const S = crossProducts(transpose(x, T, N), N, T);
  for (let i = 0; i < N; i++) {
    for (let j = i; j < N; j++) S[j * N + i] = S[i * N + j] /= T;
  }
  const [F, delta] = target === "identity"
    ? identityTarget(x, S, T, N)
    : constantCorrelation(x, S, T, N);
  const cov = new Float64Array(N * N);
  for (let k = 0; k < N * N; k++) cov[k] = delta * F[k] + (1 - delta) * S[k];
  return {
    covariance: { data: cov, rows: N, cols: N },
    shrinkage: delta,
    target,
    observations: T,
  };
}

function demeaned(m: Matrix): { x: Float64Array; T: number; N: number } {
  const N = m.cols;
  const keep: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    let ok = true;
    for (let c = 0; c < N; c++) ok &&= Number.isFinite(m.data[r * N + c]);
    if (ok) keep.push(r);
  }
  const T = keep.length;
  const x = new Float64Array(T * N);
  const mu = new Float64Array(N);
  keep.forEach((r, t) => {
    for (let c = 0; c < N; c++) {
      x[t * N + c] = m.data[r * N + c];
      mu[c] += m.data[r * N + c] / T;
    }
  });
  for (let t = 0; t < T; t++) for (let c = 0; c < N; c++) x[t * N + c] -= mu[c];
  return { x, T, N };
}

/** The N x T transpose of a T x N row-major matrix (each asset's column contiguous). */
function transpose(x: Float64Array, T: number, N: number): Float64Array {
  const out = new Float64Array(N * T);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) out[i * T + t] = x[t * N + i];
  }
  return out;
}

/**
 * Upper triangle of X'X from the columns of X (`xt` is N x T, row i = column i), blocked
 * 4 x 4: sixteen sums per pass over t, each added in t order (the same bits as the plain
 * triple loop). Exported for the bench, which measures it against ml-matrix.
 */
export function crossProducts(
  xt: Float64Array,
  N: number,
  T: number,
): Float64Array {
  const S = new Float64Array(N * N);
  const full = N - (N % 4);
  for (let i = 0; i < N; i += 4) {
    for (let j = i; j < N; j += 4) {
      if (i < full && j < full) block4(xt, S, N, T, i, j);
      else {
        for (let a = i; a < Math.min(i + 4, N); a++) {
          for (let b = Math.max(j, a); b < Math.min(j + 4, N); b++) {
            let s = 0;
            for (let t = 0; t < T; t++) s += xt[a * T + t] * xt[b * T + t];
            S[a * N + b] = s;
          }
        }
      }
    }
  }
  return S;
}

function block4(
  xt: Float64Array,
  S: Float64Array,
  N: number,
  T: number,
  i: number,
  j: number,
): void {
  const a0 = i * T, a1 = a0 + T, a2 = a1 + T, a3 = a2 + T;
  const b0 = j * T, b1 = b0 + T, b2 = b1 + T, b3 = b2 + T;
  let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
  let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
  for (let t = 0; t < T; t++) {
    const x0 = xt[a0 + t], x1 = xt[a1 + t], x2 = xt[a2 + t], x3 = xt[a3 + t];
    const y0 = xt[b0 + t], y1 = xt[b1 + t], y2 = xt[b2 + t], y3 = xt[b3 + t];
    s00 += x0 * y0;
    s01 += x0 * y1;
    s02 += x0 * y2;
    s03 += x0 * y3;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s12 += x1 * y2;
    s13 += x1 * y3;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s22 += x2 * y2;
    s23 += x2 * y3;
    s30 += x3 * y0;
    s31 += x3 * y1;
    s32 += x3 * y2;
    s33 += x3 * y3;
  }
  const put = (a: number, b: number, v: number) => {
    if (b >= a) S[a * N + b] = v;
  };
  put(i, j, s00);
  put(i, j + 1, s01);
  put(i, j + 2, s02);
  put(i, j + 3, s03);
  put(i + 1, j, s10);
  put(i + 1, j + 1, s11);
  put(i + 1, j + 2, s12);
  put(i + 1, j + 3, s13);
  put(i + 2, j, s20);
  put(i + 2, j + 1, s21);
  put(i + 2, j + 2, s22);
  put(i + 2, j + 3, s23);
  put(i + 3, j, s30);
  put(i + 3, j + 1, s31);
  put(i + 3, j + 2, s32);
  put(i + 3, j + 3, s33);
}

/**
 * The constant-correlation target and its intensity, with the sums of Ledoit & Wolf's
 * appendix reduced to moments (x demeaned, S with divisor T):
 * - pi = sum_ij mean_t (x_ti x_tj - s_ij)^2 = mean_t (sum_i x_ti^2)^2 - sum_ij s_ij^2;
 * - pi_ii = mean_t x_ti^4 - s_ii^2;
 * - theta_ii,ij = mean_t (x_ti^2 - s_ii)(x_ti x_tj - s_ij) = mean_t x_ti^3 x_tj - s_ii s_ij,
 *   and rho = pi_diag + rbar sum_{i != j} sqrt(s_jj / s_ii) theta_ii,ij, where
 *   sum_j sd_j mean_t x_ti^3 x_tj = mean_t x_ti^3 z_t with z_t = sum_j sd_j x_tj:
 * O(T N + N^2) beyond S instead of O(T N^2).
 */
function constantCorrelation(
  x: Float64Array,
  S: Float64Array,
  T: number,
  N: number,
): [Float64Array, number] {
  const sd = new Float64Array(N);
  for (let i = 0; i < N; i++) sd[i] = Math.sqrt(S[i * N + i]);
  let rbar = 0;
  for (let i = 0; i < N; i++) {
    for (let j = i + 1; j < N; j++) rbar += S[i * N + j] / (sd[i] * sd[j]);
  }
  rbar = N > 1 ? rbar * 2 / (N * (N - 1)) : 0;
  const F = new Float64Array(N * N);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      F[i * N + j] = i === j ? S[i * N + i] : rbar * sd[i] * sd[j];
    }
  }
  let s2 = 0, q2 = 0, piDiag = 0, cross = 0, ss = 0;
  for (let k = 0; k < N * N; k++) s2 += S[k] * S[k];
  const m4 = new Float64Array(N), m3z = new Float64Array(N);
  for (let t = 0; t < T; t++) {
    const o = t * N;
    let q = 0, z = 0;
    for (let i = 0; i < N; i++) {
      const v = x[o + i];
      q += v * v;
      z += sd[i] * v;
    }
    q2 += q * q;
    for (let i = 0; i < N; i++) {
      const v = x[o + i], v3 = v * v * v;
      m4[i] += v3 * v;
      m3z[i] += v3 * z;
    }
  }
  for (let i = 0; i < N; i++) {
    const sii = S[i * N + i];
    piDiag += m4[i] / T - sii * sii;
    // sum over j != i of (sd_j / sd_i) (mean x_i^3 x_j - s_ii s_ij)
    cross += (m3z[i] / T - sd[i] * (m4[i] / T)) / sd[i];
    for (let j = 0; j < N; j++) {
      if (j !== i) ss += sd[i] * sd[j] * S[i * N + j];
    }
  }
  const pi = q2 / T - s2;
  const rhoOff = rbar * (cross - ss);
  let gamma = 0;
  for (let k = 0; k < N * N; k++) gamma += (F[k] - S[k]) * (F[k] - S[k]);
  const kappa = (pi - (piDiag + rhoOff)) / gamma;
  const delta = gamma > 0 ? Math.max(0, Math.min(1, kappa / T)) : 0;
  return [F, delta];
}

/**
 * The identity target: b2 = sum_t ||x_t x_t' - S||^2 / T^2 reduces to
 * (sum_t (sum_i x_ti^2)^2 - T sum_ij s_ij^2) / T^2.
 */
function identityTarget(
  x: Float64Array,
  S: Float64Array,
  T: number,
  N: number,
): [Float64Array, number] {
  let tr = 0;
  for (let i = 0; i < N; i++) tr += S[i * N + i];
  const mu = tr / N;
  const F = new Float64Array(N * N);
  for (let i = 0; i < N; i++) F[i * N + i] = mu;
  let d2 = 0, s2 = 0, q2 = 0;
  for (let k = 0; k < N * N; k++) {
    d2 += (S[k] - F[k]) * (S[k] - F[k]);
    s2 += S[k] * S[k];
  }
  for (let t = 0; t < T; t++) {
    let q = 0;
    for (let i = 0; i < N; i++) q += x[t * N + i] * x[t * N + i];
    q2 += q * q;
  }
  const b2 = Math.max(0, (q2 - T * s2) / (T * T));
  return [F, d2 > 0 ? Math.min(b2, d2) / d2 : 0];
}
