/**
 * Selection-bias statistics for a set of trials: the deflated Sharpe ratio and the
 * probability of backtest overfitting by CSCV, as thin adapters over lib/metrics
 * (`deflatedSharpeRatio`, `expectedMaxSharpe`, `probabilityOfBacktestOverfitting`)
 * that fix this domain's conventions: N counts every trial, NaN returns are flat days,
 * and the CSCV blocks are of equal size with the leading `T mod S` rows dropped.
 *
 * @module
 */
import {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  normalInv,
  probabilityOfBacktestOverfitting,
} from "../metrics/mod.ts";

export { normalInv };

/** Result of {@linkcode deflatedSharpe}. */
export interface DeflatedSharpe {
  /** Per-period Sharpe of the selected returns (not annualised). */
  readonly sharpe: number;
  /** Expected maximum per-period Sharpe of `trials` zero-edge trials. */
  readonly expectedMaxSharpe: number;
  /** Number of trials N. */
  readonly trials: number;
  /** Variance of the trials' per-period Sharpes. */
  readonly trialSharpeVariance: number;
  /** Probability that the true Sharpe exceeds expectedMaxSharpe (DSR, in [0, 1]). */
  readonly dsr: number;
}

/**
 * Deflated Sharpe ratio (Bailey and Lopez de Prado 2014) of a selected return series:
 * SR = mean / std (ddof 1) per period, skewness and raw kurtosis as population moments
 * of the returns, SR0 = lib/metrics `expectedMaxSharpe(N, V)`, DSR = lib/metrics
 * `deflatedSharpeRatio` = Phi((SR - SR0) sqrt(T - 1) / sqrt(1 - skew SR + (kurt - 1)/4 SR^2)).
 *
 * @param returns Daily returns of the selected strategy.
 * @param trialSharpes Per-period Sharpe of every trial (including the selected one); NaN
 *   entries (never traded) count in N but not in the variance V (ddof 1).
 * @returns DSR and its ingredients (NaN when undefined, e.g. zero variance of the returns).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deflatedSharpe } from "./selection_stats.ts";
 * const r = Float64Array.from({ length: 500 }, (_, i) => 0.001 + 0.01 * Math.sin(i * 1.7));
 * const d = deflatedSharpe(r, [0.1, 0.0, -0.05, 0.02]);
 * assert.ok(d.dsr > 0.9 && d.expectedMaxSharpe > 0);
 * ```
 */
export function deflatedSharpe(
  returns: Float64Array,
  trialSharpes: readonly number[],
): DeflatedSharpe {
  const m = moments(returns);
  const ok = trialSharpes.filter(Number.isFinite);
  const n = trialSharpes.length, k = ok.length;
  const mean = ok.reduce((a, b) => a + b, 0) / k;
  const v = k > 1 ? ok.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1) : 0;
  const sr0 = n >= 1 ? expectedMaxSharpe(n, v) : 0;
  const dsr = n >= 1 && returns.length > 1
    ? deflatedSharpeRatio(m.sharpe, {
      trials: n,
      trialSharpeVariance: v,
      nObs: returns.length,
      skew: m.skew,
      excessKurtosis: m.kurt - 3,
    }).dsr
    : NaN;
  return Object.freeze({
    sharpe: m.sharpe,
    expectedMaxSharpe: sr0,
    trials: n,
    trialSharpeVariance: v,
    dsr,
  });
}

/** Per-period Sharpe (ddof 1), population skewness and raw kurtosis. */
function moments(
  r: Float64Array,
): { sharpe: number; skew: number; kurt: number } {
  const t = r.length;
  let m = 0;
  for (let i = 0; i < t; i++) m += r[i] / t;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < t; i++) {
    const d = r[i] - m;
    m2 += (d * d) / t;
    m3 += (d * d * d) / t;
    m4 += (d * d * d * d) / t;
  }
  const sd = Math.sqrt((m2 * t) / (t - 1));
  return {
    sharpe: sd > 0 ? m / sd : NaN,
    skew: m3 / m2 ** 1.5,
    kurt: m4 / (m2 * m2),
  };
}

/** Result of {@linkcode backtestOverfitting}. */
export interface BacktestOverfitting {
  /** Share of IS/OOS splits whose IS-best trial ranks at or below the OOS median. */
  readonly pbo: number;
  /** Number of row partitions S. */
  readonly partitions: number;
  /** Number of splits C(S, S/2). */
  readonly splits: number;
  /** Logits ln(w / (1 - w)) of the IS-best trial's relative OOS rank w, one per split. */
  readonly logits: Float64Array;
  /** Share of splits whose IS-best trial has a negative OOS Sharpe. */
  readonly probabilityOfLoss: number;
  /** Slope of the OLS of the IS-best trial's OOS Sharpe on its IS Sharpe over the splits
   * (negative: the better it looked in sample, the worse out of sample). */
  readonly degradationSlope: number;
}

/**
 * Probability of backtest overfitting by CSCV (Bailey, Borwein, Lopez de Prado and Zhu
 * 2017) through lib/metrics `probabilityOfBacktestOverfitting`: the leading `T mod S`
 * rows are dropped so the S contiguous blocks are of equal size, and NaN returns count as
 * flat days (0). For each choice of S/2 blocks as in-sample, the trial with the best IS
 * Sharpe is ranked by OOS Sharpe among all N (1 = worst, ties averaged), w = rank/(N + 1),
 * logit = ln(w / (1 - w)); PBO = share of splits with logit <= 0.
 *
 * @param columns One return column per trial (equal lengths).
 * @param options `partitions` S (even, 2..24). @default 16
 * @returns PBO, logits and the split count.
 * @throws RangeError on odd S, fewer than 2 S rows or fewer than 2 trials.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backtestOverfitting } from "./selection_stats.ts";
 * const good = Float64Array.from({ length: 160 }, (_, i) => 0.01 + 0.01 * Math.sin(i));
 * const bad = good.map((v) => v - 0.02);
 * assert.equal(backtestOverfitting([good, bad], { partitions: 4 }).pbo, 0);
 * ```
 */
export function backtestOverfitting(
  columns: readonly Float64Array[],
  options: { partitions?: number } = {},
): BacktestOverfitting {
  const s = options.partitions ?? 16;
  const n = columns.length, t = n ? columns[0].length : 0;
  if (columns.some((c) => c.length !== t)) {
    throw new RangeError(
      `backtestOverfitting needs columns of equal length, got ${
        columns.map((c) => c.length).join(", ")
      }`,
    );
  }
  const off = s > 0 && Number.isInteger(s) ? t % s : 0, rows = t - off;
  const data = new Float64Array(rows * n);
  for (let j = 0; j < n; j++) {
    const c = columns[j];
    for (let i = 0; i < rows; i++) {
      const v = c[off + i];
      data[i * n + j] = Number.isFinite(v) ? v : 0;
    }
  }
  const r = probabilityOfBacktestOverfitting({ data, rows, cols: n }, {
    partitions: s,
  });
  return Object.freeze({
    pbo: r.pbo,
    partitions: s,
    splits: r.nCombinations,
    logits: r.logits,
    probabilityOfLoss: r.probabilityOfLoss,
    degradationSlope: r.degradation.slope,
  });
}
