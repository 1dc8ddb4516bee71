/**
 * Store a multi-symbol comparison as one `runs` row (kind `"multi-symbol"`) whose metrics
 * JSON holds one entry per symbol and the ids of the per-symbol runs.
 *
 * @module
 */
import type { RunManifest } from "../_shared/types.ts";
import type { DbEngine } from "../data/engine.ts";
import { jsonText } from "./save_run.ts";
import { ensureRunTables } from "./schema.ts";

/** One symbol's line of the comparison. */
export interface ComparisonRow {
  readonly symbol: string;
  readonly runId: string;
  readonly sharpe: number;
  readonly totalReturn: number;
  /** Negative fraction (empyrical convention). */
  readonly maxDrawdown: number;
  readonly hitRate: number;
  readonly winRate: number;
  readonly folds: number;
}

/**
 * Save the comparison (replacing a row with the same run id).
 *
 * @param db An open database.
 * @param manifest Manifest of the comparison run (kind `"multi-symbol"`).
 * @param rows One row per symbol.
 * @returns When committed.
 */
export async function saveComparison(
  db: DbEngine,
  manifest: RunManifest,
  rows: readonly ComparisonRow[],
): Promise<void> {
  await ensureRunTables(db);
  await db.transaction(async (tx) => {
    await tx.exec("DELETE FROM runs WHERE run_id = $id", {
      id: manifest.runId,
    });
    await tx.exec(
      `INSERT INTO runs VALUES ($run_id, $kind, NULL, $config, $data_hash,
        $code_version, $seed, $started_at, $ended_at, $timings, $metrics)`,
      {
        run_id: manifest.runId,
        kind: manifest.kind,
        config: jsonText(manifest.config),
        data_hash: manifest.dataHash,
        code_version: manifest.codeVersion,
        seed: manifest.seed,
        started_at: manifest.startedAt,
        ended_at: manifest.endedAt,
        timings: jsonText(manifest.timings),
        metrics: jsonText({ symbols: rows }),
      },
    );
  });
}

/**
 * The comparison as an aligned text table (drawdown shown as a positive percentage).
 *
 * @param rows One row per symbol.
 * @returns Text lines.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatComparison } from "./save_comparison.ts";
 * const t = formatComparison([{ symbol: "X", runId: "r", sharpe: 0.5, totalReturn: 0.1, maxDrawdown: -0.2, hitRate: 0.51, winRate: 0.4, folds: 3 }]);
 * assert.match(t, /X\s+0\.50\s+10\.00%\s+20\.00%/);
 * ```
 */
export function formatComparison(rows: readonly ComparisonRow[]): string {
  const pct = (x: number) =>
    Number.isFinite(x) ? (x * 100).toFixed(2) + "%" : "n/a";
  const lines = [
    "symbol      sharpe    return    maxDD      hit      win  folds",
  ];
  for (const r of rows) {
    lines.push(
      `${r.symbol.padEnd(10)} ${
        (Number.isFinite(r.sharpe) ? r.sharpe.toFixed(2) : "n/a").padStart(7)
      } ${pct(r.totalReturn).padStart(9)} ${pct(-r.maxDrawdown).padStart(8)} ${
        pct(r.hitRate).padStart(8)
      } ${pct(r.winRate).padStart(8)} ${String(r.folds).padStart(6)}`,
    );
  }
  return lines.join("\n");
}
