/**
 * Ingest: stage a file, validate it, upsert it into `bars`, log it - in one transaction.
 *
 * @module
 */
import type { DbEngine } from "./engine.ts";
import { ensureSchema } from "./schema.ts";
import { type StagedFile, stageFile, type StageOptions } from "./stage_file.ts";

/**
 * Checks a staged table before it is stored (the DataSanity hook). It may throw (the
 * ingest rolls back, the store is unchanged) or repair the table in place; whatever it
 * returns (e.g. a report) is passed back in {@linkcode IngestResult.validation}.
 */
export type ValidateHook = (db: DbEngine, table: string) => Promise<unknown>;

/** Options of {@linkcode ingestFile}. */
export interface IngestOptions extends StageOptions {
  /** Run on the staged table inside the transaction. @default none */
  readonly validate?: ValidateHook;
  /** Recorded in `bars.source` and the `ingests` log. @default the path */
  readonly source?: string;
}

/** What an ingest did. */
export interface IngestResult extends Omit<StagedFile, "table" | "rows"> {
  readonly file: string;
  /** Rows staged from the file (after any repair by the hook). */
  readonly stagedRows: number;
  /** Rows written (duplicates of a `(symbol, ts)` in the file count once, the last wins). */
  readonly rows: number;
  /** Order-independent content hash of the stored rows (decimal text). */
  readonly hash: string;
  /** What the validate hook returned. */
  readonly validation?: unknown;
}

/**
 * Upsert a staged table into `bars`: delete the stored rows with the staged `(symbol, ts)`
 * keys, insert the staged rows (within the file the last duplicate wins). Call inside a
 * transaction. Returns the rows written.
 */
export async function upsertStaged(
  db: DbEngine,
  table: string,
  options: { source: string; tz: string },
): Promise<number> {
  const [{ overlap }] = await db.query<{ overlap: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM bars WHERE symbol IN (SELECT DISTINCT symbol FROM ${table}))
       AS overlap`,
  );
  if (overlap) {
    await db.exec(
      `DELETE FROM bars USING ${table} s WHERE bars.symbol = s.symbol AND bars.ts = s.ts`,
    );
  }
  const [{ n, dups }] = await db.query<{ n: number; dups: number }>(
    `SELECT count(*) AS n, coalesce(sum(k - 1), 0) AS dups
     FROM (SELECT count(*) AS k FROM ${table} GROUP BY symbol, ts)`,
  );
  await db.exec(
    `INSERT INTO bars
     SELECT symbol, ts, open, high, low, close, adj_close, volume, $source, $tz FROM ${table}
     ${
      dups > 0
        ? "QUALIFY row_number() OVER (PARTITION BY symbol, ts ORDER BY line DESC) = 1"
        : ""
    }`,
    { source: options.source, tz: options.tz },
  );
  return n;
}

async function contentHash(db: DbEngine, table: string): Promise<string> {
  const r = await db.query<{ h: string | null }>(
    `SELECT CAST(sum(hash(symbol, ts, open, high, low, close, adj_close, volume))
       % 18446744073709551616 AS VARCHAR) AS h FROM ${table}`,
  );
  return r[0].h ?? "0";
}

/**
 * Ingest one file in ONE transaction: {@linkcode stageFile}, the optional `validate`
 * hook, upsert into `bars`, and a row in `ingests`. Any throw rolls everything back, so a
 * rejected file leaves the store unchanged. Re-ingesting the same file is idempotent.
 *
 * @param db An open engine (not inside a transaction).
 * @param path CSV, Parquet or JSON file.
 * @param options See {@linkcode IngestOptions}.
 * @returns See {@linkcode IngestResult}.
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import { ingestFile } from "./ingest_file.ts";
 * import assert from "node:assert/strict";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "date,close\n2020-01-02,10\n2020-01-03,11\n");
 * const db = await openDb({ path: ":memory:" });
 * assert.equal((await ingestFile(db, path, { symbol: "X" })).rows, 2);
 * assert.equal((await ingestFile(db, path, { symbol: "X" })).rows, 2);
 * assert.deepEqual(await db.query("select count(*) as n from bars"), [{ n: 2 }]);
 * await db.close();
 * ```
 */
export async function ingestFile(
  db: DbEngine,
  path: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  await ensureSchema(db);
  return await db.transaction(async (tx) => {
    const { table, ...staged } = await stageFile(tx, path, options);
    const validation = options.validate
      ? await options.validate(tx, table)
      : undefined;
    const stagedRows =
      (await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]
        .n;
    const source = options.source ?? path;
    const rows = await upsertStaged(tx, table, { source, tz: staged.tz });
    const hash = await contentHash(tx, table);
    await tx.exec(
      `INSERT INTO ingests VALUES ($file, $symbols, $rows, $hash, $layout, $tz, now()::TIMESTAMP)`,
      {
        file: source,
        symbols: staged.symbols.join(","),
        rows,
        hash,
        layout: staged.layout,
        tz: staged.tz,
      },
    );
    await tx.exec(`DROP TABLE ${table}`);
    return { file: path, ...staged, stagedRows, rows, hash, validation };
  });
}
