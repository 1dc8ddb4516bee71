/**
 * The run store's tables: `runs` (one row per run: manifest), `folds` (one row per
 * walk-forward fold), `oos` (one row per out-of-sample day).
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";

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
  for (const sql of RUN_TABLES_SQL) {
    try {
      await db.exec(sql);
    } catch (e) {
      throw new Error(`Cannot create the run tables: ${sql.split("(")[0]}`, {
        cause: e,
      });
    }
  }
}
