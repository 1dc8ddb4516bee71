/**
 * Walk-forward runs: `runs` (one row per run: manifest and overall metrics, also the
 * multi-symbol comparisons), `folds` (one row per fold) and `oos` (one row per
 * out-of-sample day, typed columns). DDL, writers and readers.
 *
 * @module
 */
import type { RunManifest } from "../_shared/types.ts";
import type { DbEngine, SqlValue } from "../data/mod.ts";
import type { WalkForwardResult } from "../walkforward/mod.ts";
import { ensureTables, insertRows, jsonText } from "./_sql.ts";

/**
 * DDL of the run tables (idempotent). Dates are stored as the bars' ISO strings; configs,
 * timings and metrics as JSON text in VARCHAR columns (the WASM engine has no JSON type).
 */
export const RUN_TABLES_SQL: readonly string[] = Object.freeze([
  `CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, symbol VARCHAR,
    config VARCHAR NOT NULL, data_hash VARCHAR NOT NULL, code_version VARCHAR NOT NULL,
    seed BIGINT NOT NULL, started_at VARCHAR NOT NULL, ended_at VARCHAR NOT NULL,
    timings VARCHAR NOT NULL, metrics VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS folds (
    run_id VARCHAR NOT NULL, fold INTEGER NOT NULL,
    train_start VARCHAR NOT NULL, train_end VARCHAR NOT NULL,
    test_start VARCHAR NOT NULL, test_end VARCHAR NOT NULL,
    metrics VARCHAR NOT NULL, coefficients VARCHAR, ms DOUBLE NOT NULL,
    PRIMARY KEY (run_id, fold))`,
  `CREATE TABLE IF NOT EXISTS oos (
    run_id VARCHAR NOT NULL, symbol VARCHAR NOT NULL, date VARCHAR NOT NULL,
    prediction DOUBLE, position DOUBLE NOT NULL, ret DOUBLE NOT NULL, equity DOUBLE NOT NULL,
    PRIMARY KEY (run_id, symbol, date))`,
]);

/**
 * Create the run tables when missing.
 *
 * @param db An open database.
 * @returns When the tables exist.
 */
export async function ensureRunTables(db: DbEngine): Promise<void> {
  await ensureTables(db, "run", RUN_TABLES_SQL);
}

/** Options of {@linkcode saveRun}. */
export interface SaveRunOptions {
  /** Extra entries merged into the run's metrics JSON (e.g. controls). @default {} */
  readonly extraMetrics?: Readonly<Record<string, unknown>>;
}

/** One symbol's line of a multi-symbol comparison. */
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

function runRow(
  m: RunManifest,
  symbol: string | null,
  metrics: unknown,
): Record<string, SqlValue> {
  return {
    run_id: m.runId,
    kind: m.kind,
    symbol,
    config: jsonText(m.config),
    data_hash: m.dataHash,
    code_version: m.codeVersion,
    seed: m.seed,
    started_at: m.startedAt,
    ended_at: m.endedAt,
    timings: jsonText(m.timings),
    metrics: jsonText(metrics),
  };
}

/**
 * Store a run: one `runs` row (manifest + overall metrics), one `folds` row per fold
 * (windows as dates, metrics, coefficients/importance/signs, fit+predict ms) and one `oos`
 * row per out-of-sample day. Saving the same run id again replaces it. All or nothing:
 * a failure rolls the whole run back.
 *
 * @param db An open database.
 * @param manifest The run's manifest.
 * @param result The walk-forward result.
 * @param options Extra metrics.
 * @returns When committed.
 */
export async function saveRun(
  db: DbEngine,
  manifest: RunManifest,
  result: WalkForwardResult,
  options: SaveRunOptions = {},
): Promise<void> {
  await ensureRunTables(db);
  const id = manifest.runId;
  try {
    await db.transaction(async (tx) => {
      for (const t of ["oos", "folds", "runs"]) {
        await tx.exec(`DELETE FROM ${t} WHERE run_id = $id`, { id });
      }
      await insertRows(tx, "runs", [
        runRow(manifest, result.symbol, {
          ...result.metrics,
          ...options.extraMetrics,
        }),
      ]);
      await insertRows(tx, "folds", foldRows(id, result));
      await insertRows(tx, "oos", oosRows(id, result));
    });
  } catch (e) {
    throw new Error(`Cannot save run ${id}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

function foldRows(
  id: string,
  result: WalkForwardResult,
): Record<string, SqlValue>[] {
  return result.folds.map((f) => ({
    run_id: id,
    fold: f.index,
    train_start: f.trainStartDate,
    train_end: f.trainEndDate,
    test_start: f.testStartDate,
    test_end: f.testEndDate,
    metrics: jsonText(f.metrics),
    coefficients: jsonText({
      features: result.features,
      coefficients: f.coefficients,
      intercept: f.intercept,
      importance: f.importance,
      signs: f.signs,
    }),
    ms: f.ms.fit + f.ms.predict,
  }));
}

function oosRows(
  id: string,
  result: WalkForwardResult,
): Record<string, SqlValue>[] {
  const o = result.oos;
  return o.dates.map((date, i) => ({
    run_id: id,
    symbol: result.symbol,
    date,
    prediction: o.predictions[i],
    position: o.positions[i],
    ret: o.returns[i],
    equity: o.equity[i],
  }));
}

/**
 * Save a multi-symbol comparison as one `runs` row (kind `"multi-symbol"`, no symbol)
 * whose metrics JSON holds one entry per symbol, replacing a row with the same run id.
 *
 * @param db An open database.
 * @param manifest Manifest of the comparison run.
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
    await insertRows(tx, "runs", [runRow(manifest, null, { symbols: rows })]);
  });
}
