/**
 * Parameter searches of `deno task optimize`: `optimize_runs` (one row per run: the
 * walk-forward figures of the configurations selected fold by fold, and apart from them
 * the selection bias of the hindsight-best configuration: its deflated Sharpe against
 * zero and against buy-and-hold, N, the trial-Sharpe variance, PBO) and `optimize_trials` (one row per fold and
 * configuration, every trial kept so selection bias can be measured). DDL, row builder,
 * writer and reader.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { OptimizeResult } from "../optimize/mod.ts";
import {
  addedColumns,
  HAS_SYMBOL_SQL,
  insertRows,
  readRows,
  writeFamily,
} from "./_sql.ts";

/** DDL of `optimize_runs` (one row per run) and `optimize_trials` (fold x configuration). */
export const OPTIMIZE_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS optimize_runs (run_id VARCHAR PRIMARY KEY,
  created_at TIMESTAMP, strategy VARCHAR, symbols VARCHAR, config_json VARCHAR, data_hash VARCHAR,
  n_configs INTEGER, n_folds INTEGER, n_trials INTEGER, oos_start VARCHAR, oos_end VARCHAR,
  oos_sharpe DOUBLE, oos_total_return DOUBLE, oos_max_drawdown DOUBLE, is_sharpe DOUBLE,
  oos_fold_sharpe DOUBLE, dsr DOUBLE, dsr_best_sharpe_ann DOUBLE,
  dsr_expected_max_sharpe_ann DOUBLE, pbo DOUBLE, pbo_partitions INTEGER,
  dsr_trials INTEGER, dsr_trial_sharpe_var_ann DOUBLE, best_config_json VARCHAR,
  benchmark VARCHAR, benchmark_sharpe_ann DOUBLE, excess_sharpe_ann DOUBLE,
  excess_expected_max_sharpe_ann DOUBLE, excess_dsr DOUBLE, pbo_prob_loss DOUBLE)`,
  ...addedColumns("optimize_runs", [
    "dsr_trials INTEGER",
    "dsr_trial_sharpe_var_ann DOUBLE",
    "best_config_json VARCHAR",
    "benchmark VARCHAR",
    "benchmark_sharpe_ann DOUBLE",
    "excess_sharpe_ann DOUBLE",
    "excess_expected_max_sharpe_ann DOUBLE",
    "excess_dsr DOUBLE",
    "pbo_prob_loss DOUBLE",
  ]),
  `CREATE TABLE IF NOT EXISTS optimize_trials (run_id VARCHAR, fold INTEGER,
  config_id INTEGER, params_json VARCHAR, train_sharpe DOUBLE, test_sharpe DOUBLE,
  test_total_return DOUBLE, test_returns_json VARCHAR, selected BOOLEAN)`,
];

/** One row of `optimize_runs`. */
export interface OptimizeRunRow {
  readonly run_id: string;
  readonly strategy: string;
  readonly symbols: string;
  readonly config_json: string;
  readonly data_hash: string;
  readonly n_configs: number;
  readonly n_folds: number;
  readonly n_trials: number;
  readonly oos_start: string;
  readonly oos_end: string;
  readonly oos_sharpe: number;
  readonly oos_total_return: number;
  readonly oos_max_drawdown: number;
  readonly is_sharpe: number;
  readonly oos_fold_sharpe: number;
  readonly dsr: number;
  readonly dsr_best_sharpe_ann: number;
  readonly dsr_expected_max_sharpe_ann: number;
  readonly pbo: number;
  readonly pbo_partitions: number;
  /** Configurations N the hindsight-best DSR was deflated by. */
  readonly dsr_trials: number;
  /** Variance of the configurations' annualised Sharpe ratios over the span. */
  readonly dsr_trial_sharpe_var_ann: number;
  /** The hindsight-best configuration (best Sharpe over the whole OOS span). */
  readonly best_config_json: string;
  /** "buy-and-hold SP500". */
  readonly benchmark: string;
  readonly benchmark_sharpe_ann: number;
  /** Hindsight-best minus benchmark. */
  readonly excess_sharpe_ann: number;
  readonly excess_expected_max_sharpe_ann: number;
  readonly excess_dsr: number;
  /** Share of CSCV splits whose in-sample winner lost out of sample. */
  readonly pbo_prob_loss: number;
}

/** One row of `optimize_trials`. */
export interface OptimizeTrialRow {
  readonly run_id: string;
  readonly fold: number;
  readonly config_id: number;
  readonly params_json: string;
  readonly train_sharpe: number;
  readonly test_sharpe: number;
  readonly test_total_return: number;
  /** Net daily returns of the test window as a JSON array (NaN -> null). */
  readonly test_returns_json: string;
  readonly selected: boolean;
}

/**
 * Rows for storage. Sharpe values are annualised (sqrt 252); NaN stays NaN (stored NULL).
 *
 * @param result From `optimizeWalkForward`.
 * @param meta Run id, symbols, validated config and data hash.
 * @returns `{ run, trials }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { optimizeRecords } from "./optimize_runs.ts";
 * import { optimizeWalkForward } from "../optimize/mod.ts";
 * const close = Float64Array.from({ length: 400 }, (_, i) => 100 + Math.sin(i / 7) + i / 50);
 * const bars = { symbol: "X", dates: Array.from({ length: 400 }, (_, i) => `d${1000 + i}`), open: close, high: close, low: close, close, volume: close };
 * const r = optimizeWalkForward(bars, { strategy: "rsi", train: 200, test: 100, partitions: 4 });
 * const rows = optimizeRecords(r, { runId: "optimize-x", symbols: ["X"], config: {}, dataHash: "0" });
 * assert.equal(rows.trials.length, r.trials.length);
 * ```
 */
export function optimizeRecords(
  result: OptimizeResult,
  meta: {
    runId: string;
    symbols: readonly string[];
    config: Readonly<Record<string, unknown>>;
    dataHash: string;
  },
): { run: OptimizeRunRow; trials: OptimizeTrialRow[] } {
  const ann = Math.sqrt(252);
  const run: OptimizeRunRow = {
    run_id: meta.runId,
    strategy: result.strategy,
    symbols: meta.symbols.join(","),
    config_json: JSON.stringify(meta.config),
    data_hash: meta.dataHash,
    n_configs: result.configs.length,
    n_folds: result.folds.length,
    n_trials: result.trials.length,
    oos_start: result.oos.dates[0] ?? "",
    oos_end: result.oos.dates[result.oos.dates.length - 1] ?? "",
    oos_sharpe: result.metrics.oosSharpe,
    oos_total_return: result.metrics.oosTotalReturn,
    oos_max_drawdown: result.metrics.oosMaxDrawdown,
    is_sharpe: result.degradation.isSharpe,
    oos_fold_sharpe: result.degradation.oosSharpe,
    dsr: result.dsr.dsr,
    dsr_best_sharpe_ann: result.dsr.sharpe * ann,
    dsr_expected_max_sharpe_ann: result.dsr.expectedMaxSharpe * ann,
    pbo: result.pbo.pbo,
    pbo_partitions: result.pbo.partitions,
    dsr_trials: result.dsr.trials,
    dsr_trial_sharpe_var_ann: result.dsr.trialSharpeVariance * 252,
    best_config_json: JSON.stringify(result.configs[result.dsr.bestConfigId]),
    benchmark: result.benchmark.label,
    benchmark_sharpe_ann: result.benchmark.sharpe * ann,
    excess_sharpe_ann: result.benchmark.excess.sharpe * ann,
    excess_expected_max_sharpe_ann: result.benchmark.excess.expectedMaxSharpe *
      ann,
    excess_dsr: result.benchmark.excess.dsr,
    pbo_prob_loss: result.pbo.probabilityOfLoss,
  };
  const trials = result.trials.map((t) => {
    let total = 1;
    for (const r of t.testReturns) total *= 1 + r;
    return {
      run_id: meta.runId,
      fold: t.fold,
      config_id: t.configId,
      params_json: JSON.stringify(t.params),
      train_sharpe: t.trainSharpe,
      test_sharpe: t.testSharpe,
      test_total_return: total - 1,
      test_returns_json: JSON.stringify(Array.from(t.testReturns)),
      selected: t.selected,
    };
  });
  return { run, trials };
}

/**
 * Store one search: its `optimize_runs` row and every trial, in one transaction.
 *
 * @param db The store.
 * @param rows From {@linkcode optimizeRecords}.
 * @param createdAt ISO instant the run started (the run row's `created_at`).
 */
export async function saveOptimizeRun(
  db: DbEngine,
  rows: { run: OptimizeRunRow; trials: readonly OptimizeTrialRow[] },
  createdAt: string,
): Promise<void> {
  await writeFamily(db, "optimize", OPTIMIZE_DDL, async (tx) => {
    await insertRows(tx, "optimize_runs", [rows.run], { createdAt });
    await insertRows(tx, "optimize_trials", rows.trials);
  });
}

/** A stored `optimize_runs` row. */
export type StoredOptimizeRun = OptimizeRunRow & {
  readonly created_at: string;
};

/**
 * The newest `optimize_runs` row of each strategy (and symbol set); [] when none.
 * With `symbol`: only searches whose symbols include it.
 *
 * @param db The store.
 * @param options `symbol` to scope the read to.
 * @returns The rows, by strategy and symbols.
 */
export async function readLatestOptimize(
  db: DbEngine,
  options: { readonly symbol?: string } = {},
): Promise<StoredOptimizeRun[]> {
  return await readRows<StoredOptimizeRun>(
    db,
    "optimize_runs",
    `SELECT * FROM optimize_runs
     WHERE ${HAS_SYMBOL_SQL}
     QUALIFY row_number() OVER (
       PARTITION BY strategy, symbols ORDER BY created_at DESC NULLS LAST, run_id DESC) = 1
     ORDER BY strategy, symbols`,
    { s: options.symbol ?? null },
  );
}
