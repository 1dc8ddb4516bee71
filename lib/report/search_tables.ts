/**
 * The two tables of a parameter search, in reports and notebooks alike: the
 * walk-forward result of the configurations selected fold by fold, and apart from it the
 * selection bias of the search (the hindsight-best configuration's deflated Sharpe
 * against zero and the benchmark, N, the trial-Sharpe variance, PBO) with the sentence
 * reconciling them.
 *
 * @module
 */
import type { OptimizeResult } from "../optimize/mod.ts";
import { optimizeRecords, type OptimizeRunRow } from "../store/mod.ts";
import {
  configText,
  SELECTION_BIAS_COLUMNS,
  type SelectionBiasFigures,
  selectionBiasRow,
  selectionVerdict,
} from "./selection_bias_view.ts";
import type { TableCell, TableColumn } from "./table.ts";

/** Strategy families of `optimize_runs.strategy`. */
export const STRATEGY_FAMILIES: Readonly<Record<string, string>> = {
  pairs: "pairs / statistical arbitrage",
  zscore: "mean reversion",
  rsi: "mean reversion",
  momentum: "momentum",
  xs_momentum: "momentum",
  ma_crossover: "trend",
  breakout: "trend",
};

/** Walk-forward table rows of `optimize_runs` rows (raw fractions; drawdowns positive). */
function optimizeRows(rows: readonly OptimizeRunRow[]): TableCell[][] {
  const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  return rows.map((r) => [
    STRATEGY_FAMILIES[String(r.strategy)] ?? "other",
    String(r.strategy),
    String(r.symbols),
    String(r.oos_start),
    String(r.oos_end),
    num(r.n_configs),
    num(r.n_folds),
    num(r.is_sharpe),
    num(r.oos_sharpe),
    num(r.oos_total_return),
    Math.abs(num(r.oos_max_drawdown)),
  ]);
}

/** Columns of {@link optimizeRows}. */
const OPTIMIZE_COLUMNS: readonly TableColumn[] = [
  { title: "family" },
  { title: "strategy" },
  { title: "symbols" },
  { title: "OOS from" },
  { title: "OOS to" },
  { title: "configs", format: "int" },
  { title: "folds", format: "int" },
  { title: "IS Sharpe of picks", format: "ratio" },
  { title: "OOS Sharpe", format: "ratio" },
  { title: "OOS return", format: "pct" },
  { title: "OOS max DD", format: "pct" },
];

/**
 * The selection-bias figures of a stored search; rows of a store written before the
 * benchmark columns show the benchmark as not stored.
 */
function storedSelectionFigures(
  r: OptimizeRunRow,
): SelectionBiasFigures {
  const num = (v: unknown) => (v === null || v === undefined ? NaN : Number(v));
  const old = r.benchmark === null || r.benchmark === undefined;
  return {
    search: `${r.strategy} on ${r.symbols}`,
    configurations: num(r.dsr_trials ?? r.n_configs),
    trialSharpeVariance: num(r.dsr_trial_sharpe_var_ann),
    best: r.best_config_json
      ? configText(String(r.best_config_json))
      : "not stored",
    bestSharpe: num(r.dsr_best_sharpe_ann),
    expectedMaxSharpe: num(r.dsr_expected_max_sharpe_ann),
    dsr: num(r.dsr),
    benchmark: old
      ? "benchmark not stored (run the search again)"
      : r.benchmark,
    benchmarkSharpe: num(r.benchmark_sharpe_ann),
    excessSharpe: num(r.excess_sharpe_ann),
    excessExpectedMaxSharpe: num(r.excess_expected_max_sharpe_ann),
    excessDsr: num(r.excess_dsr),
    pbo: num(r.pbo),
    pboProbabilityOfLoss: num(r.pbo_prob_loss),
  };
}

/** A table: columns, rows and what to read under it. */
export interface CaptionedTable {
  readonly columns: readonly TableColumn[];
  readonly rows: TableCell[][];
  readonly caption: string;
}

/** The two tables of one or more searches. */
export interface SearchTables {
  /** Walk-forward out of sample: each fold trades its best training configuration. */
  readonly walkForward: CaptionedTable;
  /** The hindsight-best configuration over the whole OOS span: DSR, benchmark, PBO. */
  readonly selectionBias: CaptionedTable;
  /** One sentence per search reconciling DSR and PBO. */
  readonly verdicts: readonly string[];
}

/**
 * The tables of stored searches (`optimize_runs` rows; rows of a store written before
 * the benchmark columns say the benchmark was not stored).
 *
 * @param rows One row per search.
 * @returns Both tables and the verdicts.
 */
export function searchTables(rows: readonly OptimizeRunRow[]): SearchTables {
  const figures = rows.map(storedSelectionFigures);
  const verdicts = figures.map((f) => `${f.search}: ${selectionVerdict(f)}`);
  return {
    walkForward: {
      columns: OPTIMIZE_COLUMNS,
      rows: optimizeRows(rows),
      caption:
        "IS Sharpe of picks: mean training Sharpe of the configurations selected fold by fold; OOS figures: their stitched test windows. Sharpe annualised (252/yr); max DD a positive loss.",
    },
    selectionBias: {
      columns: SELECTION_BIAS_COLUMNS,
      rows: figures.map(selectionBiasRow),
      caption:
        `N configurations and the variance of their annualised Sharpe ratios set the expected best Sharpe of N configurations without skill (E[max] of N); DSR is the probability that the hindsight-best beats it, against zero and, on its excess returns, against the benchmark over the same days. PBO: probability of backtest overfitting (CSCV). ${
          verdicts.join(" ")
        }`,
    },
    verdicts,
  };
}

/**
 * The tables of searches just run (notebooks): the same as the stored form.
 *
 * @param results One `optimizeWalkForward` result per search, with its symbols.
 * @returns Both tables and the verdicts.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { optimizeWalkForward } from "../optimize/mod.ts";
 * import { searchResultsTables } from "./search_tables.ts";
 * const close = Float64Array.from({ length: 700 }, (_, i) => 100 * Math.exp(0.0004 * i + 0.03 * Math.sin(i / 15)));
 * const bars = { symbol: "X", dates: Array.from({ length: 700 }, (_, i) => `d${1000 + i}`), open: close, high: close, low: close, close, volume: close };
 * const r = optimizeWalkForward(bars, { strategy: "momentum", train: 250, test: 100, partitions: 4 });
 * const t = searchResultsTables([{ result: r, symbols: ["X"] }]);
 * assert.equal(t.walkForward.rows[0][1], "momentum");
 * assert.match(t.verdicts[0], /^momentum on X: DSR /);
 * ```
 */
export function searchResultsTables(
  results: readonly {
    readonly result: OptimizeResult;
    readonly symbols: readonly string[];
  }[],
): SearchTables {
  return searchTables(
    results.map(({ result, symbols }) =>
      optimizeRecords(result, { runId: "", symbols, config: {}, dataHash: "" })
        .run
    ),
  );
}
