/**
 * Lasso and elastic net by cyclic coordinate descent on standardised columns, with an
 * unpenalised intercept and an optional prior to shrink toward (warm start).
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type { Model, ModelState } from "./model.ts";
import { checkCols, checkXy, columnMeanSd } from "./_columns.ts";
import { predictLinear } from "./ridge.ts";
import { type LinearFit, linearFitFrom, linearModel } from "./_linear.ts";

export type { LinearFit } from "./_linear.ts";

/** Options of {@linkcode fitElasticNet}. */
export interface ElasticNetOptions {
  /**
   * Overall penalty (glmnet scale: the loss is divided by 2n). When absent it is
   * `lambdaRatio * lambdaMax`, scale-free (works for returns of size 0.01 as for unit data).
   */
  lambda?: number;
  /**
   * Penalty as a share of `lambdaMax = max_j |z_j . (y - ybar)| / (n * max(alpha, 0.001))`,
   * the smallest penalty that zeroes every slope (used when `lambda` is absent). @default 0.05
   */
  lambdaRatio?: number;
  /** L1 share of the penalty: 1 = lasso, 0 = ridge. @default 0.5 */
  alpha?: number;
  /** Coefficients (in input units) to shrink toward instead of zero. @default zeros */
  prior?: Float64Array;
  /** Maximum full passes over the coefficients. @default 1000 */
  maxIter?: number;
  /** Stop when no standardised coefficient moves more than this in a pass. @default 1e-9 */
  tol?: number;
}

/**
 * Fit an elastic net. Columns are standardised internally (population sd, so
 * `(1/n) sum z^2 = 1`); on that scale it minimises
 * `(1/2n) sum (y - b0 - Z b)^2 + lambda * (alpha * sum |b - q| + (1 - alpha)/2 * sum (b - q)^2)`
 * with `q = prior * sd`, and returns the coefficients back in input units. Constant
 * columns get coefficient 0. Update: `b_j = q_j + S(z_j - q_j, lambda alpha) / (1 + lambda (1 - alpha))`
 * with `S` the soft threshold (Friedman, Hastie, Tibshirani 2010, glmnet).
 *
 * @param x Design matrix n x p (row-major).
 * @param y Targets, length n.
 * @param options Penalty, mix, prior.
 * @returns `{ intercept, coef, xScale, lambda }` (lambda as used).
 * @example
 * ```ts
 * import { fitElasticNet } from "./elastic_net.ts";
 * import assert from "node:assert/strict";
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1 };
 * const fit = fitElasticNet(x, new Float64Array([1, 3, 5, 7]), { lambda: 0 });
 * assert.ok(Math.abs(fit.coef[0] - 2) < 1e-9 && Math.abs(fit.intercept - 1) < 1e-9);
 * ```
 */
export function fitElasticNet(
  x: Matrix,
  y: Float64Array,
  options: ElasticNetOptions = {},
): LinearFit & { readonly lambda: number } {
  checkXy(x, y, "an elastic net");
  const alpha = options.alpha ?? 0.5;
  const lambda = options.lambda ??
    (options.lambdaRatio ?? 0.05) * lambdaMax(x, y, alpha);
  if (!(lambda >= 0)) {
    throw new RangeError(`lambda must be >= 0, got ${lambda}`);
  }
  if (!(alpha >= 0 && alpha <= 1)) {
    throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  }
  if (options.prior && options.prior.length !== x.cols) {
    throw new RangeError(
      `prior has ${options.prior.length} values, expected ${x.cols}`,
    );
  }
  return _fitElasticNet(x, y, lambda, alpha, options);
}

/** `max_j |z_j . (y - ybar)| / (n * max(alpha, 0.001))` on standardised columns (population sd). */
function lambdaMax(x: Matrix, y: Float64Array, alpha: number): number {
  const { rows: n, cols: p, data } = x;
  const { mean, sd } = columnMeanSd(x);
  let ybar = 0;
  for (let r = 0; r < n; r++) ybar += y[r] / n;
  let best = 0;
  for (let c = 0; c < p; c++) {
    if (!(sd[c] > 0)) continue;
    let g = 0;
    for (let r = 0; r < n; r++) {
      g += ((data[r * p + c] - mean[c]) / sd[c]) * (y[r] - ybar);
    }
    best = Math.max(best, Math.abs(g));
  }
  return best / (n * Math.max(alpha, 0.001));
}

