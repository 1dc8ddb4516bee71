/**
 * Ridge regression with an unpenalised intercept, by the normal equations and a
 * Cholesky solve.
 *
 * Minimises `sum (y - b0 - X b)^2 + lambda * sum b^2` (b0 not penalised). Columns are
 * centred internally so the intercept is exact: `b = (Xc'Xc + lambda I)^-1 Xc'(y - ybar)`,
 * `b0 = ybar - xbar . b`. Callers standardise features first if they want coefficients on a
 * standardised scale (the walk-forward does, with train-window mean and sample std).
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type { Model, ModelState } from "./model.ts";
import { checkCols, columnMeanSd } from "./_columns.ts";
import { type LinearFit, linearFitFrom, linearModel } from "./_linear.ts";

/** Options of {@linkcode createRidge}. */
export interface RidgeOptions {
  /** L2 penalty on the slopes (not the intercept). @default 1 */
  lambda?: number;
  /** Prior coefficients to shrink toward instead of zero (warm start). @default zeros */
  prior?: Float64Array;
}

/** Fitted ridge coefficients. */
export interface RidgeFit {
  readonly intercept: number;
  readonly coef: Float64Array;
}

/**
 * Fit ridge regression and return intercept and slopes.
 *
 * With `prior` = b_p the penalty is `lambda * |b - b_p|^2` (shrink toward b_p).
 *
 * @param x Design matrix, n x p, row-major.
 * @param y Targets, length n.
 * @returns `{ intercept, coef }`.
 * @example
 * ```ts
 * import { fitRidge } from "./ridge.ts";
 * import assert from "node:assert/strict";
 * const x = { data: new Float64Array([0, 1, 2, 3]), rows: 4, cols: 1 };
 * const fit = fitRidge(x, new Float64Array([1, 3, 5, 7]), { lambda: 0 });
 * assert.ok(Math.abs(fit.coef[0] - 2) < 1e-12 && Math.abs(fit.intercept - 1) < 1e-12);
 * ```
 */
export function fitRidge(
  x: Matrix,
  y: Float64Array,
  options: RidgeOptions = {},
): RidgeFit {
  const { rows: n, cols: p, data } = x;
  const lambda = options.lambda ?? 1;
  if (y.length !== n) {
    throw new RangeError(`y has ${y.length} rows, expected ${n} like x`);
  }
  if (n === 0) throw new RangeError("Cannot fit ridge on zero rows");
  if (!(lambda >= 0)) {
    throw new RangeError(`lambda must be >= 0, got ${lambda}`);
  }
  const mean = new Float64Array(p);
  let ybar = 0;
  for (let r = 0; r < n; r++) {
    ybar += y[r];
    for (let c = 0; c < p; c++) mean[c] += data[r * p + c];
  }
  ybar /= n;
  for (let c = 0; c < p; c++) mean[c] /= n;
  const a = new Float64Array(p * p);
  const b = new Float64Array(p);
  const row = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < p; c++) row[c] = data[r * p + c] - mean[c];
    const yc = y[r] - ybar;
    for (let i = 0; i < p; i++) {
      const ri = row[i];
      b[i] += ri * yc;
      for (let j = 0; j <= i; j++) a[i * p + j] += ri * row[j];
    }
  }
  for (let i = 0; i < p; i++) {
    a[i * p + i] += lambda;
    if (options.prior) b[i] += lambda * options.prior[i];
    for (let j = 0; j < i; j++) a[j * p + i] = a[i * p + j];
  }
  const coef = solveSpd(a, b, p);
  let intercept = ybar;
  for (let c = 0; c < p; c++) intercept -= mean[c] * coef[c];
  return { intercept, coef };
}

/** Solve A x = b for symmetric positive definite A (p x p, row-major) by Cholesky. */
export function solveSpd(
  a: Float64Array,
  b: Float64Array,
  p: number,
): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new RangeError("Matrix is not positive definite; raise lambda");
        }
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j];
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * z[k];
    z[i] = s / l[i * p + i];
  }
  const out = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * out[k];
    out[i] = s / l[i * p + i];
  }
  return out;
}

/**
 * Ridge regression as a {@linkcode Model}; importance is the standardised coefficient
 * `|coef| * sd` (population sd of the training column; equal to `|coef|` when the inputs
 * are already standardised), sign is the coefficient's sign. `options.warmStart`, a
 * previous linear state with the same features, sets the prior (shrink toward it).
 *
 * @example
 * ```ts
 * import { createRidge } from "./ridge.ts";
 * import assert from "node:assert/strict";
 * const m = createRidge({ lambda: 0 }).fit({ data: new Float64Array([0, 1, 2]), rows: 3, cols: 1 }, new Float64Array([0, 2, 4]));
 * assert.ok(Math.abs(m.predict({ data: new Float64Array([3]), rows: 1, cols: 1 })[0] - 6) < 1e-9);
 * ```
 */
export function createRidge(
  options: RidgeOptions & { warmStart?: ModelState } = {},
  restored?: LinearFit,
): Model {
  const lambda = options.lambda ?? 1;
  return linearModel(
    {
      name: "ridge",
      task: "regression",
      fit: (x, y, prior) => ({
        ...fitRidge(x, y, { lambda, prior }),
        xScale: columnMeanSd(x).sd,
      }),
      predict(x, f) {
        checkCols(x, f.coef.length, "ridge");
        return predictLinear(x, f);
      },
      params: () => ({ lambda }),
    },
    options,
    restored,
  );
}

/** Rebuild a ridge model from its `toJSON()` state (bitwise-identical predictions). */
export function restoreRidge(state: ModelState): Model {
  return createRidge({ lambda: Number(state.lambda) }, linearFitFrom(state));
}

/** `b0 + X b` for every row of `x`. */
export function predictLinear(x: Matrix, fit: RidgeFit): Float64Array {
  const { rows, cols, data } = x;
  if (cols !== fit.coef.length) {
    throw new RangeError(`x has ${cols} columns, the model ${fit.coef.length}`);
  }
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = fit.intercept;
    for (let c = 0; c < cols; c++) s += data[r * cols + c] * fit.coef[c];
    out[r] = s;
  }
  return out;
}
