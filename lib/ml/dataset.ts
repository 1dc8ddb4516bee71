/**
 * Training datasets from bars: catalogue features (lib/features) and a forward-return
 * label, rows with any missing value dropped.
 *
 * @module
 */
import type { Bars, Matrix } from "../_shared/types.ts";
import { buildFeatures, W1_FEATURES } from "../features/mod.ts";

/** Feature matrix, label and row dates for training. */
export interface Dataset {
  readonly x: Matrix;
  /** Forward simple return `close[t + h] / close[t] - 1` of each row. */
  readonly y: Float64Array;
  /** Date of each row (the bar whose close the features use). */
  readonly dates: string[];
  readonly names: string[];
  /** Label horizon h in bars (folds must leave a gap of h rows before each test window). */
  readonly horizon: number;
}

/** Default feature columns of {@linkcode barsDataset}: the bench SPEC W1 set of lib/features. */
export const DATASET_FEATURES: readonly string[] = W1_FEATURES;

/** Options of {@linkcode barsDataset}. */
export interface BarsDatasetOptions {
  /** Label horizon h in bars. @default 1 */
  readonly horizon?: number;
  /** Catalogue feature names (lib/features `FEATURES`). @default DATASET_FEATURES */
  readonly features?: readonly string[];
  /** Benchmark bars for cross-asset features. @default undefined */
  readonly benchmark?: Bars;
}

/**
 * Build the catalogue features of every bar t (values at t use bars up to t; see
 * lib/features `buildFeatures`) and the label `close[t + h] / close[t] - 1`. Rows with any
 * non-finite feature or label (the warm-up, the last h bars) are dropped.
 *
 * @param bars Daily bars.
 * @param options Horizon, feature names, benchmark.
 * @returns The dataset (rows ascending by date).
 * @throws RangeError on a bad horizon or an unknown feature name.
 * @example
 * ```ts
 * import { barsDataset } from "./dataset.ts";
 * import assert from "node:assert/strict";
 * const n = 300, close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 3) + i / 10);
 * const dates = Array.from({ length: n }, (_, i) => `2020-01-${String(i + 1).padStart(3, "0")}`);
 * const d = barsDataset({ symbol: "X", dates, open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: close });
 * assert.equal(d.x.rows, n - 199 - 1); // dist_sma200 needs 199 prior bars; the last bar has no label
 * ```
 */
export function barsDataset(
  bars: Bars,
  options: BarsDatasetOptions = {},
): Dataset {
  const h = options.horizon ?? 1;
  if (!(Number.isInteger(h) && h >= 1)) {
    throw new RangeError(`horizon must be an integer >= 1, got ${h}`);
  }
  const names = options.features ?? DATASET_FEATURES;
  const fs = buildFeatures(bars, names, { benchmark: options.benchmark });
  return _dataset(bars, fs.matrix, [...names], h);
}

function _dataset(bars: Bars, m: Matrix, names: string[], h: number): Dataset {
  const p = m.cols, c = bars.close, n = c.length;
  const rows: number[] = [], y: number[] = [];
  for (let t = 0; t + h < n; t++) {
    const label = c[t + h] / c[t] - 1;
    if (!Number.isFinite(label)) continue;
    let ok = true;
    for (let j = 0; j < p && ok; j++) ok = Number.isFinite(m.data[t * p + j]);
    if (!ok) continue;
    rows.push(t);
    y.push(label);
  }
  const data = new Float64Array(rows.length * p);
  rows.forEach((t, r) => data.set(m.data.subarray(t * p, (t + 1) * p), r * p));
  return {
    x: { data, rows: rows.length, cols: p },
    y: Float64Array.from(y),
    dates: rows.map((t) => bars.dates[t]),
    names,
    horizon: h,
  };
}
