/**
 * `deno task optimize`: walk-forward parameter search with every trial stored.
 *
 *   deno task optimize [--symbol SP500] [--strategy ma_crossover|momentum|zscore|rsi|breakout|pairs]
 *     [--train-len 504] [--test-len 126] [--stride N] [--search grid|random --trials N --seed S]
 *     [--cost-bps 1] [--start-date D] [--end-date D] [--partitions 16]
 *     [--db data/warehouse.duckdb] [--json]
 *   deno task optimize --strategy pairs [--symbols A,B]
 *
 * Inside each training window every configuration is backtested and the best (by train
 * Sharpe) trades the next test window; the deflated Sharpe ratio and the probability of
 * backtest overfitting are computed over all configurations tried. Stores one row in
 * `optimize_runs` and one per (fold, configuration) in `optimize_trials`.
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too little data).
 *
 * @module
 */
import { hashColumns } from "../_shared/hash.ts";
import { ensureSampleData, openDb } from "../data/mod.ts";
import {
  type OptimizeConfig,
  OptimizeConfigSchema,
  optimizeRecords,
  optimizeWalkForward,
} from "../optimize/mod.ts";
import {
  type CliIo,
  consoleIo,
  insertRows,
  makeRunId,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";
import { loadOptimizeInputs } from "./_optimize_inputs.ts";
import { formatOptimize, optimizeReport } from "./_optimize_report.ts";

const SPEC = {
  strings: [
    "symbol",
    "symbols",
    "strategy",
    "search",
    "start-date",
    "end-date",
    "db",
  ],
  numbers: [
    "trials",
    "seed",
    "train-len",
    "test-len",
    "stride",
    "cost-bps",
    "partitions",
  ],
  booleans: ["json"],
  keys: "camel" as const,
};

/** DDL of `optimize_runs` (one row per run) and `optimize_trials` (fold x configuration). */
const RUNS_DDL =
  `CREATE TABLE IF NOT EXISTS optimize_runs (run_id VARCHAR PRIMARY KEY,
  created_at TIMESTAMP, strategy VARCHAR, symbols VARCHAR, config_json VARCHAR, data_hash VARCHAR,
  n_configs INTEGER, n_folds INTEGER, n_trials INTEGER, oos_start VARCHAR, oos_end VARCHAR,
  oos_sharpe DOUBLE, oos_total_return DOUBLE, oos_max_drawdown DOUBLE, is_sharpe DOUBLE,
  oos_fold_sharpe DOUBLE, dsr DOUBLE, dsr_best_sharpe_ann DOUBLE,
  dsr_expected_max_sharpe_ann DOUBLE, pbo DOUBLE, pbo_partitions INTEGER)`;
const TRIALS_DDL =
  `CREATE TABLE IF NOT EXISTS optimize_trials (run_id VARCHAR, fold INTEGER,
  config_id INTEGER, params_json VARCHAR, train_sharpe DOUBLE, test_sharpe DOUBLE,
  test_total_return DOUBLE, test_returns_json VARCHAR, selected BOOLEAN)`;

/** Throw a RangeError saying how many bars one fold needs when there are fewer. */
function enoughData(
  symbols: string[],
  dates: readonly string[],
  cfg: OptimizeConfig,
): void {
  const need = cfg.trainLen + cfg.testLen;
  if (dates.length >= need) return;
  const span = dates.length ? ` (${dates[0]}..${dates[dates.length - 1]})` : "";
  throw new RangeError(
    `Too little data for one fold of ${
      symbols.join(",")
    }: need ${need} bars (train ${cfg.trainLen} + test ${cfg.testLen}), got ${dates.length}${span}; widen the date range or shorten --train-len/--test-len`,
  );
}

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const cfg: OptimizeConfig = parseFlags(args, OptimizeConfigSchema, SPEC);
    const started = new Date().toISOString();
    const db = await openDb(cfg.db);
    try {
      await ensureSampleData(db);
      const inputs = await loadOptimizeInputs(db, cfg);
      enoughData(inputs.bars.map((b) => b.symbol), inputs.bars[0].dates, cfg);
      const result = optimizeWalkForward(inputs.bars, {
        strategy: cfg.strategy,
        ...(cfg.search === "random"
          ? { random: { n: cfg.trials, seed: cfg.seed } }
          : {}),
        train: cfg.trainLen,
        test: cfg.testLen,
        stride: cfg.stride ?? cfg.testLen,
        costBps: cfg.costBps,
        partitions: cfg.partitions,
      });
      const symbols = inputs.bars.map((b) => b.symbol);
      const dataHash = hashColumns(
        inputs.bars.flatMap((b) => [b.dates, b.close]),
      );
      const runId = makeRunId(
        "optimize",
        started,
        hashColumns([JSON.stringify(cfg), dataHash]),
      );
      const rows = optimizeRecords(result, {
        runId,
        symbols,
        config: cfg,
        dataHash,
      });
      await insertRows(db, "optimize_runs", RUNS_DDL, [rows.run], started);
      await insertRows(db, "optimize_trials", TRIALS_DDL, rows.trials);
      const out = optimizeReport(cfg, runId, result, inputs);
      io.out(cfg.json ? toJson(out) : formatOptimize(out));
      return 0;
    } finally {
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
