/**
 * What the linear learners (ridge, lasso/elastic net, logistic) share (internal): the
 * fitted state, its importance, the warm-start prior and the {@linkcode Model} wrapper.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type {
  FeatureImportance,
  Model,
  ModelState,
  ModelTask,
} from "./model.ts";
import { numbers } from "./_columns.ts";

/** A fitted linear model in input units, with each column's population sd. */
export interface LinearFit {
  readonly intercept: number;
  readonly coef: Float64Array;
  /** Population sd of each training column: `|coef| * xScale` is the standardised effect. */
  readonly xScale: Float64Array;
}

/** Importance of a linear fit: `|coef| * sd` (the standardised coefficient) and its sign. */
export function linearImportance(fit: LinearFit): FeatureImportance {
  return {
    importance: fit.coef.map((c, j) => Math.abs(c) * fit.xScale[j]),
    sign: Int8Array.from(fit.coef, Math.sign),
  };
}

/** Warm-start prior from a previous linear state (`coef` field), else undefined. */
export function priorFrom(
  state: ModelState | undefined,
): Float64Array | undefined {
  return state && Array.isArray(state.coef)
    ? numbers(state, "coef")
    : undefined;
}

/** What makes one linear learner different from the others. */
export interface LinearLearner {
  readonly name: string;
  readonly task: ModelTask;
  /** Fit on `x`, `y`, shrinking toward `prior` (warm start) when given. */
  fit(x: Matrix, y: Float64Array, prior: Float64Array | undefined): LinearFit;
  /** Predict every row of `x` (columns are checked against the fit). */
  predict(x: Matrix, fit: LinearFit): Float64Array;
  /** Hyperparameters saved with the state, between `name` and the coefficients. */
  params(): Readonly<Record<string, unknown>>;
}

/**
 * A {@linkcode Model} around a linear learner: fit (with the prior from `options.prior`
 * or a warm-start state), predict, importance `|coef| * sd`, and the saved state
 * `{ name, ...params, intercept, coef, xScale }`.
 *
 * @param learner The learner's fit, predict and hyperparameters.
 * @param options Prior coefficients or a previous state to warm-start from.
 * @param restored A fitted state to start from (restoring a checkpoint).
 * @returns The model.
 */
export function linearModel(
  learner: LinearLearner,
  options: { readonly prior?: Float64Array; readonly warmStart?: ModelState },
  restored?: LinearFit,
): Model {
  let fit: LinearFit | undefined = restored;
  const need = (): LinearFit => {
    if (!fit) {
      throw new Error(
        `Cannot use an unfitted ${learner.name} model: call fit first`,
      );
    }
    return fit;
  };
  const model: Model = {
    name: learner.name,
    task: learner.task,
    fit(x, y) {
      fit = learner.fit(x, y, options.prior ?? priorFrom(options.warmStart));
      return model;
    },
    predict: (x) => learner.predict(x, need()),
    importance: () => linearImportance(need()),
    toJSON(): ModelState {
      const f = need();
      return {
        name: learner.name,
        ...learner.params(),
        intercept: f.intercept,
        coef: Array.from(f.coef),
        xScale: Array.from(f.xScale),
      };
    },
  };
  return model;
}

/** The fitted state saved by {@linkcode linearModel}, read back. */
export function linearFitFrom(state: ModelState): LinearFit {
  return {
    intercept: Number(state.intercept),
    coef: numbers(state, "coef"),
    xScale: numbers(state, "xScale"),
  };
}
