/**
 * Fit one fold: standardise on the train rows, fit the model, predict the test rows.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { createModel } from "../ml/mod.ts";
import { applyStandardiser, fitStandardiser } from "./standardise.ts";

/** What one fold's fit returns. */
export interface FoldFit {
  readonly predictions: Float64Array;
  readonly coefficients: number[] | null;
  readonly intercept: number | null;
  readonly importance: number[];
  readonly signs: number[];
  readonly fitMs: number;
  readonly predictMs: number;
}

/** Rows are bar indexes into `x`; `y` holds one label per bar. */
export interface FoldSpec {
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
}

/** Fit on `[trainStart, trainEnd)` only and predict `[testStart, testEnd)`. */
export function fitFold(
  x: Matrix,
  y: Float64Array,
  fold: FoldSpec,
  model: { name: string; options: Record<string, unknown>; seed: number },
  standardise: boolean,
  now: () => number,
): FoldFit {
  const t0 = now();
  const std = standardise
    ? fitStandardiser(x, fold.trainStart, fold.trainEnd)
    : undefined;
  const xTrain = applyStandardiser(x, std, fold.trainStart, fold.trainEnd);
  const yTrain = y.slice(fold.trainStart, fold.trainEnd);
  const m = createModel(model.name, model.options, model.seed).fit(
    xTrain,
    yTrain,
  );
  const t1 = now();
  const xTest = applyStandardiser(x, std, fold.testStart, fold.testEnd);
  const predictions = m.predict(xTest);
  const t2 = now();
  const state = m.toJSON();
  const imp = m.importance();
  const linear = Array.isArray(state.coef);
  return {
    predictions,
    coefficients: linear ? (state.coef as number[]).slice() : null,
    intercept: linear && typeof state.intercept === "number"
      ? state.intercept
      : null,
    importance: Array.from(imp.importance),
    signs: Array.from(imp.sign),
    fitMs: t1 - t0,
    predictMs: t2 - t1,
  };
}
