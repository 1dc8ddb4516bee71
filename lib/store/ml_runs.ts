/**
 * ML training runs: `ml_runs` (one row per run: manifest and headline results),
 * `feature_importance` (one row per fold and feature: intrinsic and permutation
 * importance, rank, sign) and `checkpoints` (one row per fold: the exact model state,
 * restorable with lib/ml `predictCheckpoint`). JSON payloads are VARCHAR holding JSON
 * text (portable across the native and WASM engines). DDL, writer and readers.
 *
 * @module
 */
import type { RunManifest } from "../_shared/types.ts";
import type { DbEngine } from "../data/mod.ts";
import {
  type Checkpoint,
  descendingRanks,
  type FoldFit,
  type ImportanceRecord,
} from "../ml/mod.ts";
import { ensureTables, finiteOrNull, insertRows, jsonText } from "./_sql.ts";

/** DDL of `ml_runs`, `feature_importance` and `checkpoints` (idempotent). */
export const ML_STORE_DDL: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS ml_runs (
    run_id VARCHAR PRIMARY KEY,
    symbol VARCHAR NOT NULL,
    model VARCHAR NOT NULL,
    config VARCHAR NOT NULL,
    data_hash VARCHAR NOT NULL,
    code_version VARCHAR NOT NULL,
    seed INTEGER NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP NOT NULL,
    warm_start_from VARCHAR,
    summary VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS feature_importance (
    run_id VARCHAR NOT NULL,
    fold INTEGER NOT NULL,
    feature VARCHAR NOT NULL,
    importance DOUBLE,
    permutation_importance DOUBLE,
    rank INTEGER,
    sign INTEGER,
    PRIMARY KEY (run_id, fold, feature)
  )`,
  `CREATE TABLE IF NOT EXISTS checkpoints (
    run_id VARCHAR NOT NULL,
    fold INTEGER NOT NULL,
    model_state VARCHAR NOT NULL,
    train_start DATE NOT NULL,
    train_end DATE NOT NULL,
    metrics VARCHAR NOT NULL,
    started_from VARCHAR,
    PRIMARY KEY (run_id, fold)
  )`,
];

/**
 * Create the ML tables if they do not exist.
 *
 * @param db An open engine.
 * @returns Resolves when the tables exist.
 */
export async function ensureMlSchema(db: DbEngine): Promise<void> {
  await ensureTables(db, "ML", ML_STORE_DDL);
}

/** The `ml_runs` row of a run: its manifest (without kind and timings) and results. */
export interface MlRunRow extends Omit<RunManifest, "kind" | "timings"> {
  readonly symbol: string;
  readonly model: string;
  /** Run ids of the checkpoints this run warm-started from (comma separated), or null. */
  readonly warmStartFrom: string | null;
  /** Headline results as JSON (stable share, OOS metrics, timings). */
  readonly summary?: Readonly<Record<string, unknown>>;
}

/** An ISO instant as a TIMESTAMP literal (UTC, no zone suffix). */
const timestamp = (iso: string) => iso.replace("T", " ").replace("Z", "");

/**
 * Save a run: its `ml_runs` row, one `feature_importance` row per fold and feature (rank 1
 * = most important by intrinsic importance, ties averaged and rounded down), and one
 * `checkpoints` row per fold (model state JSON = the fold's full {@linkcode FoldFit}
 * checkpoint, restorable with `predictCheckpoint`). All or nothing: a failure rolls back.
 *
 * @param db An open engine (tables are created if missing).
 * @param run The manifest row.
 * @param fits The run's folds from `trainFolds`.
 * @returns Resolves when committed.
 */
export async function saveTrainingRun(
  db: DbEngine,
  run: MlRunRow,
  fits: readonly FoldFit[],
): Promise<void> {
  await ensureMlSchema(db);
  await db.transaction(async (tx) => {
    await insertRows(tx, "ml_runs", [{
      run_id: run.runId,
      symbol: run.symbol,
      model: run.model,
      config: JSON.stringify(run.config),
      data_hash: run.dataHash,
      code_version: run.codeVersion,
      seed: run.seed,
      started_at: timestamp(run.startedAt),
      ended_at: timestamp(run.endedAt),
      warm_start_from: run.warmStartFrom,
      summary: run.summary ? JSON.stringify(run.summary) : null,
    }]);
    await insertRows(tx, "feature_importance", importanceRows(run.runId, fits));
    await insertRows(
      tx,
      "checkpoints",
      fits.map((f) => ({
        run_id: run.runId,
        fold: f.fold,
        model_state: JSON.stringify({ ...f.checkpoint, runId: run.runId }),
        train_start: f.checkpoint.trainStart.slice(0, 10),
        train_end: f.checkpoint.trainEnd.slice(0, 10),
        metrics: jsonText({ ...f.metrics, fitMs: f.fitMs }),
        started_from: f.startedFrom,
      })),
    );
  });
}

function importanceRows(runId: string, fits: readonly FoldFit[]) {
  return fits.flatMap((f) => {
    const ranks = descendingRanks(f.importance);
    return f.checkpoint.allFeatures.map((feature, j) => ({
      run_id: runId,
      fold: f.fold,
      feature,
      importance: finiteOrNull(f.importance[j]),
      permutation_importance: finiteOrNull(f.permutationImportance[j]),
      rank: Math.floor(ranks[j]),
      sign: f.sign[j],
    }));
  });
}

/**
 * Every checkpoint of earlier runs for `symbol` and `model` (of one run with `runId`),
 * oldest run first (parsed from `checkpoints.model_state`, with `runId` set).
 * Compatibility (same features) and the leak-free date rule are applied by `trainFolds`.
 *
 * @param db An open engine.
 * @param filter Symbol and model name, and the one run to read.
 * @returns Checkpoints usable as `trainFolds({ checkpoints })`.
 */
export async function loadCheckpoints(
  db: DbEngine,
  filter: {
    readonly symbol: string;
    readonly model: string;
    readonly runId?: string;
  },
): Promise<Checkpoint[]> {
  await ensureMlSchema(db);
  const rows = await db.query<{ run_id: string; model_state: string }>(
    `SELECT c.run_id, c.model_state FROM checkpoints c JOIN ml_runs r USING (run_id)
     WHERE r.symbol = $symbol AND r.model = $model AND ($run IS NULL OR r.run_id = $run)
     ORDER BY r.started_at, c.run_id, c.fold`,
    { symbol: filter.symbol, model: filter.model, run: filter.runId ?? null },
  );
  return rows.map((r) =>
    ({ ...JSON.parse(r.model_state), runId: r.run_id }) as Checkpoint
  );
}

/**
 * Stored training runs of a symbol and model, newest first (id, start time).
 *
 * @param db The store.
 * @param filter Symbol and model.
 * @returns The runs (empty when none).
 */
export async function listTrainingRuns(
  db: DbEngine,
  filter: { readonly symbol: string; readonly model: string },
): Promise<{ runId: string; startedAt: string }[]> {
  await ensureMlSchema(db);
  const rows = await db.query<{ run_id: string; started_at: string }>(
    `SELECT run_id, CAST(started_at AS VARCHAR) AS started_at FROM ml_runs
     WHERE symbol = $symbol AND model = $model ORDER BY started_at DESC, run_id DESC`,
    { symbol: filter.symbol, model: filter.model },
  );
  return rows.map((r) => ({ runId: r.run_id, startedAt: r.started_at }));
}

/** A run's importance history with its feature names. */
export interface RunImportance {
  readonly runId: string;
  readonly symbol: string;
  readonly model: string;
  readonly features: string[];
  readonly records: ImportanceRecord[];
  /** Permutation importance per fold (aligned with `records`). */
  readonly permutation: number[][];
  readonly summary: Record<string, unknown> | null;
  readonly warmStartFrom: string | null;
}

type ImportanceRow = {
  fold: number;
  feature: string;
  importance: number | null;
  permutation_importance: number | null;
  sign: number;
};

/**
 * Importance history of every run (optionally one symbol/model), for stability analysis
 * and dashboards. Features are ordered by name.
 *
 * @param db An open engine.
 * @param filter Optional symbol/model.
 * @returns One entry per run, oldest first.
 */
export async function loadImportanceHistory(
  db: DbEngine,
  filter: { readonly symbol?: string; readonly model?: string } = {},
): Promise<RunImportance[]> {
  await ensureMlSchema(db);
  const runs = await db.query<
    {
      run_id: string;
      symbol: string;
      model: string;
      summary: string | null;
      warm_start_from: string | null;
    }
  >(
    `SELECT run_id, symbol, model, summary, warm_start_from FROM ml_runs
     WHERE ($symbol IS NULL OR symbol = $symbol) AND ($model IS NULL OR model = $model)
     ORDER BY started_at, run_id`,
    { symbol: filter.symbol ?? null, model: filter.model ?? null },
  );
  const out: RunImportance[] = [];
  for (const run of runs) {
    const rows = await db.query<ImportanceRow>(
      `SELECT fold, feature, importance, permutation_importance, sign FROM feature_importance
       WHERE run_id = $run_id ORDER BY fold, feature`,
      { run_id: run.run_id },
    );
    out.push({
      runId: run.run_id,
      symbol: run.symbol,
      model: run.model,
      ...importanceByFold(run.run_id, rows),
      summary: run.summary ? JSON.parse(run.summary) : null,
      warmStartFrom: run.warm_start_from,
    });
  }
  return out;
}

function importanceByFold(runId: string, rows: readonly ImportanceRow[]) {
  const features = [...new Set(rows.map((r) => r.feature))].sort();
  const folds = [...new Set(rows.map((r) => Number(r.fold)))].sort((a, b) =>
    a - b
  );
  const records: ImportanceRecord[] = [], permutation: number[][] = [];
  for (const fold of folds) {
    const imp = new Float64Array(features.length),
      sign = new Int8Array(features.length);
    const perm = new Array<number>(features.length).fill(NaN);
    for (const r of rows) {
      if (Number(r.fold) !== fold) continue;
      const j = features.indexOf(r.feature);
      imp[j] = r.importance ?? 0;
      sign[j] = Number(r.sign);
      perm[j] = r.permutation_importance ?? NaN;
    }
    records.push({ runId, fold, importance: imp, sign });
    permutation.push(perm);
  }
  return { features, records, permutation };
}

/**
 * `feature_importance` joined with its run's symbol and model, in run, fold, rank order
 * (the rows of `feature_importance.csv`).
 *
 * @param db An open engine.
 * @returns Rows keyed by column.
 */
export async function readFeatureImportanceRows(
  db: DbEngine,
): Promise<Record<string, unknown>[]> {
  await ensureMlSchema(db);
  return await db.query(
    `SELECT f.run_id, r.symbol, r.model, f.fold, f.feature, f.importance, f.permutation_importance, f.rank, f.sign
     FROM feature_importance f JOIN ml_runs r USING (run_id) ORDER BY r.started_at, f.run_id, f.fold, f.rank, f.feature`,
  );
}

/**
 * One row per checkpoint (run, symbol, model, fold, train window, where it started from,
 * test metrics) without the model state (the rows of `checkpoints/index.csv`).
 *
 * @param db An open engine.
 * @returns Rows keyed by column.
 */
export async function readCheckpointIndexRows(
  db: DbEngine,
): Promise<Record<string, unknown>[]> {
  await ensureMlSchema(db);
  return await db.query(
    `SELECT c.run_id, r.symbol, r.model, c.fold, CAST(c.train_start AS VARCHAR) AS train_start,
       CAST(c.train_end AS VARCHAR) AS train_end, c.started_from, c.metrics
     FROM checkpoints c JOIN ml_runs r USING (run_id) ORDER BY r.started_at, c.run_id, c.fold`,
  );
}
