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
import { dirname, join } from "node:path";
import { z } from "zod";
import { openDb } from "../data/mod.ts";
import { renderHtml, writeReport } from "../report/mod.ts";
import {
  buildPersistenceDashboard,
  DashboardConfigSchema,
  exportCheckpointIndexCsv,
  exportFeatureImportanceCsv,
  loadImportanceHistory,
} from "../ml_store/mod.ts";
import {
  type CliIo,
  consoleIo,
  parseFlags,
  reportError,
  runAsScript,
  toJson,
} from "./_cli.ts";

const FlagsSchema = DashboardConfigSchema.extend({
  json: z.boolean().default(false),
});

/**
 * Run the task.
 *
 * @param args Command-line flags.
 * @param io Output sink. @default the console
 * @returns Exit code: 0 ok, 1 any failure, 2 bad flags.
 */
export async function main(
  args: string[],
  io: CliIo = consoleIo,
): Promise<number> {
  try {
    const cfg = parseFlags(args, FlagsSchema, {
      strings: ["db", "out"],
      booleans: ["json"],
    });
    const db = await openDb(cfg.db);
    try {
      const runs = await loadImportanceHistory(db);
      const html = renderHtml(
        buildPersistenceDashboard(runs, {
          generatedAt: new Date().toISOString(),
        }),
      );
      await writeReport(cfg.out, html);
      const csv = join(dirname(cfg.out), "feature_importance.csv");
      const rows = await exportFeatureImportanceCsv(db, csv);
      const idx = await exportCheckpointIndexCsv(db, dirname(cfg.out));
      const out = {
        report: cfg.out,
        runs: runs.length,
        featureImportanceCsv: { path: csv, rows },
        checkpointIndexCsv: idx,
      };
      io.out(
        cfg.json
          ? toJson(out)
          : `Wrote ${cfg.out} (${runs.length} runs), ${csv} (${rows} rows), ${idx.path} (${idx.rows} rows)`,
      );
      return 0;
    } finally {
      await db.close();
    }
  } catch (e) {
    return reportError(e, io);
  }
}

if (import.meta.main) await runAsScript(main);
