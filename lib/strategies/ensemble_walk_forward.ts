/**
 * Walk-forward ensemble of strategy components with in-sample weights per fold.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { type EnsembleMethod, ensembleWeights } from "./ensemble_weights.ts";
import { type Fold, makeFolds } from "../backtest/mod.ts";
import { meanStd } from "../metrics/mod.ts";

/** Options of {@linkcode runEnsembleWalkForward}. */
export interface EnsembleWalkForwardOptions {
  /** Training rows per fold. */
  readonly train: number;
  /** Test rows per fold. */
  readonly test: number;
  /** Rows between folds. @default test */
  readonly stride?: number;
  /** Weighting scheme. @default "equal" */
  readonly method?: EnsembleMethod;
  /** Expanding training window. @default false */
  readonly anchored?: boolean;
  /** Component names for the report. @default "c0", "c1", ... */
  readonly names?: readonly string[];
  /** Ridge penalty of the stacked method. @default 0.01 */
  readonly ridge?: number;
}

/** A fold with the weights learned on its training rows. */
export interface EnsembleFold extends Fold {
  readonly weights: Float64Array;
}

/** One component's share of the out-of-sample P&L. */
export interface EnsembleContribution {
  readonly name: string;
  /** sum over OOS rows of w_fold * r_component (simple-return P&L units). */
  readonly pnl: number;
  /** pnl / total pnl (NaN when the total is 0). */
  readonly share: number;
  /** Average weight over the OOS folds. */
  readonly meanWeight: number;
}

/** Result of {@linkcode runEnsembleWalkForward}. */
export interface EnsembleWalkForwardResult {
  readonly folds: readonly EnsembleFold[];
  readonly oos: {
    readonly dates: readonly string[];
    readonly returns: Float64Array;
  };
  readonly contributions: readonly EnsembleContribution[];
  readonly metrics: {
    readonly sharpe: number;
    readonly totalPnl: number;
    readonly meanDailyReturn: number;
    readonly oosRows: number;
  };
}

/**
 * For each fold, learn weights from the components' returns on the training rows only,
 * then apply them to the test rows: r_ens,t = sum_i w_i r_i,t (a NaN component return
 * counts as 0). Test windows should not overlap (stride >= test); with overlap the later
 * fold's rows are skipped. Contributions sum exactly to the total OOS P&L.
 * Component returns must already be net returns at t (position from t-1 earning t).
 *
 * @param components Component return columns, or a Matrix with one column per component.
 * @param dates One date per row.
 * @param options Windows and weighting.
 * @returns Per-fold weights, OOS returns, contributions and metrics (Sharpe 252/yr).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runEnsembleWalkForward } from "./ensemble_walk_forward.ts";
 * const a = Float64Array.from({ length: 40 }, (_, i) => (i % 2 ? 0.01 : -0.005));
 * const dates = Array.from({ length: 40 }, (_, i) => `d${i}`);
 * const r = runEnsembleWalkForward([a, a.map((v) => -v)], dates, { train: 20, test: 10, method: "sharpe" });
 * assert.equal(r.folds.length, 2);
 * assert.ok(Math.abs(r.contributions[0].share - 1) < 1e-12);
 * ```
 */
export function runEnsembleWalkForward(
  components: readonly Float64Array[] | Matrix,
  dates: readonly string[],
  options: EnsembleWalkForwardOptions,
): EnsembleWalkForwardResult {
  const comps = toColumns(components);
  const k = comps.length, n = dates.length;
  for (const c of comps) {
    if (c.length !== n) {
      throw new RangeError(
        `Components need one row per date: got ${c.length}, expected ${n}`,
      );
    }
  }
  const folds = makeFolds(n, {
    train: options.train,
    test: options.test,
    stride: options.stride,
    anchored: options.anchored,
  });
  const names = options.names ?? comps.map((_, i) => `c${i}`);
  const pnl = new Float64Array(k), wsum = new Float64Array(k);
  const outDates: string[] = [], out: number[] = [];
  const result: EnsembleFold[] = [];
  let last = -1;
  for (const f of folds) {
    const w = ensembleWeights(comps, {
      method: options.method ?? "equal",
      from: f.trainStart,
      to: f.trainEnd,
      ...(options.ridge === undefined ? {} : { ridge: options.ridge }),
    });
    result.push(Object.freeze({ ...f, weights: w }));
    for (let i = 0; i < k; i++) wsum[i] += w[i];
    for (let t = Math.max(f.testStart, last + 1); t < f.testEnd; t++) {
      let r = 0;
      for (let i = 0; i < k; i++) {
        const v = comps[i][t];
        if (!Number.isFinite(v)) continue;
        r += w[i] * v;
        pnl[i] += w[i] * v;
      }
      outDates.push(dates[t]);
      out.push(r);
      last = t;
    }
  }
  const returns = Float64Array.from(out);
  let total = 0;
  for (let t = 0; t < returns.length; t++) total += returns[t];
  const contributions = names.map((name, i) => ({
    name,
    pnl: pnl[i],
    share: total !== 0 ? pnl[i] / total : NaN,
    meanWeight: folds.length ? wsum[i] / folds.length : NaN,
  }));
  return {
    folds: result,
    oos: { dates: outDates, returns },
    contributions,
    metrics: {
      sharpe: annualisedSharpe(returns),
      totalPnl: total,
      meanDailyReturn: meanStd(returns).mean,
      oosRows: returns.length,
    },
  };
}

function toColumns(c: readonly Float64Array[] | Matrix): Float64Array[] {
  if (Array.isArray(c)) return c as Float64Array[];
  const m = c as Matrix;
  const cols: Float64Array[] = [];
  for (let j = 0; j < m.cols; j++) {
    const col = new Float64Array(m.rows);
    for (let r = 0; r < m.rows; r++) col[r] = m.data[r * m.cols + j];
    cols.push(col);
  }
  return cols;
}

/**
 * Annualised Sharpe ratio mean / std(n-1) * sqrt(252) of daily returns (risk-free 0,
 * plain sums: the ensemble's stored figures); NaN when std is 0 or fewer than 2 values.
 */
function annualisedSharpe(x: Float64Array): number {
  const { mean, std } = meanStd(x);
  return std > 0 ? (mean / std) * Math.sqrt(252) : NaN;
}
