/**
 * Correlation clusters for the concentration limit.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/** A correlation matrix labelled by symbol. */
export interface CorrelationInput {
  readonly symbols: readonly string[];
  /** N x N correlations, same order as `symbols`. */
  readonly matrix: Matrix;
}

/**
 * Group symbols into clusters: connected components of the graph linking i and j when
 * corr_ij > threshold (single linkage, so A~B and B~C puts A, B, C together even when
 * corr_AC is lower). Singletons are returned too.
 *
 * @param correlation Symbols and their correlation matrix.
 * @param threshold Link threshold (e.g. 0.8).
 * @returns Clusters as arrays of symbols, in first-appearance order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { correlationClusters } from "./clusters.ts";
 * const matrix = { rows: 3, cols: 3, data: new Float64Array([1, 0.9, 0.1, 0.9, 1, 0.2, 0.1, 0.2, 1]) };
 * assert.deepEqual(correlationClusters({ symbols: ["A", "B", "C"], matrix }, 0.8), [["A", "B"], ["C"]]);
 * ```
 */
export function correlationClusters(
  correlation: CorrelationInput,
  threshold: number,
): string[][] {
  const { symbols, matrix } = correlation;
  const n = symbols.length;
  if (matrix.rows !== n || matrix.cols !== n) {
    throw new RangeError(
      `Correlation matrix must be ${n} x ${n}, got ${matrix.rows} x ${matrix.cols}`,
    );
  }
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (matrix.data[i * n + j] > threshold) {
        const a = find(i), b = find(j);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const groups = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(symbols[i]);
  }
  return [...groups.values()];
}
