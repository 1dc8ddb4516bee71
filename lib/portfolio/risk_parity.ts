/**
 * Risk parity (equal or budgeted risk contributions).
 *
 * @module
 */
import { Matrix as MlMatrix, solve } from "ml-matrix";
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
  /** @default 100 */
  readonly maxIterations?: number;
}

/**
 * Long-only risk-parity weights: the unique y > 0 minimising 1/2 y' Sigma y - sum b_i ln y_i
 * (its gradient Sigma y - b / y = 0 gives y_i (Sigma y)_i = b_i), found by Newton's method
 * with Spinu's (2013) damping (step / (1 + lambda) while the Newton decrement lambda > 0.25),
 * then w = y / sum y. Converges quadratically; contributions match budgets to ~1e-12.
 *
 * @param covariance N x N positive-definite covariance.
 * @param options Budgets, tolerance, iterations.
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
  let y = Float64Array.from(
    { length: n },
    (_, i) => 1 / Math.sqrt(S[i * n + i]),
  );
  const yv = Math.sqrt(quadForm(covariance, y));
  y = y.map((v) => v / yv);
  const H = new MlMatrix(n, n);
  for (let it = 0; it < (options.maxIterations ?? 100); it++) {
    const sy = matVec(covariance, y);
    const g = Float64Array.from({ length: n }, (_, i) => sy[i] - b[i] / y[i]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        H.set(i, j, S[i * n + j] + (i === j ? b[i] / (y[i] * y[i]) : 0));
      }
    }
    const dx = solve(H, MlMatrix.columnVector(Array.from(g)));
    let lam2 = 0;
    for (let i = 0; i < n; i++) lam2 += g[i] * dx.get(i, 0);
    const lam = Math.sqrt(Math.max(0, lam2));
    const f = lam > 0.25 ? 1 / (1 + lam) : 1;
    y = y.map((v, i) => v - f * dx.get(i, 0));
    const w = normalise(y);
    const rc = riskContributions(w, covariance);
    let err = 0;
    for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(rc[i] - b[i]));
    if (err < tol) return w;
  }
  return normalise(y);
}

function normalise(y: Float64Array): Float64Array {
  const s = y.reduce((a, v) => a + v, 0);
  return y.map((v) => v / s);
}
