/**
 * Risk parity (equal or budgeted risk contributions).
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { checkCovariance, matVec, quadForm } from "./_linalg.ts";

/**
 * Fractional risk contributions RC_i = w_i (Sigma w)_i / (w' Sigma w); they sum to 1.
 *
 * @param weights N weights.
 * @param covariance N x N covariance.
 * @returns Contributions (NaN when the portfolio variance is 0).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { riskContributions } from "./risk_parity.ts";
 * const rc = riskContributions(new Float64Array([0.5, 0.5]), { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) });
 * assert.deepEqual([...rc], [0.5, 0.5]);
 * ```
 */
export function riskContributions(
  weights: ArrayLike<number>,
  covariance: Matrix,
): Float64Array {
  const n = checkCovariance(covariance);
  if (weights.length !== n) {
    throw new RangeError(`Expected ${n} weights, got ${weights.length}`);
  }
  const sw = matVec(covariance, weights);
  const v = quadForm(covariance, weights);
  return Float64Array.from({ length: n }, (_, i) => (weights[i] * sw[i]) / v);
}

/** Options of {@linkcode riskParityWeights}. */
export interface RiskParityOptions {
  /** Risk budgets b_i > 0 (normalised to sum 1). @default equal */
  readonly budgets?: ArrayLike<number>;
  /** Stop when max |RC_i - b_i| is below this. @default 1e-12 */
  readonly tolerance?: number;
  /** Most sweeps over the assets. @default 10000 */
  readonly maxIterations?: number;
}

/**
 * Long-only risk-parity weights: the unique y > 0 minimising 1/2 y' Sigma y - sum b_i ln y_i
 * (its gradient Sigma y - b / y = 0 gives y_i (Sigma y)_i = b_i), found by cyclical
 * coordinate descent (Griveau-Billion, Richard & Roncalli 2013): each y_i in turn is set
 * to the positive root of sigma_ii y_i^2 + c_i y_i - b_i = 0, c_i = (Sigma y)_i -
 * sigma_ii y_i, keeping Sigma y up to date (O(N) per asset, O(N^2) per sweep, no matrix
 * solve), until the risk contributions of w = y / sum y match the budgets to
 * `tolerance`.
 *
 * @param covariance N x N positive-definite covariance.
 * @param options Budgets, tolerance, sweeps.
 * @returns Weights summing to 1 with RC_i = b_i.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { riskParityWeights } from "./risk_parity.ts";
 * // uncorrelated: w_i proportional to 1 / sigma_i
 * const w = riskParityWeights({ rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 4]) });
 * assert.ok(Math.abs(w[0] - 2 / 3) < 1e-12);
 * ```
 */
export function riskParityWeights(
  covariance: Matrix,
  options: RiskParityOptions = {},
): Float64Array {
  const n = checkCovariance(covariance);
  const b = Float64Array.from(
    { length: n },
    (_, i) => options.budgets ? options.budgets[i] : 1,
  );
  const bs = b.reduce((a, v) => a + v, 0);
  for (let i = 0; i < n; i++) {
    if (!(b[i] > 0)) {
      throw new RangeError(`Risk budgets must be > 0, got ${b[i]} at ${i}`);
    }
    b[i] /= bs;
  }
  const tol = options.tolerance ?? 1e-12;
  const S = covariance.data;
  for (let i = 0; i < n; i++) {
    if (!(S[i * n + i] > 0)) {
      throw new RangeError(
        `Variance of asset ${i} must be > 0, got ${S[i * n + i]}`,
      );
    }
  }
  const y = Float64Array.from(
    { length: n },
    (_, i) => 1 / Math.sqrt(S[i * n + i]),
  );
  const sy = new Float64Array(n);
  matVec(covariance, y, sy);
  for (let it = 0; it < (options.maxIterations ?? 10_000); it++) {
    for (let i = 0; i < n; i++) {
      const sii = S[i * n + i], c = sy[i] - sii * y[i];
      const next = (-c + Math.sqrt(c * c + 4 * sii * b[i])) / (2 * sii);
      const d = next - y[i];
      if (d === 0) continue;
      y[i] = next;
      const row = i * n;
      for (let j = 0; j < n; j++) sy[j] += d * S[row + j];
    }
    matVec(covariance, y, sy); // exact Sigma y for the test (no drift of the updates)
    let v = 0;
    for (let i = 0; i < n; i++) v += y[i] * sy[i];
    let err = 0;
    for (let i = 0; i < n; i++) {
      err = Math.max(err, Math.abs(y[i] * sy[i] / v - b[i]));
    }
    if (err < tol) break;
  }
  return normalise(y);
}

function normalise(y: Float64Array): Float64Array {
  const s = y.reduce((a, v) => a + v, 0);
  return y.map((v) => v / s);
}
