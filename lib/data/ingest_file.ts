/**
 * Ingest: stage a file, validate it merged with the stored bars around it, write it into
 * `bars`, log it - in one transaction.
 *
 * @module
 */
import type { DbEngine } from "./engine.ts";
import { ensureSchema } from "./schema.ts";
import { type StagedFile, stageFile, type StageOptions } from "./stage_file.ts";
import {
  addContextColumns,
  addStoredContext,
  assertSameKind,
  fileRows,
  NO_CONTEXT,
  touchesStore,
  writeWindows,
} from "./_ingest_window.ts";

/** What the second call of a validate hook is told: the table now holds stored rows too. */
export interface MergeInfo {
  /** Rows of the file in the table (after the first call's repairs). */
  readonly fileRows: number;
  /**
   * Stored rows added around them (`_stored` is true, `line` and `ts_raw` are NULL): the
   * stored bars between the file's rows and `contextBars` on each side.
   */
  readonly storedRows: number;
  /** The file's symbols, sorted. */
  readonly symbols: readonly string[];
  /** What the first call (on the file's rows alone) returned. */
  readonly fileResult: unknown;
}

/**
 * Checks a staged table before it is stored (the DataSanity hook), called up to twice:
 * first on the file's rows alone (`merge` undefined), then, when the store holds bars the
 * file is merged with, on the file's rows plus those stored rows (see
 * {@linkcode MergeInfo}). It may throw (the ingest rolls back, the store is unchanged) or
 * repair the table in place (a file row dropped by the first call leaves the stored bar
 * of its date in place; repairs of stored rows in the second call are written back);
 * what the last call returns (e.g. a report) is passed back in
 * {@linkcode IngestResult.validation}.
 */
export interface ValidateHook {
  (db: DbEngine, table: string, merge?: MergeInfo): Promise<unknown>;
  /**
   * Stored bars on each side of the file's rows that the checks read (e.g. the window of
   * a split rule). @default 0 (only the stored bars between the file's rows)
   */
  readonly contextBars?: number;
}

/** Options of {@linkcode ingestFile}. */
export interface IngestOptions extends StageOptions {
  /** Run on the file's rows, then on the merged series, inside the transaction. @default none */
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
  /** Stored rows validated (and rewritten) with the file's rows. */
  readonly storedContext: number;
  /** Order-independent content hash of the file's stored rows (decimal text). */
  readonly hash: string;
  /** What the validate hook returned. */
  readonly validation?: unknown;
}

async function contentHash(
  db: DbEngine,
  table: string,
  own: string,
): Promise<string> {
  const r = await db.query<{ h: string | null }>(
    `SELECT CAST(sum(hash(symbol, ts, open, high, low, close, adj_close, volume))
       % 18446744073709551616 AS VARCHAR) AS h FROM ${table} WHERE ${own}`,
  );
  return r[0].h ?? "0";
}

/**
 * Ingest one file: {@linkcode stageFile} into a TEMP table of this connection, then in
 * ONE transaction: a check that the file's bars
 * of each symbol are of the stored kind (daily or intraday); the `validate` hook on the
 * file's rows; the stored bars the file is merged with are added to the staged rows
 * (those between the file's first and last row of each symbol, and `validate.contextBars`
 * on each side) and the hook runs again on that merged series; each symbol's window of
 * the store is replaced by the merged rows; a row in `ingests`.
 * Any throw rolls everything back (the TEMP table is dropped in any case), so a rejected
 * file leaves the store unchanged.
 * Re-ingesting the same file is idempotent.
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
 * import { writeFile } from "node:fs/promises";
 * import { makeTempFile } from "../_shared/runtime.ts";
 * const path = await makeTempFile({ suffix: ".csv" });
 * await writeFile(path, "date,close\n2020-01-02,10\n2020-01-03,11\n");
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
  // The file is read into a TEMP table (this connection's own, outside the store) before
  // the transaction: stageFile may retry a failed fast read, which would abort a
  // transaction. Everything that reads or writes the store runs in the transaction.
  const { table, ...staged } = await stageFile(db, path, options);
  try {
    return await db.transaction((tx) =>
      mergeAndWrite(tx, path, options, { table, ...staged })
    );
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** The part of {@linkcode ingestFile} inside its transaction. */
async function mergeAndWrite(
  tx: DbEngine,
  path: string,
  options: IngestOptions,
  { table, ...staged }: StagedFile,
): Promise<IngestResult> {
  const touched = await touchesStore(tx, table);
  if (touched) {
    await assertSameKind(tx, path, table, staged.intraday);
    await addContextColumns(tx, table);
  }
  const validate = options.validate;
  const fileResult = validate ? await validate(tx, table) : undefined;
  const fileCount = await count(tx, table, "TRUE");
  const ctx = touched
    ? await addStoredContext(tx, table, validate?.contextBars ?? 0)
    : NO_CONTEXT;
  const validation = validate && ctx.rows > 0
    ? await validate(tx, table, {
      fileRows: fileCount,
      storedRows: ctx.rows,
      symbols: staged.symbols,
      fileResult,
    })
    : fileResult;
  const own = fileRows(ctx);
  const stagedRows = await count(tx, table, own);
  const source = options.source ?? path;
  const hash = await contentHash(tx, table, own);
  const rows = await writeWindows(tx, table, ctx, {
    source,
    tz: staged.tz,
    duplicates: staged.duplicates,
  });
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
  return {
    file: path,
    ...staged,
    stagedRows,
    rows,
    storedContext: ctx.rows,
    hash,
    validation,
  };
}

async function count(
  db: DbEngine,
  table: string,
  where: string,
): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
  );
  return n;
}
