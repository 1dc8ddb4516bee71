/**
 * Fold-by-fold training with per-fold importance, optional feature selection from past
 * folds, and leak-free warm start (from earlier folds of this run or from checkpoints of
 * earlier runs).
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { Matrix } from "../_shared/types.ts";
import { LookaheadError } from "../_shared/errors.ts";
import type { FeatureImportance, ModelState } from "./model.ts";
import { createModel } from "./registry.ts";
import { permutationImportance } from "./permutation_importance.ts";
import type { ImportanceRecord, StabilityOptions } from "./stability.ts";
import { dropUnstable, selectTopKByStability } from "./selection.ts";
import { type FoldMetrics, foldMetrics } from "./fold_metrics.ts";
import {
  type Checkpoint,
  type FoldSpec,
  standardiseRows,
  warmStateFor,
} from "./checkpoint.ts";

/** Feature selection inside the walk-forward (from earlier folds' training importance). */
export type SelectionSpec =
  | { readonly kind: "none" }
  | { readonly kind: "topk"; readonly k: number }
  | { readonly kind: "stable"; readonly thresholds?: StabilityOptions };

/** Options of {@linkcode trainFolds}. */
export interface TrainFoldsOptions {
  /** Registry name of the model. */
  readonly model: string;
  readonly modelOptions?: Record<string, unknown>;
  /** @default 42 */
  readonly seed?: number;
  /** Names of the p columns of x. */
  readonly featureNames: readonly string[];
  /** Date of every row (ISO, ascending). */
  readonly dates: readonly string[];
  /** Start each fold from the latest eligible state. @default false */
  readonly warmStart?: boolean;
  /** Checkpoints of earlier runs (any; incompatible ones are ignored). */
  readonly checkpoints?: readonly Checkpoint[];
  /** @default { kind: "none" } */
  readonly selection?: SelectionSpec;
  /** Permutation-importance shuffles per feature on the test window (0 = skip). @default 3 */
  readonly permutationRepeats?: number;
  /** Clock in milliseconds for fit timings (injected: the core reads no clock). @default () => 0 */
  readonly now?: () => number;
}

/** What one fold produced. */
export interface FoldFit {
  readonly fold: number;
  readonly spec: FoldSpec;
  /** Checkpoint of this fold (its model state, features, scaler and train window). */
  readonly checkpoint: Checkpoint;
  /** Where the fit started: `"cold"`, `"fold:<k>"` or `"checkpoint:<runId>/<fold>"`. */
  readonly startedFrom: string;
  /** Intrinsic importance over all p features (0 for unselected ones), and sign. */
  readonly importance: Float64Array;
  readonly sign: Int8Array;
  /** Permutation importance on the fold's test window (NaN for unselected features). */
  readonly permutationImportance: Float64Array;
  /** Test-window predictions and targets. */
  readonly predictions: Float64Array;
  readonly yTest: Float64Array;
  readonly metrics: FoldMetrics;
  readonly fitMs: number;
}

/**
 * Train `options.model` on every fold. For fold k: (1) pick features (all, or by
 * selection over the intrinsic importance of folds < k of this run: training information
 * only); (2) standardise on the train rows (mean, sample sd; sd 0 -> 1); (3) with
 * `warmStart`, start from the eligible state with the latest train end: this run's earlier
 * folds and compatible checkpoints (same model, same feature names) whose train end is on
 * or before this fold's train end, hence strictly before its test start (checked: a
 * violation throws `LookaheadError`); (4) fit, then score the test rows. Nothing after a
 * fold's train end enters that fold's fitted state.
 *
 * @param x All rows' features (n x p).
 * @param y All rows' targets.
 * @param folds Row ranges (inclusive) with trainEnd < testStart.
 * @param options Model, names, dates, warm start, selection.
 * @returns One {@linkcode FoldFit} per fold.
 */
export function trainFolds(
  x: Matrix,
  y: Float64Array,
  folds: readonly FoldSpec[],
  options: TrainFoldsOptions,
): FoldFit[] {
  const { featureNames: names, dates } = options;
  if (names.length !== x.cols) {
    throw new RangeError(
      `featureNames has ${names.length} names, expected ${x.cols}`,
    );
  }
  if (dates.length !== x.rows || y.length !== x.rows) {
    throw new RangeError(
      `dates and y need ${x.rows} rows, got ${dates.length} and ${y.length}`,
    );
  }
  for (const f of folds) {
    if (
      !(0 <= f.trainStart && f.trainStart <= f.trainEnd &&
        f.testStart <= f.testEnd && f.testEnd < x.rows)
    ) {
      throw new RangeError(
        `Fold ${
          JSON.stringify(f)
        } is invalid: expected 0 <= trainStart <= trainEnd, testStart <= testEnd < ${x.rows}`,
      );
    }
    if (!(f.trainEnd < f.testStart)) {
      throw new LookaheadError(
        `Fold ${
          JSON.stringify(f)
        } trains on its test window: expected trainEnd < testStart`,
      );
    }
  }
  const out: FoldFit[] = [];
  const history: ImportanceRecord[] = [];
  const now = options.now ?? (() => 0);
  for (let k = 0; k < folds.length; k++) {
    const fit = trainOne(x, y, folds[k], k, options, history, out, now);
    out.push(fit);
    history.push({ fold: k, importance: fit.importance, sign: fit.sign });
  }
  return out;
}

