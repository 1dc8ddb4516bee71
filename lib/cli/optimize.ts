/**
 * `deno task optimize`: walk-forward parameter search with every trial stored.
 *
 *   deno task optimize [--symbol SP500] [--strategy ma_crossover|momentum|zscore|rsi|breakout|pairs]
 *     [--train-len 504] [--test-len 126] [--stride N] [--search grid|random --trials N --seed S]
 *     [--cost-bps 1] [--start-date D] [--end-date D] [--partitions 16]
 *     [--db data/warehouse.duckdb] [--json]   (`--help` lists every flag)
 *   deno task optimize --strategy pairs [--symbols A,B]
 *   deno task optimize --universe NAME [--backend queue --shared DIR [--redis URL] [--resume RUN]]
 *
 * Inside each training window every configuration is backtested and the best (by train
 * Sharpe) trades the next test window; the deflated Sharpe ratio and the probability of
 * backtest overfitting are computed over all configurations tried. Stores one row in
 * `optimize_runs` and one per (fold, configuration) in `optimize_trials`.
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too little data).
 *
 * @module
 */
import { runOptimizeJob, runOptimizeUniverseJob } from "../jobs/mod.ts";
import { queueFromFlags } from "./_queue_flags.ts";
import type { DbEngine } from "../data/mod.ts";
import { jsonText, loadUniverse, withStore } from "../store/mod.ts";
import { eachFromQueue, eachSymbol, printEach } from "./_each_symbol.ts";
import { terminalProgress } from "./_progress.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import {
  type OptimizeFlags,
  OptimizeFlagsSchema,
  optimizeJobFromFlags,
} from "./_optimize_flags.ts";
import { formatOptimize, optimizeReport } from "./_optimize_report.ts";
import { dataSanityLine } from "../report/mod.ts";

/**
 * The search on every symbol of `--universe`: one stored run per symbol, a table of the
 * walk-forward OOS Sharpe, the best configuration's deflated Sharpe and the PBO.
 *
 * @param db The store.
 * @param flags Parsed flags.
 * @param io Output sink.
 * @returns Exit code: 0, or 1 when a symbol failed.
 */
async function optimizeUniverse(
  db: DbEngine,
  flags: OptimizeFlags,
  io: CliIo,
): Promise<number> {
  const cfg = optimizeJobFromFlags(flags);
  const symbols = await loadUniverse(db, flags.universe!);
  const queue = queueFromFlags(flags, (t) => io.err(t));
  const { symbol: _one, symbols: _pair, ...search } = cfg;
  const all = queue
    ? eachFromQueue(
      (await runOptimizeUniverseJob(db, {
        search,
        symbols,
        configsPerShard: flags.configsPerShard,
      }, {
        queue,
        onProgress: terminalProgress(!flags.json),
      })).symbols,
      (job, symbol) =>
        optimizeReport({ ...cfg, symbol }, job.runId, job.result, job.inputs),
    )
    : await eachSymbol(
      symbols,
      async (symbol) => {
        const one = { ...cfg, symbol };
        const job = await runOptimizeJob(db, one);
        return optimizeReport(one, job.runId, job.result, job.inputs);
      },
      terminalProgress(!flags.json),
      "optimize",
    );
  const ok = all.filter((r) => r.result !== undefined);
  const errors = all.filter((r) => r.error !== undefined);
  if (flags.json) {
    io.out(jsonText({ symbols: ok.map((r) => r.result), errors }));
  } else {
    printEach(
      io,
      ["hindsight-best DSR", "PBO"],
      ok.map((r) => {
        const o = r.result!;
        return {
          symbol: r.symbol,
          sharpe: o.metrics.oosSharpe,
          oosDays: o.oos.rows,
          cells: [
            o.selectionBias.dsr.toFixed(3).padStart(18),
            o.pbo.pbo.toFixed(3).padStart(5),
          ],
        };
      }),
      errors,
    );
  }
  return errors.length > 0 ? 1 : 0;
}

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
      "Inside each training window every configuration is backtested and the best (by training Sharpe) trades the next test window. Stores one row in optimize_runs and one per fold and configuration in optimize_trials. --strategy pairs trades --symbols A,B. With --universe, --backend queue runs each symbol's search on deno task worker processes through Redis (the same stored rows).",
    examples: [
      "--strategy rsi --search random --trials 30 --seed 7",
      "--strategy pairs --symbols SP500,AAPL",
      "--universe tech --backend queue --shared data --redis redis://127.0.0.1:6379",
    ],
    flags: OptimizeFlagsSchema,
    run: async (flags) => {
      const cfg = optimizeJobFromFlags(flags);
      if (flags.universe !== undefined) {
        return await withStore(
          flags.db,
          (db) => optimizeUniverse(db, flags, io),
        );
      }
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
