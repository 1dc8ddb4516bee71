/**
 * `deno task stress`: replay historical crises and hypothetical shocks on a portfolio.
 *
 *   deno task stress [--symbols SP500,AAPL] [--weights 0.6,0.4]
 *     [--scenarios config/stress_scenarios.json] [--limits config/risk_limits.json]
 *     [--confidence 0.99] [--var-method historical|normal|cornish-fisher|ewma|fhs]
 *     [--universe NAME [--backend queue --shared DIR [--redis URL] [--resume RUN]]]
 *     [--db data/warehouse.duckdb] [--json]
 *
 * Prices: the store's closes of the symbols on their common dates (the built-in samples
 * are loaded on first use); weights constant (rebalanced daily), equal by default.
 * Results go to the DuckDB table `stress_results`. With `--universe`, `--backend queue`
 * computes each symbol's scope and the portfolio's on `deno task worker` processes through
 * Redis (the same stored rows as the local run).
 * Exit codes: 0 ok, 2 bad flags or config, 1 any other failure (e.g. no common dates).
 *
 * @module
 */
import { runStressJob, runStressUniverseJob } from "../jobs/mod.ts";
import { jsonText, loadUniverse, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { StressFlagsSchema, stressJobFromFlags } from "./_stress_flags.ts";
import { formatStress } from "./_stress_table.ts";
import { dataSanityLine } from "../report/mod.ts";
import { queueFromFlags } from "./_queue_flags.ts";
import { terminalProgress } from "./_progress.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags or config.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "stress",
    summary:
      "Replay historical crises and hypothetical shocks on a portfolio of stored symbols, with VaR and expected shortfall against the risk limits.",
    about:
      "Prices are the store's closes of the symbols on their common dates (the built-in samples are loaded on first use). Results go to the stress_results table. With --universe, --backend queue computes each symbol alone and the portfolio as shards on deno task worker processes through Redis (the same stored rows).",
    examples: [
      "--symbols SP500,AAPL --weights 0.6,0.4 --var-method normal",
      "--universe tech --backend queue --shared data --redis redis://127.0.0.1:6379",
    ],
    flags: StressFlagsSchema,
    run: async (flags) => {
      if (flags.universe !== undefined) {
        const symbols = await withStore(
          flags.db,
          (db) => loadUniverse(db, flags.universe!),
        );
        flags = { ...flags, symbols };
      }
      const cfg = await stressJobFromFlags(flags);
      const queue = queueFromFlags(flags, (t) => io.err(t));
      const r = await withStore(
        flags.db,
        (db) =>
          queue
            ? runStressUniverseJob(db, cfg, {
              queue,
              onProgress: terminalProgress(!flags.json),
            })
            : runStressJob(db, cfg),
      );
      if (flags.json) {
        io.out(jsonText({
          runId: r.runId,
          symbols: cfg.symbols,
          weights: cfg.weights,
          dates: r.dates,
          confidence: cfg.confidence,
          varMethod: cfg.varMethod,
          limits: cfg.limits,
          results: r.results,
          dataSanity: r.dataSanity,
          table: "stress_results",
        }));
      } else {
        io.out(formatStress({ runId: r.runId, ...cfg }, r.results));
        io.out(dataSanityLine(r.dataSanity));
        io.out(`stored ${r.rows} rows in stress_results`);
      }
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
