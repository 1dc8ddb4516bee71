/**
 * L2-penalised logistic regression for up/down classification, by Newton's method
 * (IRLS) with step halving, on standardised columns with an unpenalised intercept.
 *
 * @module
 */
import { crExp, crLog1p } from "../_shared/cr_math.ts";
import type { Matrix } from "../_shared/types.ts";
import type { Model, ModelState } from "./model.ts";
import { checkCols, checkXy, columnMeanSd, upLabels } from "./_columns.ts";
import { type LinearFit, linearFitFrom, linearModel } from "./_linear.ts";
import { solveSpd } from "./ridge.ts";

/** Options of {@linkcode fitLogistic}. */
export interface LogisticOptions {
  /** L2 penalty on the standardised slopes (sum-of-log-loss scale). @default 1 */
  lambda?: number;
  /** Slopes (input units) to shrink toward instead of zero (warm start). @default zeros */
  prior?: Float64Array;
  /** Maximum Newton steps. @default 100 */
  maxIter?: number;
  /** Stop when the largest Newton step is below this. @default 1e-10 */
  tol?: number;
}

/**
 * Fit `P(up) = 1 / (1 + exp(-(b0 + x b)))` with labels `y > 0` (so 0/1 labels and
 * forward returns both work). On standardised columns z (population sd) it minimises
 * `-sum [u log p + (1 - u) log(1 - p)] + lambda/2 * sum (b - q)^2`, `q = prior * sd`, by
 * Newton steps `H d = -g`, `H = Z'WZ + lambda I` (intercept unpenalised), halving the step
 * until the objective falls. The probabilities are the model's (penalised maximum
 * likelihood, calibrated when the model is right).
 *
 * @param x Design matrix n x p.
 * @param y Labels (`> 0` means up).
 * @returns Intercept and slopes in input units, column sds.
 * @example
 * ```ts
 * import { fitLogistic } from "./logistic.ts";
 * import assert from "node:assert/strict";
 * const x = { data: new Float64Array([-2, -1, 1, 2, -0.5, 0.5]), rows: 6, cols: 1 };
 * const fit = fitLogistic(x, new Float64Array([0, 0, 1, 1, 1, 0]), { lambda: 0.1 });
 * assert.ok(fit.coef[0] > 0);
 * ```
 */
export function fitLogistic(
  x: Matrix,
  y: Float64Array,
  options: LogisticOptions = {},
): LinearFit {
  checkXy(x, y, "a logistic regression");
  const lambda = options.lambda ?? 1;
  if (!(lambda >= 0)) {
    throw new RangeError(`lambda must be >= 0, got ${lambda}`);
  }
  if (options.prior && options.prior.length !== x.cols) {
    throw new RangeError(
      `prior has ${options.prior.length} values, expected ${x.cols}`,
    );
  }
  return _fitLogistic(x, upLabels(y), lambda, options);
}

function objective(
  z: Float64Array,
  u: Float64Array,
  w: Float64Array,
  q: Float64Array,
  lambda: number,
  n: number,
  p: number,
): number {
  let f = 0;
  for (let r = 0; r < n; r++) {
    let eta = w[0];
    for (let c = 0; c < p; c++) eta += z[r * p + c] * w[c + 1];
    // log(1 + e^eta) - u eta, computed stably
    f += (eta > 0 ? eta + crLog1p(crExp(-eta)) : crLog1p(crExp(eta))) -
      u[r] * eta;
  }
  for (let c = 0; c < p; c++) f += 0.5 * lambda * (w[c + 1] - q[c]) ** 2;
  return f;
}

