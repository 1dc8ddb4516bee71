/**
 * Hierarchical risk parity (Lopez de Prado 2016, "Building diversified portfolios that
 * outperform out of sample"), in PyPortfolioOpt's `HRPOpt` conventions.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { checkCovariance } from "./_linalg.ts";
import { linkage, type LinkageMethod, type LinkageStep } from "./_linkage.ts";

export type { LinkageMethod, LinkageStep };

/** Options of {@linkcode hrpWeights} and {@linkcode hrpWeightsFromReturns}. */
export interface HrpOptions {
  /** Linkage criterion of the clustering (PyPortfolioOpt's `linkage_method`). @default "single" */
  readonly linkage?: LinkageMethod;
}

/** Options of {@linkcode hrpWeights}. */
export interface HrpCovarianceOptions extends HrpOptions {
  /** Correlations to cluster on (e.g. estimated on another sample or pairwise).
   * @default the covariance's own correlations */
  readonly correlation?: Matrix;
}

/** Result of {@linkcode hrpWeights}. */
export interface HrpResult {
  /** Weights in the input asset order, summing to 1, all >= 0. */
  readonly weights: Float64Array;
  /** Quasi-diagonal leaf order (asset indices). */
  readonly order: Int32Array;
  readonly linkage: readonly LinkageStep[];
}

/**
 * HRP weights. Steps, as PyPortfolioOpt's `HRPOpt.optimize`: (1) correlation distance
 * d_ij = sqrt(clip((1 - rho_ij) / 2, 0, 1)), given to the clustering AS the distance
 * matrix (the paper's code clusters the Euclidean distance between columns of d);
 * (2) agglomerative clustering with scipy's `linkage` criteria (`single` by default;
 * ties merge the pair with the smallest cluster ids); (3) quasi-diagonalisation: leaves
 * in the order of scipy's `to_tree(...).pre_order()`, i.e. left child (smaller id)
 * first; (4) recursive bisection: split the ordered list in halves [0, n/2) and
 * [n/2, n); each half's variance V = w' Sigma w with inverse-variance weights w inside
 * it; the left half gets alpha = 1 - V_l / (V_l + V_r) of the parent's weight, the
 * right half 1 - alpha. (PyPortfolioOpt, given only a covariance, rounds the derived
 * correlations to 6 decimals before clustering; this does not, which can only matter
 * for distances within 1e-6 of each other.)
 *
 * @param covariance N x N covariance with positive variances.
 * @param options `linkage`, and `correlation` to cluster on instead of the covariance's.
 * @returns Weights, leaf order and the linkage.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hrpWeights } from "./hrp.ts";
 * // uncorrelated equal-variance assets -> equal weights
 * const r = hrpWeights({ rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) });
 * assert.deepEqual([...r.weights], [0.5, 0.5]);
 * const a = hrpWeights({ rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 4]) }, { linkage: "average" });
 * assert.ok(Math.abs(a.weights[1] - 0.2) < 1e-15); // inverse variance: 0.8 / 0.2
 * ```
 */
export function hrpWeights(
  covariance: Matrix,
  options: HrpCovarianceOptions = {},
): HrpResult {
  const n = checkCovariance(covariance);
  const S = covariance.data;
  for (let i = 0; i < n; i++) {
    if (!(S[i * n + i] > 0)) {
      throw new RangeError(
        `Variance of asset ${i} must be > 0, got ${S[i * n + i]}`,
      );
    }
  }
  const method = checkMethod(options.linkage ?? "single");
  let rho: (i: number, j: number) => number;
  if (options.correlation) {
    const C = options.correlation.data;
    if (checkCovariance(options.correlation, "Correlation") !== n) {
      throw new RangeError(
        `Correlation must be ${n} x ${n} like the covariance, got ${options.correlation.rows} x ${options.correlation.cols}`,
      );
    }
    rho = (i, j) => C[i * n + j];
  } else rho = (i, j) => S[i * n + j] / Math.sqrt(S[i * n + i] * S[j * n + j]);
  return _hrp(S, n, distances(rho, n), method);
}

/**
 * HRP weights from a T x N matrix of returns (rows = periods, NaN = missing), with
 * pandas' pairwise conventions as PyPortfolioOpt uses them (`returns.cov()`,
 * `returns.corr()`): each covariance and correlation uses the rows where BOTH assets
 * have a value (their means over those rows; sample covariance, ddof 1), each variance
 * every row where the asset has a value. So assets with ragged histories (late
 * listings, gaps) keep all their data, where dropping incomplete rows would discard it.
 * Then {@linkcode hrpWeights} with that covariance and correlation.
 *
 * @param returns T x N returns, NaN where an asset has no return.
 * @param options `linkage` (default "single").
 * @returns Weights, leaf order and the linkage.
 * @throws {RangeError} When a pair has fewer than 2 common rows or an asset no variance.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hrpWeightsFromReturns } from "./hrp.ts";
 * const T = 60, data = new Float64Array(T * 3);
 * for (let t = 0; t < T; t++) {
 *   data[t * 3] = 0.01 * Math.sin(t);
 *   data[t * 3 + 1] = t < 20 ? NaN : 0.02 * Math.sin(t + 1); // listed later
 *   data[t * 3 + 2] = 0.005 * Math.cos(3 * t);
 * }
 * const r = hrpWeightsFromReturns({ data, rows: T, cols: 3 });
 * assert.ok(Math.abs(r.weights.reduce((a, w) => a + w, 0) - 1) < 1e-12);
 * ```
 */
