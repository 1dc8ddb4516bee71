/**
 * One training run as the `train` task runs it: folds, the (warm or cold) run, a cold
 * baseline on the same folds when warm-starting, stability of the importance, and an
 * optional label-permutation null.
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { Dataset } from "./dataset.ts";
import type { Checkpoint, FoldSpec } from "./checkpoint.ts";
import { inclusiveFolds } from "./_folds.ts";
import {
  type FoldFit,
  type SelectionSpec,
  trainFolds,
  type TrainFoldsOptions,
} from "./train_folds.ts";
import {
  featureStability,
  type StabilityOptions,
  type StabilityReport,
} from "./stability.ts";
import { stabilityNull, type StabilityNullResult } from "./stability_null.ts";
import { type OosSummary, summariseOos } from "./oos_summary.ts";

/** Settings of {@linkcode runTraining}. */
export interface TrainingSettings {
  readonly model: string;
  readonly modelOptions?: Record<string, unknown>;
  /** @default 42 */
  readonly seed?: number;
  readonly trainLen: number;
  readonly testLen: number;
  /** @default testLen */
  readonly stride?: number;
  /** @default { kind: "none" } */
  readonly selection?: SelectionSpec;
  /** @default false */
  readonly warmStart?: boolean;
  /** Permutation-importance repeats on each test window. @default 3 */
  readonly permutationRepeats?: number;
  readonly stability?: StabilityOptions;
  /** Label permutations of the stability null (0 = skip). @default 0 */
  readonly nullRepeats?: number;
}

/** What {@linkcode runTraining} returns. */
export interface TrainingResult {
  /** The seed every random draw of the run used. */
  readonly seed: number;
  readonly folds: FoldSpec[];
  /** The run (warm-started when asked). */
  readonly fits: FoldFit[];
  readonly oos: OosSummary;
  readonly stability: StabilityReport;
  /** Run ids of stored checkpoints any fold started from (empty if none). */
  readonly warmStartFrom: string[];
  /** With warm start: the cold baseline on the same folds and the two summaries. */
  readonly warmEffect?: {
    readonly warm: OosSummary;
    readonly cold: OosSummary;
    readonly coldFits: FoldFit[];
  };
  readonly stabilityNull?: StabilityNullResult;
}

/**
 * Run training on a dataset: rolling folds with a gap equal to the label horizon; the run
 * itself (warm start from stored `checkpoints` and earlier folds when `warmStart`); a cold
 * run on the same folds as the baseline for the warm-start effect; stability of the run's
 * intrinsic importance; and, if asked, the stability null.
 *
 * @param data Features, labels, dates, names.
 * @param settings Model, windows, warm start, selection, stability thresholds.
 * @param env Stored checkpoints of earlier runs and an injected clock (ms).
 * @returns Folds, fits, summaries and stability.
 * @example
 * ```ts
 * import { runTraining } from "./run_training.ts";
 * import assert from "node:assert/strict";
 * const n = 300, x = { data: Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 0.37)), rows: n, cols: 2 };
 * const y = Float64Array.from({ length: n }, (_, r) => 0.5 * x.data[r * 2] + 0.1 * Math.cos(r));
 * const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
 * const r = runTraining({ x, y, dates, names: ["a", "b"], horizon: 1 }, { model: "ridge", trainLen: 100, testLen: 50, warmStart: true });
 * assert.equal(r.fits.length, 3);
 * assert.ok(r.warmEffect && r.oos.rankIc > 0.5);
 * ```
 */
export function runTraining(
  data: Dataset,
  settings: TrainingSettings,
  env: {
    readonly checkpoints?: readonly Checkpoint[];
    readonly now?: () => number;
  } = {},
): TrainingResult {
  const folds = trainingFolds(data, settings);
  const seed = settings.seed ?? DEFAULT_SEED;
  const base: TrainFoldsOptions = {
    model: settings.model,
    modelOptions: settings.modelOptions,
    seed,
    featureNames: data.names,
    dates: data.dates,
    selection: settings.selection,
    permutationRepeats: settings.permutationRepeats ?? 3,
    now: env.now,
  };
  const fits = trainFolds(data.x, data.y, folds, {
    ...base,
    warmStart: settings.warmStart ?? false,
    checkpoints: env.checkpoints,
  });
  const oos = summariseOos(fits);
  const stability = featureStability(
    data.names,
    fits.map((f) => ({ fold: f.fold, importance: f.importance, sign: f.sign })),
    settings.stability,
  );
  const warmStartFrom = storedRunsStartedFrom(fits);
  let warmEffect: TrainingResult["warmEffect"];
  if (settings.warmStart) {
    const coldFits = trainFolds(data.x, data.y, folds, {
      ...base,
      warmStart: false,
    });
    warmEffect = { warm: oos, cold: summariseOos(coldFits), coldFits };
  }
  const nullRepeats = settings.nullRepeats ?? 0;
  const nullResult = nullRepeats > 0
    ? stabilityNull(data.x, data.y, folds, base, {
      repeats: nullRepeats,
      seed,
      stability: settings.stability,
    })
    : undefined;
  return {
    seed,
    folds,
    fits,
    oos,
    stability,
    warmStartFrom,
    warmEffect,
    stabilityNull: nullResult,
  };
}

/** Rolling folds with a gap of the label horizon; a RangeError when none fits. */
function trainingFolds(data: Dataset, settings: TrainingSettings): FoldSpec[] {
  const folds = inclusiveFolds(data.x.rows, {
    trainLen: settings.trainLen,
    testLen: settings.testLen,
    stride: settings.stride,
    gap: data.horizon,
  });
  if (folds.length === 0) {
    throw new RangeError(
      `Cannot train: ${data.x.rows} rows leave no fold of train ${settings.trainLen} + gap ${data.horizon} + test ${settings.testLen}`,
    );
  }
  return folds;
}

/** Run ids of the stored checkpoints any fold started from (`checkpoint:<run>/<fold>`). */
function storedRunsStartedFrom(fits: readonly FoldFit[]): string[] {
  return [
    ...new Set(
      fits.flatMap((f) =>
        f.startedFrom.startsWith("checkpoint:")
          ? [f.startedFrom.slice(11).split("/")[0]]
          : []
      ),
    ),
  ];
}
