/**
 * Write the persistence dashboard and its CSV views from the stored training runs.
 *
 * @module
 */
import { dirname, join } from "node:path";
import type { DbEngine } from "../data/mod.ts";
import { loadImportanceHistory } from "../store/mod.ts";
import {
  exportCheckpointIndexCsv,
  exportFeatureImportanceCsv,
} from "./ml_csv.ts";
import { buildPersistenceDashboard } from "./persistence_dashboard.ts";
import { renderHtml } from "./render_html.ts";
import { writeReport } from "./write_report.ts";

/** What {@linkcode writePersistenceDashboard} wrote. */
export interface PersistenceDashboardFiles {
  readonly report: string;
  /** Training runs shown. */
  readonly runs: number;
  readonly featureImportanceCsv: {
    readonly path: string;
    readonly rows: number;
  };
  readonly checkpointIndexCsv: { readonly path: string; readonly rows: number };
}

/**
 * Write the dashboard to `out` and, next to it, `feature_importance.csv` and
 * `checkpoints/index.csv`.
 *
 * @param db The store.
 * @param out The HTML file.
 * @returns The files written and their row counts.
 */
export async function writePersistenceDashboard(
  db: DbEngine,
  out: string,
): Promise<PersistenceDashboardFiles> {
  const runs = await loadImportanceHistory(db);
  const html = renderHtml(
    buildPersistenceDashboard(runs, { generatedAt: new Date().toISOString() }),
  );
  await writeReport(out, html);
  const csv = join(dirname(out), "feature_importance.csv");
  const rows = await exportFeatureImportanceCsv(db, csv);
  const idx = await exportCheckpointIndexCsv(db, dirname(out));
  return {
    report: out,
    runs: runs.length,
    featureImportanceCsv: { path: csv, rows },
    checkpointIndexCsv: idx,
  };
}
