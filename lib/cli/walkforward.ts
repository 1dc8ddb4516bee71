/**
 * `deno task walkforward --symbol S [--start-date D] [--end-date D] [--train-len 252]
 * [--test-len 63] [--stride 63] [--perf-mode STRICT|RELAXED] [--allow-unrepaired]
 * [--model ridge|...]
 * [--anchored] [--gap N] [--cost-bps 1] [--features a,b,c] [--db P] [--json]
 * [--controls] [--seed N]` (`--help` lists every flag)
 *
 * Runs the walk-forward job (lib/jobs): loads the symbol from the store (the built-in
 * SP500/AAPL samples are loaded on first use), clamps the date range to the data (with a
 * note on stderr), validates the range with DataSanity (STRICT, the default, fails on
 * any violation; RELAXED repairs causally and fails on what no repair fixes unless
 * `--allow-unrepaired`; the run records what was done), runs the walk-forward,
 * stores the run (tables runs/folds/oos) and prints a per-fold table with the timings,
 * or with `--json` exactly one JSON object
 * (`runId, manifest, folds, metrics, controls, oos[], sanity, timings`).
 * Fills at the close of t, earning t -> t+1; costs in bps per unit of turnover.
 * Exit codes: 0 ok, 1 data or run error (a DataSanity failure, too little data),
 * 2 bad flags.
 *
 * @module
 */
import { runWalkForwardJob } from "../jobs/mod.ts";
import { dataSanityLine } from "../report/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { jobFromFlags, WalkForwardFlagsSchema } from "./_walkforward_flags.ts";
import { progressBar, taskTimings, timingLine } from "./_walkforward_common.ts";
import { formatWalkForward, walkForwardJson } from "./_walkforward_text.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  const t0 = performance.now();
  return runTask(args, io, {
    name: "walkforward",
    summary:
      "Walk-forward run of one symbol (out of sample only), stored in the store's runs, folds and oos tables.",
    about:
      "Positions decided at the close of t earn t -> t+1; costs in bps per unit of turnover. The built-in SP500 and AAPL samples are loaded on first use; the date range is clamped to the data (with a note).",
    examples: [
      "--symbol SP500 --start-date 2010-01-01 --train-len 504 --test-len 63",
    ],
    flags: WalkForwardFlagsSchema,
    run: (flags) =>
      withStore(flags.db, async (db) => {
        const job = await runWalkForwardJob(
          db,
          jobFromFlags(flags, flags.symbol),
          { onFold: progressBar(!flags.json, flags.symbol) },
        );
        for (const note of job.notes) io.err(note);
        const sanity = job.sanity ?? undefined;
        const timings = taskTimings(
          sanity,
          job.manifest.timings,
          (performance.now() - t0) / 1000,
        );
        if (flags.json) {
          io.out(jsonText({ ...walkForwardJson(job), sanity, timings }));
        } else {
          io.out(formatWalkForward(job));
          io.out(dataSanityLine(sanity));
          io.out(timingLine(timings, flags.perfMode.toUpperCase()));
        }
        return 0;
      }),
  });
}

if (import.meta.main) await runAsScript(main);