function _fitLogistic(
  x: Matrix,
  u: Float64Array,
  lambda: number,
  options: LogisticOptions,
): LinearFit {
  const { rows: n, cols: p, data } = x;
  const { mean, sd } = columnMeanSd(x);
  const z = new Float64Array(n * p);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < p; c++) {
      z[r * p + c] = sd[c] > 0 ? (data[r * p + c] - mean[c]) / sd[c] : 0;
    }
  }
  const q = new Float64Array(p);
  if (options.prior) {
    for (let c = 0; c < p; c++) q[c] = options.prior[c] * sd[c];
  }
  const k = p + 1, w = new Float64Array(k);
  for (let c = 0; c < p; c++) w[c + 1] = q[c];
  const h = new Float64Array(k * k),
    g = new Float64Array(k),
    row = new Float64Array(k);
  const trial = new Float64Array(k);
  let f = objective(z, u, w, q, lambda, n, p);
  const maxIter = options.maxIter ?? 100, tol = options.tol ?? 1e-10;
  for (let it = 0; it < maxIter; it++) {
    h.fill(0);
    g.fill(0);
    for (let r = 0; r < n; r++) {
      row[0] = 1;
      let eta = w[0];
      for (let c = 0; c < p; c++) {
        row[c + 1] = z[r * p + c];
        eta += row[c + 1] * w[c + 1];
      }
      const pr = 1 / (1 + crExp(-eta)), wt = pr * (1 - pr), e = pr - u[r];
      for (let i = 0; i < k; i++) {
        g[i] += row[i] * e;
        for (let j = 0; j <= i; j++) h[i * k + j] += wt * row[i] * row[j];
      }
    }
    h[0] += 1e-9 * n; // keeps H definite when every label is equal
    for (let i = 1; i < k; i++) {
      g[i] += lambda * (w[i] - q[i - 1]);
      h[i * k + i] += lambda + (sd[i - 1] > 0 ? 0 : 1);
    }
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) h[j * k + i] = h[i * k + j];
    }
    const d = solveSpd(h, g, k);
    let step = 1, fNew = f;
    for (let half = 0; half < 40; half++, step /= 2) {
      for (let i = 0; i < k; i++) trial[i] = w[i] - step * d[i];
      fNew = objective(z, u, trial, q, lambda, n, p);
      if (fNew <= f) break;
    }
    if (!(fNew <= f)) break;
    let maxStep = 0;
    for (let i = 0; i < k; i++) {
      maxStep = Math.max(maxStep, Math.abs(trial[i] - w[i]));
      w[i] = trial[i];
    }
    f = fNew;
    if (maxStep < tol) break;
  }
  const coef = new Float64Array(p);
  let intercept = w[0];
  for (let c = 0; c < p; c++) {
    coef[c] = sd[c] > 0 ? w[c + 1] / sd[c] : 0;
    intercept -= coef[c] * mean[c];
  }
  return { intercept, coef, xScale: sd };
}

/** `P(up)` for every row of `x` under a fitted logistic model. */
export function predictLogistic(x: Matrix, fit: LinearFit): Float64Array {
  checkCols(x, fit.coef.length, "logistic");
  const { rows, cols, data } = x;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let eta = fit.intercept;
    for (let c = 0; c < cols; c++) eta += data[r * cols + c] * fit.coef[c];
    out[r] = 1 / (1 + crExp(-eta));
  }
  return out;
}

/**
 * Logistic regression as a classification {@linkcode Model}: `predict` returns P(up);
 * importance is `|coef| * sd`, sign the coefficient's sign. `options.warmStart` (a
 * previous logistic state) sets the prior.
 *
 * @example
 * ```ts
 * import { createLogistic } from "./logistic.ts";
 * import assert from "node:assert/strict";
 * const x = { data: new Float64Array([-2, -1, 1, 2]), rows: 4, cols: 1 };
 * const m = createLogistic().fit(x, new Float64Array([0, 0, 1, 1]));
 * const p = m.predict(x);
 * assert.ok(p[0] < 0.5 && p[3] > 0.5);
 * ```
 */
export function createLogistic(
  options: LogisticOptions & { warmStart?: ModelState } = {},
  restored?: LinearFit,
): Model {
  const lambda = options.lambda ?? 1;
  return linearModel(
    {
      name: "logistic",
      task: "classification",
      fit: (x, y, prior) => fitLogistic(x, y, { ...options, lambda, prior }),
      predict: predictLogistic,
      params: () => ({ lambda }),
    },
    options,
    restored,
  );
}

/** Rebuild a logistic model from its `toJSON()` state. */
export function restoreLogistic(state: ModelState): Model {
  return createLogistic({ lambda: Number(state.lambda) }, linearFitFrom(state));
}
