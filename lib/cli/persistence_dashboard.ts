/**
 * `deno task persistence-dashboard [--db data/warehouse.duckdb]
 *  [--out reports/persistence-dashboard.html] [--json]`
 *
 * Writes the feature-persistence dashboard (importance heatmap feature x fold, rank
 * trajectories, stability table, stable/unstable lists, warm-start effect) from the
 * stored training runs and, next to it, `feature_importance.csv` and
 * `checkpoints/index.csv`. Exit codes: 0 ok, 2 bad flags, 1 any other failure.
 *
 * @module
 */
import { writePersistenceDashboard } from "../report/mod.ts";
import { jsonText, withStore } from "../store/mod.ts";
import { type CliIo, consoleIo, runAsScript, runTask } from "./_cli.ts";
import { DashboardFlagsSchema } from "./_ml_flags.ts";

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 failure, 2 bad flags.
 */
export function main(args: string[], io: CliIo = consoleIo): Promise<number> {
  return runTask(args, io, {
    name: "persistence-dashboard",
    summary:
      "Write the feature-persistence dashboard (importance by fold, rank trajectories, stability, warm-start effect) from the stored training runs.",
    about:
      "Next to the HTML file: feature_importance.csv and checkpoints/index.csv. Run deno task train --enable-persistence first.",
    examples: ["--out reports/persistence-dashboard.html"],
    flags: DashboardFlagsSchema,
    run: async (flags) => {
      const o = await withStore(
        flags.db,
        (db) => writePersistenceDashboard(db, flags.out),
      );
      io.out(
        flags.json
          ? jsonText(o)
          : `Wrote ${o.report} (${o.runs} runs), ${o.featureImportanceCsv.path} (${o.featureImportanceCsv.rows} rows), ${o.checkpointIndexCsv.path} (${o.checkpointIndexCsv.rows} rows)`,
      );
      return 0;
    },
  });
}

if (import.meta.main) await runAsScript(main);
