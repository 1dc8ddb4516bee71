/**
 * `deno task walkforward --symbol S [--start-date D] [--end-date D] [--train-len 252]
 * [--test-len 63] [--stride 63] [--perf-mode RELAXED|STRICT] [--model ridge|...]
 * [--anchored] [--gap N] [--cost-bps 1] [--features a,b,c] [--db P] [--json]
 * [--controls] [--seed N]`
 *
 * Loads the symbol from the store (the built-in SP500/AAPL samples are loaded on first
 * use), clamps the date range to the data (with a note on stderr), validates the range
 * with DataSanity in the chosen mode (STRICT fails on any violation, RELAXED repairs what
 * it can and records it), runs the walk-forward, stores the run (tables runs/folds/oos)
 * and prints a per-fold table with the timings, or with `--json` exactly one JSON object
 * (`runId, manifest, folds, metrics, controls, oos[], sanity, timings`).
 * Exit codes: 0 ok, 1 data or run error (STRICT sanity failure, too little data),
 * 2 bad flags.
 *
 * @module
 */
import { openDb } from "../data/mod.ts";
import {
  formatWalkForward,
  jsonText,
  runWalkForwardJob,
  walkForwardJson,
} from "../runs/mod.ts";
import { configFromFlags, WalkForwardFlagsSchema } from "../walkforward/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
} from "./_cli.ts";
import {
  jobDeps,
  progressBar,
  RUN_FLAGS,
  taskTimings,
  timingLine,
} from "./_walkforward_common.ts";

const HELP =
  `Usage: deno task walkforward --symbol S [--start-date YYYY-MM-DD] [--end-date YYYY-MM-DD]
  [--train-len 252] [--test-len 63] [--stride 63] [--perf-mode RELAXED|STRICT]
  [--model ridge|lasso|elasticnet|logistic|rf|gbt|mlp] [--lambda X] [--anchored] [--gap N]
  [--label-horizon 1] [--cost-bps 1] [--features a,b,c]
  [--position sign|threshold|proportional|vol-target] [--threshold X] [--scale X] [--cap X]
  [--target-vol 0.1] [--vol-window 20] [--controls] [--seed 42] [--db data/warehouse.duckdb] [--json]
Fills at the close of t, earning t -> t+1; costs in bps per unit of turnover.`;

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
  const t0 = performance.now();
  try {
    const flags = parseFlags(args, WalkForwardFlagsSchema, RUN_FLAGS);
    if (flags.help) {
      io.out(HELP);
      return 0;
    }
    const db = await openDb(flags.db);
    try {
      const deps = await jobDeps(db);
      const job = await runWalkForwardJob(db, {
        symbol: flags.symbol,
        startDate: flags["start-date"],
        endDate: flags["end-date"],
        perfMode: flags["perf-mode"],
        config: configFromFlags(flags),
        controls: flags.controls,
        onFold: progressBar(!flags.json, flags.symbol),
      }, deps);
      for (const note of job.notes) io.err(note);
      const sanity = deps.sanity.at(-1);
      if (sanity?.unrepaired) {
        io.err(
          `DataSanity RELAXED left ${sanity.violations} violation(s) of ${flags.symbol} unrepaired:\n${sanity.unrepaired}`,
        );
      }
      const timings = taskTimings(
        sanity,
        job.manifest.timings,
        (performance.now() - t0) / 1000,
      );
      if (flags.json) {
        io.out(jsonText({ ...walkForwardJson(job), sanity, timings }));
      } else {
        io.out(formatWalkForward(job));
        io.out(timingLine(timings, flags["perf-mode"]));
      }
      return 0;
    } finally {
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
