/**
 * Staging a bar file: read by DuckDB into a typed TEMP table, checked cell by cell in SQL.
 *
 * @module
 */
import { IngestError } from "../_shared/errors.ts";
import type { DbEngine } from "./engine.ts";
import { type ColumnMapping, detectLayout, type Layout } from "./_layout.ts";
import {
  type FileFormat,
  formatOf,
  readRawFile,
  sqlIdent,
} from "./_raw_file.ts";
import {
  convertLocalToUtc,
  offsetLabelSql,
  parseTimestampSql,
  zonedSql,
  zoneFormatter,
} from "./_timestamps.ts";

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
  /** IANA zone of naive timestamps (converted to UTC). @default "UTC" */
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
  /** Source time zone: the `tz` option for naive files, the offsets found for zoned ones. */
  readonly tz: string;
  /** Distinct symbols, sorted. */
  readonly symbols: string[];
  /** Staged names of the extra columns. */
  readonly extras: string[];
}

let counter = 0;

/**
 * SQL: the source line of a raw row. The raw table keeps file order, but its rowids
 * start at a large offset inside a transaction, so count from the smallest.
 */
function lineSql(raw: string, lineOffset: number): string {
  return `(rowid - (SELECT min(rowid) FROM ${raw}) + ${lineOffset})`;
}
const MISSING = (c: string) =>
  `(${c} IS NULL OR trim(${c}) = '' OR lower(trim(${c})) = 'null')`;
// TRY_CAST gives NULL for "", "null" and unparsable text; the unparsable are caught first.
const NUM = (c: string) => `TRY_CAST(${c} AS DOUBLE)`;
const BAD_NUM = (c: string) =>
  `(TRY_CAST(${c} AS DOUBLE) IS NULL AND NOT ${MISSING(c)})`;
const NUMERIC = [
  "open",
  "high",
  "low",
  "close",
  "adj_close",
  "volume",
] as const;

async function firstBadNumber(
  db: DbEngine,
  raw: string,
  cols: readonly string[],
  lineOffset: number,
): Promise<{ line: number; col: string; value: string } | undefined> {
  if (cols.length === 0) return undefined;
  const mins = cols.map((c, i) =>
    `min(${lineSql(raw, lineOffset)}) FILTER (WHERE ${
      BAD_NUM(sqlIdent(c))
    }) AS m${i}`
  );
  const r = (await db.query<Record<string, number | null>>(
    `SELECT ${mins.join(", ")} FROM ${raw}`,
  ))[0];
  let best = -1, k = -1;
  cols.forEach((_, i) => {
    const m = r[`m${i}`];
    if (m !== null && m !== undefined && (best < 0 || m < best)) {
      [best, k] = [m, i];
    }
  });
  if (k < 0) return undefined;
  const v = await db.query<{ v: string }>(
    `SELECT ${sqlIdent(cols[k])} AS v FROM ${raw} WHERE ${
      lineSql(raw, lineOffset)
    } = $line`,
    { line: best },
  );
  return { line: best, col: cols[k], value: v[0]?.v ?? "" };
}

async function extraTypes(
  db: DbEngine,
  raw: string,
  layout: Layout,
): Promise<string[]> {
  if (layout.extras.length === 0) return [];
  const sel = layout.extras.map((x, i) => {
    const c = sqlIdent(x.source);
    return `count(*) FILTER (WHERE ${
      BAD_NUM(c)
    }) = 0 AND count(*) FILTER (WHERE NOT ${MISSING(c)}) > 0 AS n${i}`;
  });
  const r = (await db.query<Record<string, boolean>>(
    `SELECT ${sel.join(", ")} FROM ${raw}`,
  ))[0];
  return layout.extras.map((x, i) => {
    const c = sqlIdent(x.source);
    return `${r[`n${i}`] ? NUM(c) : c} AS ${sqlIdent(x.name)}`;
  });
}

function tsRawSql(layout: Layout): string {
  const d = `trim(${sqlIdent(layout.fields.date!)})`;
  const t = layout.fields.time;
  return t === undefined ? d : `${d} || ' ' || trim(${sqlIdent(t)})`;
}

async function checkZones(
  db: DbEngine,
  path: string,
  raw: string,
  tsRaw: string,
  dateCol: string,
  lineOffset: number,
): Promise<string | undefined> {
  const r = (await db.query<
    { z: number; n: number; lz: number; ln: number; offs: string }
  >(
    `SELECT count(*) FILTER (WHERE zoned) AS z, count(*) FILTER (WHERE NOT zoned) AS n,
       min(line) FILTER (WHERE zoned) AS lz, min(line) FILTER (WHERE NOT zoned) AS ln,
       string_agg(DISTINCT CASE WHEN zoned THEN ${
      offsetLabelSql("r")
    } END, ',' ORDER BY
         CASE WHEN zoned THEN ${offsetLabelSql("r")} END) AS offs
     FROM (SELECT ${lineSql(raw, lineOffset)} AS line, ${tsRaw} AS r, ${
      zonedSql(tsRaw)
    } AS zoned
           FROM ${raw} WHERE NOT ${MISSING(sqlIdent(dateCol))})`,
  ))[0];
  if (r.z > 0 && r.n > 0) {
    const line = Math.max(r.lz, r.ln);
    const v = await db.query<{ v: string }>(
      `SELECT ${tsRaw} AS v FROM ${raw} WHERE ${
        lineSql(raw, lineOffset)
      } = $line`,
      { line },
    );
    throw new IngestError(
      path,
      line,
      dateCol,
      v[0]?.v ?? "",
      `timestamps that are all naive or all zoned (line ${
        Math.min(r.lz, r.ln)
      } is ${r.lz < r.ln ? "zoned" : "naive"}); the file mixes both`,
    );
  }
  return r.z > 0 ? r.offs : undefined;
}

