/**
 * The fitted state shared by the linear learners (internal).
 *
 * @module
 */
import type { FeatureImportance, ModelState } from "./model.ts";
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
