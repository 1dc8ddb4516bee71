/**
 * Checkpoints: a fold's fitted model with its features and scaler, restorable exactly,
 * and the rule that picks a leak-free warm-start state.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import type { ModelState } from "./model.ts";
import { modelFromJSON } from "./registry.ts";
import { LINEAR_MODELS } from "./registry.ts";

/** Inclusive row ranges of one walk-forward fold. */
export interface FoldSpec {
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
}

/** A fitted fold as plain JSON: what lib/store persists as `checkpoints.model_state`. */
export interface Checkpoint {
  /** Run that produced it (set by the store; absent inside a run). */
  readonly runId?: string;
  readonly fold: number;
  /** First and last training dates (ISO). */
  readonly trainStart: string;
  readonly trainEnd: string;
  /** Candidate feature names of the run (compatibility key). */
  readonly allFeatures: readonly string[];
  /** Features the model was fitted on, in column order. */
  readonly features: readonly string[];
  /** Train-window mean and sample sd of each fitted feature (sd 0 replaced by 1). */
  readonly mean: readonly number[];
  readonly sd: readonly number[];
  readonly state: ModelState;
}

/**
 * Standardise rows [from, to) of the chosen columns: with no scaler given, fit it on these
 * rows (mean, sample sd n-1; sd 0 or undefined -> 1).
 */
export function standardiseRows(
  x: Matrix,
  cols: Int32Array,
  from: number,
  to: number,
  mean?: Float64Array,
  sd?: Float64Array,
): { x: Matrix; mean: Float64Array; sd: Float64Array } {
  const n = to - from, q = cols.length, p = x.cols;
  const m = mean ?? new Float64Array(q), s = sd ?? new Float64Array(q);
  if (!mean || !sd) {
    for (let i = 0; i < q; i++) {
      let a = 0;
      for (let r = from; r < to; r++) a += x.data[r * p + cols[i]];
      a /= n;
      let v = 0;
      for (let r = from; r < to; r++) v += (x.data[r * p + cols[i]] - a) ** 2;
      const sdv = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
      m[i] = a;
      s[i] = sdv > 0 ? sdv : 1;
    }
  }
  const data = new Float64Array(n * q);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < q; i++) {
      data[r * q + i] = (x.data[(from + r) * p + cols[i]] - m[i]) / s[i];
    }
  }
  return { x: { data, rows: n, cols: q }, mean: m, sd: s };
}

/**
 * Predict raw feature rows (columns named `names`) with a checkpoint: select its features,
 * apply its scaler, run its restored model. Bitwise identical to the original fit's
 * predictions on the same rows.
 *
 * @param cp A checkpoint (e.g. parsed from `checkpoints.model_state`).
 * @param x Raw features.
 * @param names Column names of `x`.
 * @returns One prediction per row.
 * @example
 * ```ts
 * import { predictCheckpoint } from "./checkpoint.ts";
 * import assert from "node:assert/strict";
 * const cp = { fold: 0, trainStart: "2020-01-01", trainEnd: "2020-02-01", allFeatures: ["a"], features: ["a"],
 *   mean: [1], sd: [2], state: { name: "ridge", lambda: 1, intercept: 0.5, coef: [2], xScale: [1] } };
 * assert.deepEqual([...predictCheckpoint(cp, { data: new Float64Array([3]), rows: 1, cols: 1 }, ["a"])], [2.5]);
 * ```
 */
export function predictCheckpoint(
  cp: Checkpoint,
  x: Matrix,
  names: readonly string[],
): Float64Array {
  const cols = Int32Array.from(cp.features, (f) => {
    const j = names.indexOf(f);
    if (j < 0) {
      throw new RangeError(
        `Checkpoint feature "${f}" is missing: got columns ${names.join(", ")}`,
      );
    }
    return j;
  });
  const z = standardiseRows(
    x,
    cols,
    0,
    x.rows,
    Float64Array.from(cp.mean),
    Float64Array.from(cp.sd),
  );
  return modelFromJSON(cp.state).predict(z.x);
}

/** Remap a state's per-feature arrays from `from` names to `to` names (missing -> 0). */
function remapState(
  state: ModelState,
  from: readonly string[],
  to: readonly string[],
): ModelState | undefined {
  if (from.length === to.length && from.every((f, i) => f === to[i])) {
    return state;
  }
  const map = (key: string) => {
    const v = state[key] as number[];
    return to.map((f) => {
      const i = from.indexOf(f);
      return i >= 0 ? v[i] : 0;
    });
  };
  if (LINEAR_MODELS.includes(state.name)) {
    return { ...state, coef: map("coef"), xScale: map("xScale") };
  }
  if (state.name === "rf" || state.name === "gbt") {
    return { ...state, importanceShare: map("importanceShare") };
  }
  return undefined; // the MLP warm-starts only on identical inputs
}

/**
 * The warm-start state for a fold: among this run's earlier checkpoints and the compatible
 * checkpoints of earlier runs (same model name, same candidate features), the one with the
 * latest train end on or before this fold's train end (ties: this run's own fold).
 */
export function warmStateFor(
  o: {
    model: string;
    featureNames: readonly string[];
    dates: readonly string[];
    checkpoints?: readonly Checkpoint[];
  },
  own: readonly Checkpoint[],
  spec: FoldSpec,
  features: readonly string[],
): { checkpoint: Checkpoint; state: ModelState; label: string } | undefined {
  const limit = o.dates[spec.trainEnd];
  const same = (a: readonly string[]) =>
    a.length === o.featureNames.length &&
    a.every((f, i) => f === o.featureNames[i]);
  const external = (o.checkpoints ?? []).filter((c) =>
    c.state.name === o.model && same(c.allFeatures)
  );
  let best: { checkpoint: Checkpoint; label: string } | undefined;
  for (const c of external) {
    if (
      c.trainEnd <= limit && (!best || c.trainEnd > best.checkpoint.trainEnd)
    ) {
      best = { checkpoint: c, label: `checkpoint:${c.runId ?? "?"}/${c.fold}` };
    }
  }
  for (const c of own) {
    if (
      c.trainEnd <= limit && (!best || c.trainEnd >= best.checkpoint.trainEnd)
    ) {
      best = { checkpoint: c, label: `fold:${c.fold}` };
    }
  }
  if (!best) return undefined;
  const state = remapState(
    best.checkpoint.state,
    best.checkpoint.features,
    features,
  );
  return state ? { ...best, state } : undefined;
}
