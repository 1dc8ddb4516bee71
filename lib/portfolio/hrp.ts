/**
 * Hierarchical risk parity (Lopez de Prado 2016, "Building diversified portfolios that
 * outperform out of sample").
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { checkCovariance } from "./_linalg.ts";

/** One merge of the single-linkage tree (scipy `linkage` row layout). */
export interface LinkageStep {
  /** Ids of the merged clusters (leaves 0..N-1, merge k creates id N + k); left < right. */
  readonly left: number;
  readonly right: number;
  readonly distance: number;
  /** Leaves in the new cluster. */
  readonly size: number;
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
 * HRP weights. Steps: (1) correlation distance d_ij = sqrt((1 - rho_ij) / 2);
 * (2) single-linkage agglomerative clustering on d directly (the paper's code clusters
 * the Euclidean distance between columns of d; we use d itself, as PyPortfolioOpt
 * does); ties merge the pair with the smallest ids; (3) quasi-diagonalisation: leaves in
 * dendrogram order, left child (smaller id) first; (4) recursive bisection: split the
 * ordered list in halves [0, n/2) and [n/2, n); each half's variance V = w' Sigma w with
 * inverse-variance weights w inside it; the left half gets alpha = 1 - V_l / (V_l + V_r)
 * of the parent's weight, the right half 1 - alpha.
 *
 * @param covariance N x N covariance with positive variances.
 * @returns Weights, leaf order and the linkage.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hrpWeights } from "./hrp.ts";
 * // uncorrelated equal-variance assets -> equal weights
 * const r = hrpWeights({ rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) });
 * assert.deepEqual([...r.weights], [0.5, 0.5]);
 * ```
 */
export function hrpWeights(covariance: Matrix): HrpResult {
  const n = checkCovariance(covariance);
  const S = covariance.data;
  for (let i = 0; i < n; i++) {
    if (!(S[i * n + i] > 0)) {
      throw new RangeError(
        `Variance of asset ${i} must be > 0, got ${S[i * n + i]}`,
      );
    }
  }
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const rho = S[i * n + j] / Math.sqrt(S[i * n + i] * S[j * n + j]);
      dist[i * n + j] = i === j ? 0 : Math.sqrt(Math.max(0, (1 - rho) / 2));
    }
  }
  const linkage = singleLinkage(dist, n);
  const order = quasiDiagonal(linkage, n);
  return { weights: bisect(S, n, order), order, linkage };
}

function singleLinkage(dist: Float64Array, n: number): LinkageStep[] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) members.set(i, [i]);
  const out: LinkageStep[] = [];
  for (let step = 0; step < n - 1; step++) {
    const ids = [...members.keys()].sort((a, b) => a - b);
    let best = Infinity, ba = -1, bb = -1;
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        let d = Infinity;
        for (const i of members.get(ids[x])!) {
          for (const j of members.get(ids[y])!) {
            d = Math.min(d, dist[i * n + j]);
          }
        }
        if (d < best) {
          best = d;
          ba = ids[x];
          bb = ids[y];
        }
      }
    }
    const merged = [...members.get(ba)!, ...members.get(bb)!];
    members.delete(ba);
    members.delete(bb);
    members.set(n + step, merged);
    out.push({ left: ba, right: bb, distance: best, size: merged.length });
  }
  return out;
}

function quasiDiagonal(linkage: LinkageStep[], n: number): Int32Array {
  if (n === 1) return Int32Array.of(0);
  const out: number[] = [];
  const visit = (id: number) => {
    if (id < n) out.push(id);
    else {
      const s = linkage[id - n];
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
