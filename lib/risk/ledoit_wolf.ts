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
  const S = new Float64Array(N * N);
  for (let t = 0; t < T; t++) {
    const o = t * N;
    for (let i = 0; i < N; i++) {
      for (let j = i; j < N; j++) S[i * N + j] += x[o + i] * x[o + j];
    }
  }
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
  // pi_ij = mean_t (x_ti x_tj - s_ij)^2 ; theta_ii,ij = mean_t (x_ti^2 - s_ii)(x_ti x_tj - s_ij)
  let pi = 0, rhoOff = 0, piDiag = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      let p = 0, thI = 0, thJ = 0;
      const sij = S[i * N + j], sii = S[i * N + i], sjj = S[j * N + j];
      for (let t = 0; t < T; t++) {
        const xi = x[t * N + i], xj = x[t * N + j];
        const e = xi * xj - sij;
        p += e * e;
        thI += (xi * xi - sii) * e;
        thJ += (xj * xj - sjj) * e;
      }
      p /= T;
      pi += p;
      if (i === j) piDiag += p;
      else {
        rhoOff += rbar / 2 *
          (Math.sqrt(sjj / sii) * thI / T + Math.sqrt(sii / sjj) * thJ / T);
      }
    }
  }
  let gamma = 0;
  for (let k = 0; k < N * N; k++) gamma += (F[k] - S[k]) * (F[k] - S[k]);
  const kappa = (pi - (piDiag + rhoOff)) / gamma;
  const delta = gamma > 0 ? Math.max(0, Math.min(1, kappa / T)) : 0;
  return [F, delta];
}

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
  let d2 = 0;
  for (let k = 0; k < N * N; k++) d2 += (S[k] - F[k]) * (S[k] - F[k]);
  let b2 = 0;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const e = x[t * N + i] * x[t * N + j] - S[i * N + j];
        b2 += e * e;
      }
    }
  }
  b2 /= T * T;
  return [F, d2 > 0 ? Math.min(b2, d2) / d2 : 0];
}
