/**
 * Flatten an optimisation result into rows for the `optimize_runs` and
 * `optimize_trials` tables (pure; the CLI writes them through a DbEngine).
 *
 * @module
 */
import type { OptimizeResult } from "./types.ts";

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
 * import { optimizeRecords } from "./records.ts";
 * import { optimizeWalkForward } from "./optimize_walk_forward.ts";
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
