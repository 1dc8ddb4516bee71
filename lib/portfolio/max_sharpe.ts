/**
 * Maximum-Sharpe (tangency) portfolio.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import {
  checkCovariance,
  matVec,
  projectBoundedSimplex,
  quadForm,
  resolveBounds,
  solveLinear,
} from "./_linalg.ts";
import type { WeightBounds } from "./min_variance.ts";
import { solveBoxQp } from "./_qp.ts";

/** Options of {@linkcode maxSharpeWeights}. */
export interface MaxSharpeOptions {
  /** Risk-free return per period (same units as mu). @default 0 */
  readonly riskFree?: number;
  /** Weights >= 0. @default true */
  readonly longOnly?: boolean;
  readonly bounds?: WeightBounds;
}

/**
 * Weights maximising (mu'w - rf) / sqrt(w' Sigma w) with sum w = 1.
 * Unconstrained: w = Sigma^-1 (mu - rf) / 1' Sigma^-1 (mu - rf) (throws if that sum is
 * <= 0: no portfolio of the risky assets beats rf). Long-only without caps below 1, when
 * some asset beats rf: the equivalent quadratic program min y' Sigma y subject to
 * (mu - rf)' y = 1, y >= 0, solved exactly by the active-set method, w = y / sum y.
 * Otherwise: projected gradient ascent on the Sharpe ratio with backtracking (the ratio
 * is quasi-concave where it is positive, so the local maximum is global), started from
 * the best of equal weights and the single assets.
 *
 * @param mu Expected returns per period (N).
 * @param covariance N x N covariance, same period.
 * @param options Risk-free rate, long-only, bounds.
 * @returns Weights summing to 1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maxSharpeWeights } from "./max_sharpe.ts";
 * // uncorrelated: w_i proportional to mu_i / sigma_i^2 -> (0.1/0.04, 0.05/0.01) = (2.5, 5)
 * const w = maxSharpeWeights(new Float64Array([0.1, 0.05]), { rows: 2, cols: 2, data: new Float64Array([0.04, 0, 0, 0.01]) }, { longOnly: false });
 * assert.ok(Math.abs(w[0] - 1 / 3) < 1e-12);
 * ```
 */
export function maxSharpeWeights(
  mu: ArrayLike<number>,
  covariance: Matrix,
  options: MaxSharpeOptions = {},
): Float64Array {
  const n = checkCovariance(covariance);
  if (mu.length !== n) {
    throw new RangeError(`Expected ${n} expected returns, got ${mu.length}`);
  }
  const rf = options.riskFree ?? 0;
  const ex = Float64Array.from(mu, (m) => m - rf);
  const longOnly = options.longOnly ?? true;
  if (!longOnly && !options.bounds) {
    const x = solveLinear(covariance, ex);
    const s = x.reduce((a, v) => a + v, 0);
    if (!(s > 0)) {
      throw new RangeError(
        `No tangency portfolio: 1' Sigma^-1 (mu - rf) = ${s} is not positive`,
      );
    }
    return x.map((v) => v / s);
  }
  const { lo, hi } = resolveBounds(n, longOnly, options.bounds);
  const exact = lo.every((v) => v === 0) && hi.every((v) => v >= 1)
    ? tangencyQp(covariance, ex)
    : null;
  if (exact !== null) return exact;
  const sharpe = (w: Float64Array) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += ex[i] * w[i];
    const v = quadForm(covariance, w);
    return v > 0 ? m / Math.sqrt(v) : m > 0 ? Infinity : -Infinity;
  };
  const starts = [
    projectBoundedSimplex(new Float64Array(n).fill(1 / n), lo, hi),
  ];
  for (let i = 0; i < n; i++) {
    const e = new Float64Array(n);
    e[i] = 1;
    starts.push(projectBoundedSimplex(e, lo, hi));
  }
  let w = starts.reduce((a, b) => (sharpe(b) > sharpe(a) ? b : a));
  let s = sharpe(w), step = 1;
  const g = new Float64Array(n),
    sw = new Float64Array(n),
    v = new Float64Array(n);
  for (let it = 0; it < 20_000; it++) {
    const q = quadForm(covariance, w), sd = Math.sqrt(q);
    let m = 0;
    for (let i = 0; i < n; i++) m += ex[i] * w[i];
    matVec(covariance, w, sw);
    for (let i = 0; i < n; i++) g[i] = ex[i] / sd - m * sw[i] / (sd * q);
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) v[i] = w[i] + step * g[i];
      const next = projectBoundedSimplex(v, lo, hi);
      const sn = sharpe(next);
      let dot = 0, move = 0;
      for (let i = 0; i < n; i++) {
        dot += g[i] * (next[i] - w[i]);
        move = Math.max(move, Math.abs(next[i] - w[i]));
      }
      if (sn >= s + 1e-4 * dot) {
        accepted = move > 1e-14 && sn > s;
        w = next;
        s = Math.max(s, sn);
        step *= 2;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
  }
  return w;
}

/**
 * Long-only tangency portfolio through the quadratic program in y = w / (ex' w), started
 * from the asset with the best Sharpe; null when no asset has ex > 0 or the solver gives
 * up.
 */
function tangencyQp(cov: Matrix, ex: Float64Array): Float64Array | null {
  const n = cov.rows, S = cov.data;
  let best = -1, bestSharpe = 0;
  for (let i = 0; i < n; i++) {
    const s = ex[i] / Math.sqrt(S[i * n + i]);
    if (ex[i] > 0 && s > bestSharpe) [best, bestSharpe] = [i, s];
  }
  if (best < 0) return null;
  const y0 = new Float64Array(n);
  y0[best] = 1 / ex[best];
  const y = solveBoxQp(
    {
      S,
      n,
      a: ex,
      lo: new Float64Array(n),
      hi: new Float64Array(n).fill(Infinity),
    },
    y0,
    [best],
  );
  if (y === null) return null;
  const sum = y.reduce((a, v) => a + v, 0);
  return y.map((v) => v / sum);
}
