/**
 * Staging a bar file: read by DuckDB into a typed TEMP table, checked cell by cell in SQL.
 *
 * @module
 */
import { IngestError } from "../_shared/errors.ts";
import type { DbEngine } from "./engine.ts";
import { type ColumnMapping, detectLayout } from "./_layout.ts";
import { type FileFormat, formatOf, openRawSource } from "./_raw_file.ts";
import { zoneFormatter } from "./_timestamps.ts";
import { normaliseTimes } from "./_exchange_dates.ts";
import {
  applyZones,
  assertDelimiter,
  assertHeader,
  checkRows,
  createStaged,
  typeExtras,
} from "./_stage_steps.ts";

/** Options of {@linkcode stageFile}. */
export interface StageOptions {
  /**
   * Symbol of a single-symbol file. With a `symbol`/`ticker` column it selects that
   * symbol's rows instead. Required when the file has no symbol column.
   */
  readonly symbol?: string;
  /** Explicit columns, e.g. `{ date: "Day", close: "Last" }`; other fields are recognised. */
  readonly mapping?: ColumnMapping;
  /** @default from the extension (`.parquet`, `.json`, else CSV) */
  readonly format?: FileFormat;
  /**
   * IANA zone of the exchange: naive intraday timestamps are read in it (and stored in
   * UTC), daily bars are dated in it when their written time is not midnight (see
   * {@linkcode stageFile}). @default none: naive timestamps are UTC, zoned ones are dated
   * by their own offsets
   */
  readonly tz?: string;
}

/** The staged file. */
export interface StagedFile {
  /**
   * TEMP table: `line BIGINT` (CSV: 1-based file line, header = 1; else record number),
   * `symbol, ts TIMESTAMP (UTC), ts_raw, open, high, low, close, adj_close, volume DOUBLE`
   * (NULL when missing) plus the file's other columns (DOUBLE when numeric, else VARCHAR).
   */
  readonly table: string;
  readonly rows: number;
  readonly format: FileFormat;
  /** Recognised layout, e.g. `"yahoo"`, `"stooq"`, `"ohlcv+symbol"`, `"close-only"`. */
  readonly layout: string;
  /**
   * Source time zone: the offsets found for zoned files (e.g. `"-05:00,UTC"`), else the
   * `tz` option, else `"UTC"`.
   */
  readonly tz: string;
  /**
   * Symbols whose bars are intraday (stored as UTC instants), sorted; the others are
   * daily (stored at 00:00 of their exchange date).
   */
  readonly intraday: string[];
  /**
   * Rows repeating the `(symbol, ts)` and date text of an earlier row (left to
   * DataSanity's duplicate rules; when stored, the last one wins).
   */
  readonly duplicates: number;
  /** Distinct symbols, sorted. */
  readonly symbols: string[];
  /** Staged names of the extra columns. */
  readonly extras: string[];
}

let counter = 0;

/**
 * Stage a CSV, Parquet (native engine only) or JSON (native only) file of bars into a TEMP
 * table (see {@linkcode StagedFile}); DuckDB reads the file itself, in blocks. A CSV's
 * number columns are first typed by the reader; when that fails every cell is read as
 * text and converted with `TRY_CAST` (the same values); the first unparsable number or date
 * (found in SQL) throws an `IngestError` naming the file, line, column and value. Call it
 * outside a transaction (a failed typed read would abort the transaction). Empty
 * cells and `null` are missing (NULL). Files without open/high/low get them from close.
 * Naive timestamps are read in `tz` and converted to UTC; zoned ones use their offset; a
 * mix of both is rejected. Drop the table when done (or let the transaction roll back).
 *
 * @param db An open engine.
 * @param path File to read.
 * @param options See {@linkcode StageOptions}.
 * @returns The staged table and what was recognised.
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import { stageFile } from "./stage_file.ts";
 * import assert from "node:assert/strict";
 * import { writeFile } from "node:fs/promises";
 * import { makeTempFile } from "../_shared/runtime.ts";
 * const path = await makeTempFile({ suffix: ".csv" });
 * await writeFile(path, "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,100\n");
 * const db = await openDb({ path: ":memory:" });
 * const s = await stageFile(db, path, { symbol: "X" });
 * assert.equal(s.rows, 1);
 * assert.deepEqual(await db.query(`select line, ts, close from ${s.table}`),
 *   [{ line: 2, ts: "2020-01-02T00:00:00.000Z", close: 1.5 }]);
 * await db.close();
 * ```
 */
export async function stageFile(
  db: DbEngine,
  path: string,
  options: StageOptions = {},
): Promise<StagedFile> {
  const tz = options.tz;
  if (tz !== undefined) zoneFormatter(tz);
  const format = options.format ?? formatOf(path);
  const table = `staged_${++counter}_${Math.floor(Math.random() * 1e9)}`;
  try {
    const { source, names, file } = await openRawSource(db, path, format);
    assertDelimiter(path, names);
    const layout = detectLayout(path, names, options.mapping);
    assertHeader(path, names, layout, options.symbol);
    await createStaged(
      db,
      { path, format, source, file, names },
      table,
      layout,
      options.symbol,
    );
    const [{ n }] = await db.query<{ n: number }>(
      `SELECT count(*) AS n FROM ${table}`,
    );
    if (n === 0) {
      throw new IngestError(
        path,
        format === "csv" ? 2 : 1,
        "(data)",
        "",
        "at least one data row after the header",
      );
    }
    if (layout.fields.symbol !== undefined && options.symbol !== undefined) {
      await db.exec(
        `DELETE FROM ${table} WHERE symbol IS DISTINCT FROM $symbol`,
        { symbol: options.symbol },
      );
    }
    await typeExtras(db, table, layout);
    const offsets = await applyZones(db, path, table, layout.fields.date!);
    await checkRows(db, path, table, layout);
    const { intraday, duplicates } = await normaliseTimes(
      db,
      path,
      table,
      layout.fields.date!,
      {
        zoned: offsets !== undefined,
        tz,
      },
    );
    const info = await db.query<{ rows: number; symbols: string | null }>(
      `SELECT count(*) AS rows, string_agg(DISTINCT symbol, ',' ORDER BY symbol) AS symbols FROM ${table}`,
    );
    if (info[0].rows === 0) {
      throw new IngestError(
        path,
        0,
        layout.fields.symbol ?? "symbol",
        options.symbol ?? "",
        "rows of the requested symbol",
      );
    }
    return {
      table,
      rows: info[0].rows,
      format,
      layout: layout.name,
      tz: offsets ?? tz ?? "UTC",
      intraday,
      duplicates,
      symbols: info[0].symbols?.split(",") ?? [],
      extras: layout.extras.map((x) => x.name),
    };
  } catch (e) {
    // Best-effort cleanup: inside a failed transaction DuckDB refuses every statement, and
    // the rollback removes the table anyway; the original error is what matters.
    await db.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    throw e;
  }
}
