/**
 * Algorithm comparison on the same folds: every model, with and without feature
 * selection, ranked out of sample.
 *
 * @module
 */
import { DEFAULT_SEED } from "../_shared/seed.ts";
import type { Dataset } from "./dataset.ts";
import { inclusiveFolds } from "./_folds.ts";
import { type SelectionSpec, trainFolds } from "./train_folds.ts";
import {
  heldReturns,
  type OosSummary,
  strategyReturns,
  summariseOos,
} from "./oos_summary.ts";
import { featureStability } from "./stability.ts";

/** Options of {@linkcode compareModels}. */
export interface CompareOptions {
  readonly models: readonly string[];
  readonly selections: readonly SelectionSpec[];
  readonly trainLen: number;
  readonly testLen: number;
  /** @default 42 */
  readonly seed?: number;
  /** Per-model options, by name. */
  readonly modelOptions?: Readonly<Record<string, Record<string, unknown>>>;
  /** Clock in ms for fit timings. @default () => 0 */
  readonly now?: () => number;
}

/** One configuration's out-of-sample result. */
export interface ComparisonRow {
  readonly rank: number;
  readonly model: string;
  readonly selection: string;
  readonly oos: OosSummary;
  readonly stableShare: number;
  /** Daily returns of the sign strategy over all test rows. */
  readonly returns: Float64Array;
  /** Returns of holding the asset over the same rows (one array shared by every row). */
  readonly heldReturns: Float64Array;
}

/** Label of a selection spec: `none`, `top<k>` or `stable`. */
export function selectionLabel(s: SelectionSpec): string {
  return s.kind === "topk" ? `top${s.k}` : s.kind;
}

/**
 * Train every model x selection on the same rolling folds (gap = label horizon), cold
 * start, and rank the configurations by out-of-sample annualised Sharpe of the sign
 * strategy (NaN last). The number of configurations is what a deflated Sharpe must count.
 *
 * @param data Dataset.
 * @param options Models, selections, windows.
 * @returns Rows, best first.
 * @example
 * ```ts
 * import { compareModels } from "./compare_models.ts";
 * import assert from "node:assert/strict";
 * const n = 300, x = { data: Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 0.37)), rows: n, cols: 2 };
 * const y = Float64Array.from({ length: n }, (_, r) => 0.5 * x.data[r * 2] + 0.1 * Math.cos(r));
 * const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
 * const rows = compareModels({ x, y, dates, names: ["a", "b"], horizon: 1 }, {
 *   models: ["ridge", "lasso"], selections: [{ kind: "none" }], trainLen: 100, testLen: 50,
 * });
 * assert.equal(rows.length, 2);
 * assert.equal(rows[0].rank, 1);
 * ```
 */
export function compareModels(
  data: Dataset,
  options: CompareOptions,
): ComparisonRow[] {
  const folds = inclusiveFolds(data.x.rows, {
    trainLen: options.trainLen,
    testLen: options.testLen,
    gap: data.horizon,
  });
  if (folds.length === 0) {
    throw new RangeError(
      `Cannot compare models: ${data.x.rows} rows leave no fold`,
    );
  }
  const rows: Omit<ComparisonRow, "rank">[] = [];
  let held: Float64Array | undefined;
  for (const model of options.models) {
    for (const selection of options.selections) {
      const fits = trainFolds(data.x, data.y, folds, {
        model,
        modelOptions: options.modelOptions?.[model],
        seed: options.seed ?? DEFAULT_SEED,
        featureNames: data.names,
        dates: data.dates,
        selection,
        permutationRepeats: 0,
        now: options.now,
      });
      const st = featureStability(
        data.names,
        fits.map((f) => ({
          fold: f.fold,
          importance: f.importance,
          sign: f.sign,
        })),
      );
      held ??= heldReturns(fits);
      rows.push({
        model,
        selection: selectionLabel(selection),
        oos: summariseOos(fits),
        stableShare: st.stableShare,
        returns: strategyReturns(fits, model === "logistic"),
        heldReturns: held,
      });
    }
  }
  const key = (
    r: Omit<ComparisonRow, "rank">,
  ) => (Number.isFinite(r.oos.sharpe) ? r.oos.sharpe : -Infinity);
  rows.sort((a, b) => key(b) - key(a));
  return rows.map((r, i) => ({ ...r, rank: i + 1 }));
}