export function hrpWeightsFromReturns(
  returns: Matrix,
  options: HrpOptions = {},
): HrpResult {
  const { rows: T, cols: n, data } = returns;
  if (!(data instanceof Float64Array) || data.length !== T * n || n < 1) {
    throw new RangeError(
      `Returns must be a T x N matrix with N >= 1, got ${T} x ${n} with ${data?.length} values`,
    );
  }
  const method = checkMethod(options.linkage ?? "single");
  const { cov, corr } = pairwiseMoments(data, T, n);
  for (let i = 0; i < n; i++) {
    if (!(cov[i * n + i] > 0)) {
      throw new RangeError(
        `Variance of asset ${i} must be > 0 over its non-missing returns, got ${
          cov[i * n + i]
        }`,
      );
    }
  }
  return _hrp(cov, n, distances((i, j) => corr[i * n + j], n), method);
}

function checkMethod(m: LinkageMethod): LinkageMethod {
  if (!["single", "complete", "average", "ward"].includes(m)) {
    throw new RangeError(
      `Linkage must be "single", "complete", "average" or "ward", got ${
        JSON.stringify(m)
      }`,
    );
  }
  return m;
}

function distances(
  rho: (i: number, j: number) => number,
  n: number,
): Float64Array {
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      dist[i * n + j] = i === j
        ? 0
        : Math.sqrt(Math.min(1, Math.max(0, (1 - rho(i, j)) / 2)));
    }
  }
  return dist;
}

/** Pairwise-complete sample covariances and correlations (pandas cov() / corr()). */
function pairwiseMoments(x: Float64Array, T: number, n: number) {
  const cov = new Float64Array(n * n), corr = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let m = 0, mi = 0, mj = 0;
      for (let t = 0; t < T; t++) {
        const a = x[t * n + i], b = x[t * n + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        m++;
        mi += a;
        mj += b;
      }
      if (m < 2) {
        throw new RangeError(
          `Assets ${i} and ${j} need at least 2 common returns, got ${m}`,
        );
      }
      mi /= m;
      mj /= m;
      let sij = 0, sii = 0, sjj = 0;
      for (let t = 0; t < T; t++) {
        const a = x[t * n + i], b = x[t * n + j];
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        sij += (a - mi) * (b - mj);
        sii += (a - mi) ** 2;
        sjj += (b - mj) ** 2;
      }
      cov[i * n + j] = cov[j * n + i] = sij / (m - 1);
      corr[i * n + j] = corr[j * n + i] = i === j
        ? 1
        : sij / Math.sqrt(sii * sjj);
    }
  }
  return { cov, corr };
}

function _hrp(
  S: Float64Array,
  n: number,
  dist: Float64Array,
  method: LinkageMethod,
): HrpResult {
  const link = linkage(dist, n, method);
  const order = quasiDiagonal(link, n);
  return { weights: bisect(S, n, order), order, linkage: link };
}

function quasiDiagonal(link: LinkageStep[], n: number): Int32Array {
  if (n === 1) return Int32Array.of(0);
  const out: number[] = [];
  const visit = (id: number) => {
    if (id < n) out.push(id);
    else {
      const s = link[id - n];
      visit(s.left);
      visit(s.right);
    }
  };
  visit(2 * n - 2);
  return Int32Array.from(out);
}

function clusterVariance(S: Float64Array, n: number, items: number[]): number {
  let inv = 0;
  for (const i of items) inv += 1 / S[i * n + i];
  let v = 0;
  for (const i of items) {
    for (const j of items) {
      v += (1 / S[i * n + i] / inv) * (1 / S[j * n + j] / inv) * S[i * n + j];
    }
  }
  return v;
}

function bisect(S: Float64Array, n: number, order: Int32Array): Float64Array {
  const w = new Float64Array(n).fill(1);
  const stack: number[][] = [Array.from(order)];
  while (stack.length) {
    const items = stack.pop()!;
    if (items.length < 2) continue;
    const half = Math.floor(items.length / 2);
    const l = items.slice(0, half), r = items.slice(half);
    const vl = clusterVariance(S, n, l), vr = clusterVariance(S, n, r);
    const alpha = 1 - vl / (vl + vr);
    for (const i of l) w[i] *= alpha;
    for (const i of r) w[i] *= 1 - alpha;
    stack.push(l, r);
  }
  return w;
}
