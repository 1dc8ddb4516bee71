/**
 * `deno task optimize`: walk-forward parameter search with every trial stored.
 *
 *   deno task optimize [--symbol SP500] [--strategy ma_crossover|momentum|zscore|rsi|breakout|pairs]
 *     [--train-len 504] [--test-len 126] [--stride N] [--search grid|random --trials N --seed S]
 *     [--cost-bps 1] [--start-date D] [--end-date D] [--partitions 16]
 *     [--db data/warehouse.duckdb] [--json]   (`--help` lists every flag)
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
import { runOptimizeJob } from "../jobs/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import {
  OptimizeFlagsSchema,
  optimizeJobFromFlags,
} from "./_optimize_flags.ts";
import { formatOptimize, optimizeReport } from "./_optimize_report.ts";
import { dataSanityLine } from "../report/mod.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "optimize",
    summary:
      "Walk-forward parameter search with every trial stored, the deflated Sharpe ratio and the probability of backtest overfitting.",
    about:
      "Inside each training window every configuration is backtested and the best (by training Sharpe) trades the next test window. Stores one row in optimize_runs and one per fold and configuration in optimize_trials. --strategy pairs trades --symbols A,B.",
    examples: [
      "--strategy rsi --search random --trials 30 --seed 7",
      "--strategy pairs --symbols SP500,AAPL",
    ],
    flags: OptimizeFlagsSchema,
    run: async (flags) => {
      const cfg = optimizeJobFromFlags(flags);
      const job = await withStore(flags.db, (db) => runOptimizeJob(db, cfg));
      const out = optimizeReport(cfg, job.runId, job.result, job.inputs);
      if (flags.json) io.out(jsonText(out));
      else {
        io.out(formatOptimize(out));
        io.out(dataSanityLine(out.dataSanity));
      }
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
