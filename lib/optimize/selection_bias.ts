/**
 * Selection bias of a set of tried configurations, measured the way a sceptical reader
 * asks: is the configuration that looks best with hindsight better than luck, against
 * zero AND against simply holding the market over the same days, and does the in-sample
 * winner keep winning out of sample?
 *
 * @module
 */
import {
  type BacktestOverfitting,
  backtestOverfitting,
  type DeflatedSharpe,
  deflatedSharpe,
} from "./selection_stats.ts";

/** What {@linkcode selectionBias} measures. */
export interface SelectionBias {
  /** Column of the hindsight-best configuration: best per-period Sharpe over the span. */
  readonly bestIndex: number;
  /** Its deflated Sharpe against zero: N = every column, V = variance of their Sharpes. */
  readonly best: DeflatedSharpe;
  /** Per-period Sharpe of the benchmark over the same rows. */
  readonly benchmarkSharpe: number;
  /**
   * Deflated Sharpe of the hindsight-best's excess returns over the benchmark, deflated by
   * the N excess series (each configuration minus the benchmark).
   */
  readonly excess: DeflatedSharpe;
  /** CSCV probability of backtest overfitting (null: too few rows or columns). */
  readonly pbo: BacktestOverfitting | null;
}

/** Options of {@linkcode selectionBias}. */
export interface SelectionBiasOptions {
  /** CSCV partitions S (even). @default 16 */
  readonly partitions?: number;
  /** Per-period Sharpe of each column when the caller already has them. @default mean / std (ddof 1) of the finite values */
  readonly sharpes?: readonly number[];
}

/** Per-period Sharpe (mean / std ddof 1) of the finite values; NaN when undefined. */
function perPeriodSharpe(x: Float64Array): number {
  let n = 0, s = 0;
  for (const v of x) if (Number.isFinite(v)) (n++, s += v);
  if (n < 2) return NaN;
  const m = s / n;
  let ss = 0;
  for (const v of x) if (Number.isFinite(v)) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  return sd > 0 ? m / sd : NaN;
}

/**
 * Deflated Sharpe of the hindsight-best column against zero and against the benchmark,
 * and PBO over the columns. The hindsight-best is chosen on the same rows it is scored
 * on, so its figures describe the search, never a walk-forward result: report them
 * apart from the walk-forward out-of-sample Sharpe of the configurations actually
 * selected fold by fold.
 *
 * @param columns One return column per configuration, all over the same rows (NaN =
 *   flat day for PBO, skipped for Sharpe).
 * @param benchmark The benchmark's returns on the same rows (e.g. buy-and-hold).
 * @param options CSCV partitions.
 * @returns The best column, its DSR against zero and against the benchmark, and PBO.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectionBias } from "./selection_bias.ts";
 * const market = Float64Array.from({ length: 640 }, (_, i) => 0.001 + 0.01 * Math.sin(i * 1.3));
 * const cols = [0, 1, 2, 3].map((k) => market.map((v, i) => v * (k % 2 ? 1 : 0.5) + 0.002 * Math.cos(i * (k + 2))));
 * const b = selectionBias(cols, market, { partitions: 4 });
 * assert.equal(b.best.trials, 4);
 * assert.ok(b.excess.sharpe < b.best.sharpe);
 * assert.ok(b.pbo !== null && b.pbo.splits === 6);
 * ```
 */
export function selectionBias(
  columns: readonly Float64Array[],
  benchmark: Float64Array,
  options: SelectionBiasOptions = {},
): SelectionBias {
  const n = columns.length;
  if (n === 0) throw new RangeError("selectionBias needs at least one column");
  const t = columns[0].length;
  if (
    columns.some((c) => c.length !== t) || benchmark.length !== t ||
    (options.sharpes && options.sharpes.length !== n)
  ) {
    throw new RangeError(
      `selectionBias needs columns and a benchmark of equal length (and one Sharpe per column), got ${
        columns.map((c) => c.length).join(", ")
      } and ${benchmark.length}`,
    );
  }
  const sharpes = options.sharpes ?? columns.map(perPeriodSharpe);
  let bestIndex = 0;
  sharpes.forEach((s, c) => {
    if (s > sharpes[bestIndex] || !Number.isFinite(sharpes[bestIndex])) {
      bestIndex = c;
    }
  });
  const excessCols = columns.map((c) => c.map((v, i) => v - benchmark[i]));
  const partitions = options.partitions ?? 16;
  return Object.freeze({
    bestIndex,
    best: deflatedSharpe(columns[bestIndex], sharpes),
    benchmarkSharpe: perPeriodSharpe(benchmark),
    excess: deflatedSharpe(
      excessCols[bestIndex],
      excessCols.map(perPeriodSharpe),
    ),
    pbo: n >= 2 && t >= 2 * partitions
      ? backtestOverfitting(columns, { partitions })
      : null,
  });
}
