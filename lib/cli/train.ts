/**
 * `deno task train [--symbol SP500] [--symbols A,B] [--start-date D] [--end-date D]
 *  [--model ridge|lasso|elasticnet|logistic|rf|gbt|mlp] [--model-options JSON]
 *  [--train-len 756] [--test-len 126] [--selection none|topk|stable] [--top-k 4]
 *  [--null-repeats 3] [--seed 42] [--enable-persistence] [--enable-warm-start]
 *  [--universe NAME [--backend queue --shared DIR [--redis URL] [--resume RUN]]]
 *  [--db data/warehouse.duckdb] [--json]`
 *
 * Walk-forward training of one model per symbol with per-fold importance, stability, a
 * cold baseline for the warm-start effect, and (with --enable-persistence) the run stored
 * in ml_runs / feature_importance / checkpoints. With --enable-warm-start a run starts
 * from the latest compatible checkpoints of an earlier run of the same symbol and model.
 * With `--universe`, `--backend queue` trains each symbol on `deno task worker` processes
 * through Redis (the same summaries and stored rows as the local run; a symbol that
 * cannot train is reported and the others go on, exit 1).
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too little data).
 *
 * @module
 */
import {
  runTrainingJob,
  runTrainingUniverseJob,
  type TrainSummary,
} from "../jobs/mod.ts";
import { jsonText, loadUniverse, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { TrainFlagsSchema, trainingJobFromFlags } from "./_ml_flags.ts";
import { formatTrainSummary } from "./_train_text.ts";
import { dataSanityLine } from "../report/mod.ts";
import { queueFromFlags } from "./_queue_flags.ts";
import { terminalProgress } from "./_progress.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "train",
    summary:
      "Walk-forward training of one model per symbol with per-fold feature importance and stability; --enable-persistence stores the run.",
    about:
      "Stored runs go to ml_runs, feature_importance and checkpoints. --enable-warm-start starts each fold from the latest compatible checkpoints of an earlier run of the same symbol and model, next to a cold baseline. With --universe, --backend queue trains each symbol on deno task worker processes through Redis (the same stored rows).",
    examples: [
      "--symbol SP500 --model ridge --enable-persistence --enable-warm-start",
      "--universe tech --enable-persistence --backend queue --shared data --redis redis://127.0.0.1:6379",
    ],
    flags: TrainFlagsSchema,
    run: (flags) =>
      withStore(flags.db, async (db) => {
        const job = trainingJobFromFlags(flags);
        const print = (s: TrainSummary) => {
          if (flags.json) return;
          io.out(formatTrainSummary(s));
          io.out(dataSanityLine(s.dataSanity));
        };
        const queue = queueFromFlags(flags, (t) => io.err(t));
        if (queue && flags.universe !== undefined) {
          const { symbols: _, ...config } = job;
          const r = await runTrainingUniverseJob(db, {
            config,
            symbols: await loadUniverse(db, flags.universe),
          }, { queue, onProgress: terminalProgress(!flags.json) });
          const runs = r.symbols.flatMap((s) => s.job ? [s.job] : []);
          runs.forEach(print);
          const errors = r.symbols.filter((s) => s.error !== undefined);
          for (const e of errors) io.err(`${e.symbol}: ${e.error}`);
          if (flags.json) {
            io.out(jsonText({
              runs,
              ...(errors.length > 0
                ? {
                  errors: errors.map(({ symbol, error }) => ({
                    symbol,
                    error,
                  })),
                }
                : {}),
            }));
          }
          return errors.length > 0 ? 1 : 0;
        }
        const universe = flags.universe === undefined
          ? null
          : await loadUniverse(db, flags.universe);
        const runs = await runTrainingJob(
          db,
          universe ? { ...job, symbols: universe } : job,
          print,
        );
        if (flags.json) io.out(jsonText({ runs }));
        return 0;
      }),
  });
}

if (import.meta.main) await runAsScript(main);
