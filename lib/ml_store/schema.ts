/**
 * DuckDB tables of the ML store. JSON payloads are stored as VARCHAR holding JSON text
 * (portable across the native and WASM engines, which differ in JSON-extension loading).
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";

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
  for (const sql of ML_STORE_DDL) {
    try {
      await db.exec(sql);
    } catch (cause) {
      throw new Error(
        `Cannot create the ML tables: ${sql.split("(")[0].trim()} failed`,
        { cause },
      );
    }
  }
}
