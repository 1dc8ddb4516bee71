/**
 * The store schema: the `bars` table, the `ingests` log and the `corporate_actions` of
 * the bars' symbols.
 *
 * @module
 */
import type { DbEngine } from "./engine.ts";

const BARS_DDL = `CREATE TABLE IF NOT EXISTS bars (
  symbol VARCHAR NOT NULL,
  ts TIMESTAMP NOT NULL, -- UTC instant; daily bars at 00:00 of their exchange date
  open DOUBLE,
  high DOUBLE,
  low DOUBLE,
  close DOUBLE, -- as traded (unadjusted when adj_close is set)
  adj_close DOUBLE, -- split/dividend adjusted close; NULL when the source has none
  volume DOUBLE,
  source VARCHAR, -- file or sample the row came from
  tz VARCHAR -- time zone of the source timestamps (e.g. "UTC", "America/New_York", "+02:00")
  -- key (symbol, ts): unique, kept so by upsertBars/ingestFile (delete + insert in one
  -- transaction). No PRIMARY KEY index: inserting 1.26 M rows into an indexed table took
  -- ~9 s instead of ~2 s on the 2-core CI machine.
)`;

const INGESTS_DDL = `CREATE TABLE IF NOT EXISTS ingests (
  file VARCHAR NOT NULL,
  symbols VARCHAR NOT NULL, -- comma-separated, sorted
  rows BIGINT NOT NULL,
  hash VARCHAR NOT NULL, -- order-independent content hash of the staged rows
  layout VARCHAR,
  tz VARCHAR,
  ingested_at TIMESTAMP NOT NULL -- UTC wall clock of the ingest
)`;

const CORPORATE_ACTIONS_DDL = `CREATE TABLE IF NOT EXISTS corporate_actions (
  symbol VARCHAR NOT NULL,
  ex_date DATE NOT NULL, -- first trading day on the new basis (post-split, ex-dividend)
  kind VARCHAR NOT NULL CHECK (kind IN ('split', 'dividend')),
  value DOUBLE NOT NULL CHECK (isfinite(value) AND value > 0),
  -- split: new shares per old share (4 for a 4:1 split, 0.1 for a 1:10 reverse split);
  -- dividend: cash per share as paid on ex_date (not adjusted for later splits)
  source VARCHAR, -- provider and request the row came from
  recorded_at TIMESTAMP NOT NULL -- UTC wall clock of the write
  -- key (symbol, ex_date, kind): unique, kept so by upsertCorporateActions
)`;

/**
 * Create the store tables when missing (idempotent).
 *
 * - `bars(symbol, ts, open, high, low, close, adj_close, volume, source, tz)`, unique key
 *   `(symbol, ts)` kept by the upserts of lib/data (no index: see the DDL); `ts` is a UTC `TIMESTAMP` (daily bars at 00:00 UTC), `adj_close` is
 *   NULL when the source has no adjusted close, `tz` is the source time zone.
 * - `ingests(file, symbols, rows, hash, layout, tz, ingested_at)`: one row per ingest.
 * - `corporate_actions(symbol, ex_date, kind, value, source, recorded_at)`: splits and
 *   dividends, unique key `(symbol, ex_date, kind)` (see `corporate_actions.ts`).
 *
 * @param db An open engine.
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import { ensureSchema } from "./schema.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * await ensureSchema(db);
 * await ensureSchema(db);
 * assert.deepEqual(await db.query("select count(*) as n from bars"), [{ n: 0 }]);
 * await db.close();
 * ```
 */
export async function ensureSchema(db: DbEngine): Promise<void> {
  await db.exec(BARS_DDL);
  await db.exec(INGESTS_DDL);
  await db.exec(CORPORATE_ACTIONS_DDL);
}