function _fitElasticNet(
  x: Matrix,
  y: Float64Array,
  lambda: number,
  alpha: number,
  options: ElasticNetOptions,
): LinearFit & { readonly lambda: number } {
  const { rows: n, cols: p, data } = x;
  const { mean, sd } = columnMeanSd(x);
  const z = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < p; c++) {
      z[r * p + c] = sd[c] > 0 ? (data[r * p + c] - mean[c]) / sd[c] : 0;
    }
  }
  let ybar = 0;
  for (let r = 0; r < n; r++) ybar += y[r];
  ybar /= n;
  const q = new Float64Array(p);
  if (options.prior) {
    for (let c = 0; c < p; c++) q[c] = options.prior[c] * sd[c];
  }
  const b = new Float64Array(p);
  // Start at the prior: residuals r = y - ybar - Z b.
  const res = new Float64Array(n);
  for (let r = 0; r < n; r++) res[r] = y[r] - ybar;
  for (let c = 0; c < p; c++) {
    if (sd[c] === 0 || q[c] === 0) continue;
    b[c] = q[c];
    for (let r = 0; r < n; r++) res[r] -= z[r * p + c] * q[c];
  }
  const l1 = lambda * alpha, denom = 1 + lambda * (1 - alpha);
  const maxIter = options.maxIter ?? 1000, tol = options.tol ?? 1e-9;
  for (let it = 0; it < maxIter; it++) {
    let maxDelta = 0;
    for (let c = 0; c < p; c++) {
      if (sd[c] === 0) continue;
      let g = 0;
      for (let r = 0; r < n; r++) g += z[r * p + c] * res[r];
      const zj = g / n + b[c] - q[c];
      const st = zj > l1 ? zj - l1 : zj < -l1 ? zj + l1 : 0;
      const nb = q[c] + st / denom, d = nb - b[c];
      if (d !== 0) {
        for (let r = 0; r < n; r++) res[r] -= z[r * p + c] * d;
        b[c] = nb;
        if (Math.abs(d) > maxDelta) maxDelta = Math.abs(d);
      }
    }
    if (maxDelta < tol) break;
  }
  const coef = new Float64Array(p);
  let intercept = ybar;
  for (let c = 0; c < p; c++) {
    coef[c] = sd[c] > 0 ? b[c] / sd[c] : 0;
    intercept -= coef[c] * mean[c];
  }
  return { intercept, coef, xScale: sd, lambda };
}

/**
 * Elastic net (or lasso with `alpha: 1`) as a {@linkcode Model}. `options.warmStart`, a
 * previous linear state with the same features, sets the prior.
 *
 * @example
 * ```ts
 * import { createElasticNet } from "./elastic_net.ts";
 * import assert from "node:assert/strict";
 * const m = createElasticNet({ alpha: 1, lambda: 0 }, "lasso");
 * m.fit({ data: new Float64Array([0, 1, 2]), rows: 3, cols: 1 }, new Float64Array([0, 2, 4]));
 * assert.ok(Math.abs(m.predict({ data: new Float64Array([3]), rows: 1, cols: 1 })[0] - 6) < 1e-9);
 * ```
 */
export function createElasticNet(
  options: ElasticNetOptions & { warmStart?: ModelState } = {},
  name: "lasso" | "elasticnet" = "elasticnet",
  restored?: LinearFit,
): Model {
  let used = options.lambda ?? NaN;
  const alpha = name === "lasso" ? 1 : options.alpha ?? 0.5;
  return linearModel(
    {
      name,
      task: "regression",
      fit(x, y, prior) {
        const f = fitElasticNet(x, y, { ...options, alpha, prior });
        used = f.lambda;
        return f;
      },
      predict(x, f) {
        checkCols(x, f.coef.length, name);
        return predictLinear(x, f);
      },
      params: () => ({ lambda: used, alpha }),
    },
    options,
    restored,
  );
}

/** Rebuild a lasso/elastic-net model from its `toJSON()` state. */
export function restoreElasticNet(state: ModelState): Model {
  const name = state.name === "lasso" ? "lasso" : "elasticnet";
  return createElasticNet(
    { lambda: Number(state.lambda), alpha: Number(state.alpha) },
    name,
    linearFitFrom(state),
  );
}
