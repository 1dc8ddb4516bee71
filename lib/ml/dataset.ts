/**
 * A small causal feature set and a forward-return label built from bars, for training
 * when no feature matrix is given (a stand-in until `lib/features` provides the W1 set).
 *
 * @module
 */
import type { Bars, Matrix } from "../_shared/types.ts";

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

/** Names of the columns of {@linkcode barsDataset}. */
export const DATASET_FEATURES: readonly string[] = Object.freeze([
  "ret_1",
  "ret_5",
  "ret_21",
  "vol_21",
  "vol_ratio_5_21",
  "ma_gap_50",
  "range_1",
  "rsi_14",
]);

/**
 * Build features at each bar t from closes, highs and lows up to t (log returns over 1, 5
 * and 21 bars; 21-bar sample std of daily log returns; ratio of 5- to 21-bar volatility;
 * log distance to the 50-bar mean; log high/low range; 14-bar RSI (simple averages,
 * scaled to [-0.5, 0.5])), and the label `close[t + h] / close[t] - 1`. Rows with any
 * missing value (the 50-bar warm-up, the last h bars) are dropped.
 *
 * @param bars Daily bars.
 * @param options `horizon` h in bars. @default { horizon: 1 }
 * @returns The dataset (rows ascending by date).
 * @example
 * ```ts
 * import { barsDataset } from "./dataset.ts";
 * import assert from "node:assert/strict";
 * const n = 80, close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i / 3) + i / 10);
 * const dates = Array.from({ length: n }, (_, i) => `2020-01-${String(i + 1).padStart(3, "0")}`);
 * const d = barsDataset({ symbol: "X", dates, open: close, high: close.map((c) => c + 1), low: close.map((c) => c - 1), close, volume: close });
 * assert.equal(d.x.rows, n - 50 - 1);
 * ```
 */
export function barsDataset(
  bars: Bars,
  options: { horizon?: number } = {},
): Dataset {
  const h = options.horizon ?? 1, n = bars.close.length, c = bars.close;
  if (!(Number.isInteger(h) && h >= 1)) {
    throw new RangeError(`horizon must be an integer >= 1, got ${h}`);
  }
  const p = DATASET_FEATURES.length;
  const lr = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) lr[t] = Math.log(c[t] / c[t - 1]);
  const rows: number[] = [], data: number[] = [], y: number[] = [];
  const f = new Float64Array(p);
  for (let t = 50; t + h < n; t++) {
    f[0] = lr[t];
    f[1] = Math.log(c[t] / c[t - 5]);
    f[2] = Math.log(c[t] / c[t - 21]);
    const v21 = sd(lr, t - 20, t), v5 = sd(lr, t - 4, t);
    f[3] = v21;
    f[4] = v21 > 0 ? v5 / v21 : NaN;
    let ma = 0;
    for (let k = t - 49; k <= t; k++) ma += c[k] / 50;
    f[5] = Math.log(c[t] / ma);
    f[6] = Math.log(bars.high[t] / bars.low[t]);
    let up = 0, down = 0;
    for (let k = t - 13; k <= t; k++) {
      const d = c[k] - c[k - 1];
      if (d > 0) up += d;
      else down -= d;
    }
    f[7] = up + down > 0 ? up / (up + down) - 0.5 : 0;
    const label = c[t + h] / c[t] - 1;
    if (!f.every(Number.isFinite) || !Number.isFinite(label)) continue;
    rows.push(t);
    for (const v of f) data.push(v);
    y.push(label);
  }
  return {
    x: { data: Float64Array.from(data), rows: rows.length, cols: p },
    y: Float64Array.from(y),
    dates: rows.map((t) => bars.dates[t]),
    names: [...DATASET_FEATURES],
    horizon: h,
  };
}

function sd(v: Float64Array, from: number, to: number): number {
  const n = to - from + 1;
  let m = 0;
  for (let k = from; k <= to; k++) m += v[k] / n;
  let s = 0;
  for (let k = from; k <= to; k++) s += (v[k] - m) ** 2;
  return Math.sqrt(s / (n - 1));
}
