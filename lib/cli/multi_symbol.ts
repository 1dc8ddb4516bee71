/**
 * `deno task multi-symbol [--symbols A,B,...] [walkforward flags]`
 *
 * Runs the multi-symbol job (lib/jobs): the same walk-forward on every symbol (default:
 * every daily symbol in the store, after loading the built-in samples), each stored as a
 * run, and a `multi-symbol` comparison row; prints the comparison table (per symbol:
 * Sharpe, total return, max drawdown, hit rate, win rate, folds), or with `--json` one
 * JSON object. A symbol that cannot run (too little data, sanity failure) is reported
 * with its error and makes the exit code 1.
 *
 * @module
 */
import { runMultiSymbolJob } from "../jobs/mod.ts";
import { dataSanityLine } from "../report/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { progressBar } from "./_walkforward_common.ts";
import { jobFromFlags, MultiSymbolFlagsSchema } from "./_walkforward_flags.ts";
import { formatComparison } from "./_walkforward_text.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 when any symbol failed, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "multi-symbol",
    summary:
      "The same walk-forward on several symbols (default every daily symbol in the store), each stored, and a comparison table.",
    about:
      "Takes every flag of deno task walkforward. A symbol that cannot run (too little data, a DataSanity failure) is reported with its error and makes the exit code 1.",
    examples: ["--symbols SP500,AAPL --train-len 252 --test-len 63"],
    flags: MultiSymbolFlagsSchema,
    run: (flags) =>
      withStore(flags.db, async (db) => {
        const { symbol: _, ...job } = jobFromFlags(flags, "");
        const r = await runMultiSymbolJob(db, {
          ...job,
          symbols: flags.symbols ?? null,
        }, {
          onFold: (symbol) => progressBar(!flags.json, symbol),
          onSymbol: (symbol, { job, error }) => {
            for (const note of job?.notes ?? []) io.err(note);
            if (error !== undefined && !flags.json) {
              io.err(`${symbol}: ${error}`);
            }
          },
        });
        if (flags.json) {
          io.out(jsonText({
            runId: r.manifest.runId,
            manifest: r.manifest,
            symbols: r.rows,
            errors: r.errors,
            sanity: r.sanity,
          }));
        } else {
          io.out(formatComparison(r.rows));
          io.out(dataSanityLine(r.manifest.config.dataSanity));
        }
        return r.errors.length > 0 ? 1 : 0;
      }),
  });
}

if (import.meta.main) await runAsScript(main);