function symbolSql(
  layout: Layout,
  symbol: string | undefined,
): { expr: string; where: string } {
  const col = layout.fields.symbol;
  if (col === undefined) return { expr: "$symbol", where: "" };
  const c = `trim(${sqlIdent(col)})`;
  return { expr: c, where: symbol === undefined ? "" : `WHERE ${c} = $symbol` };
}

async function stage(
  db: DbEngine,
  path: string,
  raw: string,
  table: string,
  layout: Layout,
  opts: StageOptions,
  lineOffset: number,
  zoned: boolean,
): Promise<void> {
  const f = layout.fields;
  const num = (k: typeof NUMERIC[number]) => {
    const src = f[k] ??
      (["open", "high", "low"].includes(k) ? f.close : undefined);
    return `${
      src === undefined ? "CAST(NULL AS DOUBLE)" : NUM(sqlIdent(src))
    } AS ${k}`;
  };
  const tsRaw = tsRawSql(layout);
  const sym = symbolSql(layout, opts.symbol);
  const extras = await extraTypes(db, raw, layout);
  await db.exec(
    `CREATE TEMP TABLE ${table} AS SELECT CAST(${
      lineSql(raw, lineOffset)
    } AS BIGINT) AS line,
       ${sym.expr} AS symbol, ${
      parseTimestampSql(tsRaw, zoned)
    } AS ts, ${tsRaw} AS ts_raw,
       ${NUMERIC.map(num).join(", ")}${extras.map((e) => ", " + e).join("")}
     FROM ${raw} ${sym.where}`,
    sym.expr === "$symbol" || sym.where !== ""
      ? { symbol: opts.symbol ?? "" }
      : undefined,
  );
  const bad = await db.query<
    { line: number; ts_raw: string | null; symbol: string | null }
  >(
    `SELECT line, ts_raw, symbol FROM ${table} WHERE ts IS NULL OR symbol IS NULL OR symbol = ''
     ORDER BY line LIMIT 1`,
  );
  if (bad.length > 0) {
    const b = bad[0];
    if (b.symbol === null || b.symbol === "") {
      throw new IngestError(path, b.line, f.symbol ?? "symbol", "", "a symbol");
    }
    throw new IngestError(
      path,
      b.line,
      f.date!,
      b.ts_raw ?? "",
      "a date such as 2020-01-31, an ISO timestamp (2020-01-31T09:30:00Z), 20200131 or Jan 31 2020",
    );
  }
}

/**
 * Stage a CSV, Parquet (native engine only) or JSON (native only) file of bars into a TEMP
 * table (see {@linkcode StagedFile}); DuckDB reads the file itself, in blocks. Every cell
 * is read as text and converted with `TRY_CAST`; the first unparsable number or date
 * (found in SQL) throws an `IngestError` naming the file, line, column and value. Empty
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
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,0.5,1.5,100\n");
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
  const tz = options.tz ?? "UTC";
  if (tz !== "UTC") zoneFormatter(tz);
  const format = options.format ?? formatOf(path);
  const id = `${++counter}_${Math.floor(Math.random() * 1e9)}`;
  const raw = `raw_${id}`, table = `staged_${id}`;
  const lineOffset = format === "csv" ? 2 : 1;
  try {
    const names = await readRawFile(db, path, raw, format);
    if (names.length === 1 && /[;\t|]/.test(names[0])) {
      throw new IngestError(
        path,
        1,
        names[0],
        names[0],
        `comma-separated columns (the header is one column containing "${
          /[;\t|]/.exec(names[0])![0]
        }": the file uses another delimiter)`,
      );
    }
    const layout = detectLayout(path, names, options.mapping);
    if (layout.fields.symbol === undefined && options.symbol === undefined) {
      throw new IngestError(
        path,
        1,
        "symbol",
        names.join(","),
        "a symbol column or the symbol option (--symbol S)",
      );
    }
    const n =
      (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${raw}`))[0].n;
    if (n === 0) {
      throw new IngestError(
        path,
        lineOffset,
        "(data)",
        "",
        "at least one data row after the header",
      );
    }
    const numeric = NUMERIC.map((k) => layout.fields[k]).filter((
      c,
    ): c is string => c !== undefined);
    const bad = await firstBadNumber(db, raw, numeric, lineOffset);
    if (bad) {
      throw new IngestError(path, bad.line, bad.col, bad.value, "a number");
    }
    const offsets = await checkZones(
      db,
      path,
      raw,
      tsRawSql(layout),
      layout.fields.date!,
      lineOffset,
    );
    await stage(
      db,
      path,
      raw,
      table,
      layout,
      options,
      lineOffset,
      offsets !== undefined,
    );
    if (offsets === undefined && tz !== "UTC") {
      await convertLocalToUtc(db, table, tz);
    }
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
      tz: offsets ?? tz,
      symbols: info[0].symbols?.split(",") ?? [],
      extras: layout.extras.map((x) => x.name),
    };
  } catch (e) {
    await db.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    throw e;
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${raw}`).catch(() => {});
  }
}
