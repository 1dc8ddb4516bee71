/**
 * Minimum-variance portfolio.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { greedyStart, solveBoxQp } from "./_qp.ts";
import {
  checkCovariance,
  matVec,
  maxEigenvalue,
  projectBoundedSimplex,
  resolveBounds,
  solveLinear,
} from "./_linalg.ts";

/** Weight bounds: a number for all assets or one per asset. */
export interface WeightBounds {
  /** @default 0 when longOnly, else -Infinity */
  readonly lower?: number | ArrayLike<number>;
  /** @default Infinity */
  readonly upper?: number | ArrayLike<number>;
}

/** Options of {@linkcode minVarianceWeights}. */
export interface MinVarianceOptions {
  /** Weights >= 0. @default true */
  readonly longOnly?: boolean;
  /** Extra bounds (any bound switches to the constrained solver). */
  readonly bounds?: WeightBounds;
}

/**
 * Weights minimising w' Sigma w subject to sum w = 1. Unconstrained (longOnly false, no
 * bounds): the closed form w = Sigma^-1 1 / (1' Sigma^-1 1) (ml-matrix LU solve).
 * Constrained with lower bounds 0 (long-only, caps): a primal active-set method, exact
 * to rounding, started from the lowest-variance assets filled to their caps. Other
 * bounds (or a covariance block that is not positive definite): accelerated projected
 * gradient (FISTA) onto {sum w = 1, lo <= w <= hi}, step 1 / (2 lambda_max), until the
 * weights move less than 1e-13.
 *
 * @param covariance N x N covariance (e.g. Ledoit-Wolf).
 * @param options Long-only flag and bounds.
 * @returns Weights summing to 1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { minVarianceWeights } from "./min_variance.ts";
 * // two uncorrelated assets with variances 1 and 4: w = (0.8, 0.2)
 * const w = minVarianceWeights({ rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 4]) }, { longOnly: false });
 * assert.ok(Math.abs(w[0] - 0.8) < 1e-12 && Math.abs(w[1] - 0.2) < 1e-12);
 * ```
 */
export function minVarianceWeights(
  covariance: Matrix,
  options: MinVarianceOptions = {},
): Float64Array {
  const n = checkCovariance(covariance);
  const longOnly = options.longOnly ?? true;
  if (!longOnly && !options.bounds) {
    const x = solveLinear(covariance, new Float64Array(n).fill(1));
    const s = x.reduce((a, v) => a + v, 0);
    return x.map((v) => v / s);
  }
  const { lo, hi } = resolveBounds(n, longOnly, options.bounds);
  const exact = lo.every((v) => v === 0)
    ? solveBoxQp(
      { S: covariance.data, n, a: new Float64Array(n).fill(1), lo, hi },
      ...greedyStart(covariance.data, n, hi),
    )
    : null;
  if (exact !== null) return exact;
  const step = 1 / (2 * maxEigenvalue(covariance));
  let w = projectBoundedSimplex(new Float64Array(n).fill(1 / n), lo, hi);
  const y = Float64Array.from(w);
  let t = 1;
  const g = new Float64Array(n), v = new Float64Array(n);
  for (let it = 0; it < 100_000; it++) {
    matVec(covariance, y, g);
    for (let i = 0; i < n; i++) v[i] = y[i] - step * 2 * g[i];
    const next = projectBoundedSimplex(v, lo, hi);
    const tn = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    let move = 0;
    for (let i = 0; i < n; i++) {
      move = Math.max(move, Math.abs(next[i] - w[i]));
      y[i] = next[i] + ((t - 1) / tn) * (next[i] - w[i]);
    }
    w = next;
    t = tn;
    if (move < 1e-13) break;
  }
  return w;
}
