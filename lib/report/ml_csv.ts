/**
 * CSV views of the ML tables (`feature_importance`, `checkpoints`; RFC 4180 quoting).
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { DbEngine } from "../data/mod.ts";
import {
  readCheckpointIndexRows,
  readFeatureImportanceRows,
} from "../store/mod.ts";

/** Quote a CSV field when it holds a comma, quote or newline. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" && !Number.isFinite(v) ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(
  names: readonly string[],
  rows: readonly Record<string, unknown>[],
): string {
  const lines = [names.join(",")];
  for (const r of rows) lines.push(names.map((n) => csvField(r[n])).join(","));
  return lines.join("\n") + "\n";
}

/**
 * Write `feature_importance` joined with its run's symbol and model as CSV.
 *
 * @param db An open engine.
 * @param path Output file (e.g. `reports/feature_importance.csv`); parent dirs are created.
 * @returns Number of data rows written.
 */
export async function exportFeatureImportanceCsv(
  db: DbEngine,
  path: string,
): Promise<number> {
  const names = [
    "run_id",
    "symbol",
    "model",
    "fold",
    "feature",
    "importance",
    "permutation_importance",
    "rank",
    "sign",
  ];
  const rows = await readFeatureImportanceRows(db);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, toCsv(names, rows));
  return rows.length;
}

/**
 * Write `<dir>/checkpoints/index.csv`: one line per checkpoint (run, symbol, model, fold,
 * train window, where it started from, test metrics) without the model state itself.
 *
 * @param db An open engine.
 * @param dir Output directory (e.g. `reports`).
 * @returns The written path and the number of rows.
 */
export async function exportCheckpointIndexCsv(
  db: DbEngine,
  dir: string,
): Promise<{ path: string; rows: number }> {
  const names = [
    "run_id",
    "symbol",
    "model",
    "fold",
    "train_start",
    "train_end",
    "started_from",
    "metrics",
  ];
  const rows = await readCheckpointIndexRows(db);
  const path = join(dir, "checkpoints", "index.csv");
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, toCsv(names, rows));
  return { path, rows: rows.length };
}
