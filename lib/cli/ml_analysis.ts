/**
 * `deno task ml-analysis [--full] [--json] [--symbol SP500] [--start-date D] [--end-date D]
 *  [--train-len 756] [--test-len 126] [--seed 42] [--db data/warehouse.duckdb]`
 *
 * Algorithm comparison on the same folds: every model (with --full: all seven, each with
 * no selection, top-k and stable-only selection; otherwise ridge, lasso, logistic and gbt
 * with and without top-k), ranked out of sample, with the deflated Sharpe ratio of the
 * best configuration for the number of configurations tried.
 * Exit codes: 0 ok, 2 bad flags, 1 any other failure (e.g. too little data).
 *
 * @module
 */
import { runModelComparisonJob } from "../jobs/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { AnalysisFlagsSchema, analysisJobFromFlags } from "./_ml_flags.ts";
import { dataSanityLine } from "../report/mod.ts";
import { formatAnalysis } from "./_analysis_text.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 data or run error, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "ml-analysis",
    summary:
      "Compare models on the same folds, ranked out of sample, with the deflated Sharpe ratio of the best for the number tried.",
    about:
      "Without --full: ridge, lasso, logistic and gbt, each with no selection and with top-k. With --full: all seven models x no selection, top-k and stable-only.",
    examples: ["--symbol SP500 --start-date 2012-01-01"],
    flags: AnalysisFlagsSchema,
    run: async (flags) => {
      const result = await withStore(
        flags.db,
        (conn) => runModelComparisonJob(conn, analysisJobFromFlags(flags)),
      );
      if (flags.json) io.out(jsonText(result));
      else {
        io.out(formatAnalysis(result));
        io.out(dataSanityLine(result.dataSanity));
      }
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
