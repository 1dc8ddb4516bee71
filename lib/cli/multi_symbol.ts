/**
 * `deno task multi-symbol [--symbols A,B,...|@file] [--universe NAME] [--workers N]
 * [--backend local|queue --shared DIR [--redis URL] [--resume RUN]] [walkforward flags]
 * [--json]`
 *
 * Runs the multi-symbol job (lib/jobs): the same walk-forward on every symbol of the
 * universe (default: every daily symbol in the store, after loading the built-in
 * samples), panel first: DataSanity once over the universe, the bars in one streamed
 * read, the symbols on a pool of `--workers` threads (default every core; results are
 * bit-identical for every count and to `deno task walkforward` on each symbol; with
 * `--backend queue`, on `deno task worker` processes through Redis, the same rows), stored
 * as ONE run (tables runs, symbol_runs, symbol_folds, symbol_oos). Progress on stderr
 * when it is a terminal. Prints the comparison table (per symbol: Sharpe, total return,
 * max drawdown, hit rate, win rate, folds) and the multiple-testing caveat, or with
 * `--json` one JSON object listing every symbol's figures. A symbol that cannot run (too
 * little data, a STRICT sanity failure) is reported with its error and makes the exit
 * code 1.
 *
 * @module
 */
import { runMultiSymbolJob } from "../jobs/mod.ts";
import { dataSanityLine } from "../report/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { terminalProgress } from "./_progress.ts";
import { queueFromFlags } from "./_queue_flags.ts";
import { resolveSymbols } from "./_universe_flags.ts";
import { formatUniverseSummary } from "./_universe_text.ts";
import { jobFromFlags, MultiSymbolFlagsSchema } from "./_walkforward_flags.ts";
import { controlsVerdicts, formatComparison } from "./_walkforward_text.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 when any symbol failed, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  const t0 = performance.now();
  return runTask(args, io, {
    name: "multi-symbol",
    summary:
      "The walk-forward of deno task walkforward on every symbol of a universe (default every daily symbol in the store), stored as one run, and a comparison table.",
    about:
      "Takes every flag of deno task walkforward. DataSanity runs once over the universe; the symbols run on --workers threads with the same results for every count, or with --backend queue on deno task worker processes through Redis (the same rows; --resume RUN re-attaches to a run whose coordinator stopped). A symbol that cannot run (too little data, a DataSanity failure) is reported with its error and makes the exit code 1.",
    examples: [
      "--symbols SP500,AAPL --train-len 252 --test-len 63",
      "--universe tech --workers 2 --json",
      "--universe tech --backend queue --shared data --redis redis://127.0.0.1:6379",
    ],
    flags: MultiSymbolFlagsSchema,
    run: (flags) =>
      withStore(flags.db, async (db) => {
        const symbols = await resolveSymbols(db, flags);
        const { symbol: _, ...job } = jobFromFlags(flags, "");
        const r = await runMultiSymbolJob(db, { ...job, symbols }, {
          workers: flags.workers,
          queue: queueFromFlags(flags, (t) => io.err(t)),
          onProgress: terminalProgress(!flags.json),
        });
        const seconds = (performance.now() - t0) / 1000;
        if (flags.json) {
          io.out(jsonText({
            runId: r.manifest.runId,
            manifest: r.manifest,
            symbols: r.universe,
            errors: r.errors,
            sanity: r.sanityTotals,
            sanityBySymbol: r.sanity,
            controls: r.controls,
            seconds,
          }));
          return r.errors.length > 0 ? 1 : 0;
        }
        for (const note of r.notes) io.err(note);
        for (const e of r.errors) io.err(`${e.symbol}: ${e.error}`);
        io.out(formatComparison(r.rows));
        for (const v of controlsVerdicts(r.controls)) io.out(v);
        io.out(formatUniverseSummary(r, seconds));
        io.out(dataSanityLine(r.manifest.config.dataSanity));
        return r.errors.length > 0 ? 1 : 0;
      }),
  });
}

if (import.meta.main) await runAsScript(main);