function selectFeatures(
  history: ImportanceRecord[],
  p: number,
  s: SelectionSpec | undefined,
): Int32Array {
  let sel: Int32Array = new Int32Array(0);
  if (s?.kind === "topk") sel = selectTopKByStability(history, s.k);
  if (s?.kind === "stable") sel = dropUnstable(history, s.thresholds);
  return sel.length > 0 ? sel : Int32Array.from({ length: p }, (_, j) => j);
}

/**
 * The state a fold starts from: the newest compatible checkpoint trained before the
 * fold's test start (stored runs or earlier folds), else cold.
 *
 * @throws LookaheadError when the chosen state was trained into the test window.
 */
function warmStart(
  o: TrainFoldsOptions,
  done: readonly FoldFit[],
  spec: FoldSpec,
  features: readonly string[],
  k: number,
): { warm: ModelState | undefined; startedFrom: string } {
  if (!o.warmStart) return { warm: undefined, startedFrom: "cold" };
  const pick = warmStateFor(o, done.map((d) => d.checkpoint), spec, features);
  if (!pick) return { warm: undefined, startedFrom: "cold" };
  if (!(pick.checkpoint.trainEnd < o.dates[spec.testStart])) {
    throw new LookaheadError(
      `Warm start for fold ${k} would use a state trained to ${pick.checkpoint.trainEnd}, expected before the test start ${
        o.dates[spec.testStart]
      }`,
    );
  }
  return { warm: pick.state, startedFrom: pick.label };
}

/** Importance, sign and permutation importance of the selected columns, over all `p`. */
function spread(
  cols: ArrayLike<number>,
  p: number,
  imp: FeatureImportance,
  perm: Float64Array,
): { importance: Float64Array; sign: Int8Array; permutation: Float64Array } {
  const importance = new Float64Array(p),
    sign = new Int8Array(p),
    permutation = new Float64Array(p).fill(NaN);
  Array.from(cols).forEach((j, i) => {
    importance[j] = imp.importance[i];
    sign[j] = imp.sign[i];
    permutation[j] = perm[i];
  });
  return { importance, sign, permutation };
}

function trainOne(
  x: Matrix,
  y: Float64Array,
  spec: FoldSpec,
  k: number,
  o: TrainFoldsOptions,
  history: ImportanceRecord[],
  done: FoldFit[],
  now: () => number,
): FoldFit {
  const p = x.cols, dates = o.dates;
  const cols = selectFeatures(history, p, o.selection);
  const features = Array.from(cols, (j) => o.featureNames[j]);
  const train = standardiseRows(x, cols, spec.trainStart, spec.trainEnd + 1);
  const test = standardiseRows(
    x,
    cols,
    spec.testStart,
    spec.testEnd + 1,
    train.mean,
    train.sd,
  );
  const { warm, startedFrom } = warmStart(o, done, spec, features, k);
  const t0 = now();
  const model = createModel(
    o.model,
    { ...o.modelOptions, warmStart: warm },
    o.seed ?? DEFAULT_SEED,
  );
  model.fit(train.x, y.slice(spec.trainStart, spec.trainEnd + 1));
  const fitMs = now() - t0;
  const yTest = y.slice(spec.testStart, spec.testEnd + 1);
  const predictions = model.predict(test.x);
  const imp = model.importance();
  const repeats = o.permutationRepeats ?? 3;
  const perm = repeats > 0
    ? permutationImportance(model, test.x, yTest, {
      repeats,
      seed: (o.seed ?? DEFAULT_SEED) + k,
    })
    : new Float64Array(cols.length).fill(NaN);
  const { importance, sign, permutation } = spread(cols, p, imp, perm);
  const checkpoint: Checkpoint = {
    fold: k,
    trainStart: dates[spec.trainStart],
    trainEnd: dates[spec.trainEnd],
    allFeatures: [...o.featureNames],
    features,
    mean: Array.from(train.mean),
    sd: Array.from(train.sd),
    state: model.toJSON(),
  };
  return {
    fold: k,
    spec,
    checkpoint,
    startedFrom,
    importance,
    sign,
    permutationImportance: permutation,
    predictions,
    yTest,
    metrics: foldMetrics(yTest, predictions, model.task),
    fitMs,
  };
}
