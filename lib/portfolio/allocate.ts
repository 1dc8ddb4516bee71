/**
 * One allocation decision from a window of returns.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { ledoitWolf } from "../risk/mod.ts";
import { hrpWeights } from "./hrp.ts";
import { maxSharpeWeights } from "./max_sharpe.ts";
import { minVarianceWeights } from "./min_variance.ts";
import { riskParityWeights } from "./risk_parity.ts";

/** Allocation methods. */
export type AllocationMethod =
  | "equal"
  | "minvar"
  | "maxsharpe"
  | "riskparity"
  | "hrp";

/** The methods, in report order. */
export const ALLOCATION_METHODS: readonly AllocationMethod[] = [
  "equal",
  "minvar",
  "maxsharpe",
  "riskparity",
  "hrp",
];

/** Options of {@linkcode allocate}. */
export interface AllocateOptions {
  /** @default "equal" */
  readonly method?: AllocationMethod;
  /** Covariance estimator: Ledoit-Wolf target or the plain sample covariance. @default "constant-correlation" */
  readonly shrinkage?: "constant-correlation" | "identity" | "none";
  /** Upper bound per asset for minvar / maxsharpe (long-only). @default 1 */
  readonly maxWeight?: number;
}

/** Weights and the covariance facts behind them. */
export interface Allocation {
  readonly weights: Float64Array;
  /** Ledoit-Wolf delta (0 for "none", NaN for "equal"). */
  readonly shrinkage: number;
}

/**
 * Long-only weights (sum 1) from a window of daily returns (rows = days): the covariance
 * is Ledoit-Wolf shrunk (divisor T) unless `shrinkage: "none"`; maxsharpe uses the window's
 * sample means. Rows with NaN are dropped.
 *
 * @param window T x N returns.
 * @param options Method, covariance, max weight.
 * @returns Weights and shrinkage.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allocate } from "./allocate.ts";
 * const data = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.3) * (i % 2 ? 0.02 : 0.01));
 * const a = allocate({ data, rows: 100, cols: 2 }, { method: "riskparity" });
 * assert.ok(a.weights[0] > a.weights[1]);
 * ```
 */
export function allocate(
  window: Matrix,
  options: AllocateOptions = {},
): Allocation {
  const method = options.method ?? "equal";
  const N = window.cols;
  if (method === "equal") {
    return { weights: new Float64Array(N).fill(1 / N), shrinkage: NaN };
  }
  return allocateFrom(estimateWindow(window, options), options);
}

/** What the methods need from a window: the covariance, its shrinkage, the means. */
export interface WindowEstimate {
  readonly covariance: Matrix;
  /** Ledoit-Wolf delta (0 for "none"). */
  readonly shrinkage: number;
  /** Mean of each column over the complete rows (maxsharpe's expected returns). */
  readonly mean: Float64Array;
}

/**
 * The estimate {@linkcode allocate} uses: the Ledoit-Wolf covariance (divisor T) or the
 * sample one (`shrinkage: "none"`), and the column means over the rows without NaN.
 *
 * @param window T x N returns.
 * @param options The covariance estimator.
 * @returns The estimate (the same for every method, so several methods can share it).
 */
export function estimateWindow(
  window: Matrix,
  options: Pick<AllocateOptions, "shrinkage"> = {},
): WindowEstimate {
  const N = window.cols;
  const shrink = options.shrinkage ?? "constant-correlation";
  const lw = ledoitWolf(window, {
    target: shrink === "none" ? "identity" : shrink,
  });
  const mu = new Float64Array(N);
  let rows = 0;
  for (let t = 0; t < window.rows; t++) {
    const row = window.data.subarray(t * N, t * N + N);
    if (!row.every(Number.isFinite)) continue;
    rows++;
    for (let j = 0; j < N; j++) mu[j] += row[j];
  }
  for (let j = 0; j < N; j++) mu[j] /= rows;
  return {
    covariance: shrink === "none" ? unshrink(window) : lw.covariance,
    shrinkage: shrink === "none" ? 0 : lw.shrinkage,
    mean: mu,
  };
}

/**
 * The weights of a method from a window's estimate (see {@linkcode allocate}).
 *
 * @param est The window's estimate ({@linkcode estimateWindow}).
 * @param options Method and max weight.
 * @returns Weights and shrinkage.
 */
export function allocateFrom(
  est: WindowEstimate,
  options: AllocateOptions = {},
): Allocation {
  const method = options.method ?? "equal";
  const N = est.covariance.cols, cov = est.covariance, delta = est.shrinkage;
  const bounds = { lower: 0, upper: options.maxWeight ?? 1 };
  switch (method) {
    case "equal":
      return { weights: new Float64Array(N).fill(1 / N), shrinkage: NaN };
    case "minvar":
      return {
        weights: minVarianceWeights(cov, { longOnly: true, bounds }),
        shrinkage: delta,
      };
    case "maxsharpe":
      return {
        weights: maxSharpeWeights(est.mean, cov, { longOnly: true, bounds }),
        shrinkage: delta,
      };
    case "riskparity":
      return { weights: riskParityWeights(cov), shrinkage: delta };
    case "hrp":
      return { weights: hrpWeights(cov).weights, shrinkage: delta };
    default:
      throw new RangeError(
        `Unknown allocation method: expected one of ${
          ALLOCATION_METHODS.join(", ")
        }, got "${method}"`,
      );
  }
}

function unshrink(m: Matrix): Matrix {
  const N = m.cols;
  const rows: number[] = [];
  for (let t = 0; t < m.rows; t++) {
    if (m.data.subarray(t * N, t * N + N).every(Number.isFinite)) rows.push(t);
  }
  const T = rows.length, mu = new Float64Array(N), c = new Float64Array(N * N);
  for (const t of rows) {
    for (let j = 0; j < N; j++) mu[j] += m.data[t * N + j] / T;
  }
  for (const t of rows) {
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        c[i * N + j] += (m.data[t * N + i] - mu[i]) *
          (m.data[t * N + j] - mu[j]) / T;
      }
    }
  }
  return { data: c, rows: N, cols: N };
}
