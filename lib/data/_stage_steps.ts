/**
 * The SQL steps of {@linkcode stageFile} (private to lib/data): one pass over the file into
 * a typed table, extra-column typing, time-zone handling and row checks.
 *
 * @module
 */
import { IngestError } from "../_shared/errors.ts";
import type { DbEngine } from "./engine.ts";
import type { Layout } from "./_layout.ts";
import {
  type FileFormat,
  rawCell,
  sqlIdent,
  typedCsvSource,
  unreadable,
} from "./_raw_file.ts";
import { offsetLabelSql, parseTimestampSql, zonedSql } from "./_timestamps.ts";

const MISSING = (c: string) =>
  `(${c} IS NULL OR trim(${c}) = '' OR lower(trim(${c})) = 'null')`;
// TRY_CAST gives NULL for "", "null" and unparsable text; the unparsable are flagged in `_bad`.
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

function tsRawSql(layout: Layout): string {
  const d = `trim(${sqlIdent(layout.fields.date!)})`;
  const t = layout.fields.time;
  return t === undefined ? d : `${d} || ' ' || trim(${sqlIdent(t)})`;
}

/** Numeric source columns, in order: `[field, source column]`. */
function numericSources(layout: Layout): [string, string | undefined][] {
  const f = layout.fields;
  return NUMERIC.map((
    k,
  ) => [
    k,
    f[k] ?? (["open", "high", "low"].includes(k) ? f.close : undefined),
  ]);
}

/**
 * One pass over the file into `table`: typed columns. A CSV is first read with its
 * number columns typed by the reader ({@linkcode typedCsvSource}); when that read fails
 * (a cell that is not a plain number, or any problem of the file) the file is read again
 * as text, each number converted with `TRY_CAST`, and the first unparsable one (`_bad`,
 * the index of its column) or the reason the file cannot be read is thrown. Both reads
 * give the same values: the reader and `TRY_CAST` share DuckDB's conversion.
 */
export async function createStaged(
  db: DbEngine,
  src: {
    path: string;
    format: FileFormat;
    /** The text read (`openRawSource`), its registered file name and its columns. */
    source: string;
    file: string;
    names: readonly string[];
  },
  table: string,
  layout: Layout,
  symbol: string | undefined,
): Promise<void> {
  const nums = numericSources(layout);
  const checked = nums.filter(([, c]) => c !== undefined).map(([, c]) => c!);
  const cols = nums.map(([k, c]) =>
    `${c === undefined ? "CAST(NULL AS DOUBLE)" : NUM(sqlIdent(c))} AS ${k}`
  );
  const symCol = layout.fields.symbol;
  const tsRaw = tsRawSql(layout);
  const extras = layout.extras.map((x) =>
    `, ${sqlIdent(x.source)} AS ${sqlIdent(x.name)}`
  );
  const select = `SELECT CAST(0 AS BIGINT) AS line,
       ${
    symCol === undefined ? "$symbol" : `trim(${sqlIdent(symCol)})`
  } AS symbol,
       ${parseTimestampSql(tsRaw, false)} AS ts, ${tsRaw} AS ts_raw, ${
    cols.join(", ")
  }${extras.join("")}`;
  const params = symCol === undefined ? { symbol: symbol ?? "" } : undefined;
  // Rows keep file order; rowids start at a large offset inside a transaction.
  const lineOffset = src.format === "csv" ? 2 : 1;
  const texts = [symCol, layout.fields.date, layout.fields.time];
  if (
    src.format === "csv" && checked.length > 0 &&
    !checked.some((c) => texts.includes(c))
  ) {
    const typed = typedCsvSource(src.file, src.names, new Set(checked));
    try {
      await db.exec(
        `CREATE TEMP TABLE ${table} AS ${select} FROM ${typed}`,
        params,
      );
      await numberLines(db, table, lineOffset);
      return;
    } catch {
      // Not an error of its own: the text read below finds and names the cell or reason.
    }
  }
  const bad = checked.length === 0
    ? "CAST(NULL AS INTEGER)"
    : `CASE ${
      checked.map((c, i) => `WHEN ${BAD_NUM(sqlIdent(c))} THEN ${i}`).join(" ")
    } END`;
  try {
    await db.exec(
      `CREATE TEMP TABLE ${table} AS ${select}, ${bad} AS _bad FROM ${src.source}`,
      params,
    );
  } catch (e) {
    throw await unreadable(src.path, src.format, e);
  }
  await numberLines(db, table, lineOffset);
  const first = await db.query<{ line: number; k: number }>(
    `SELECT line, _bad AS k FROM ${table} WHERE _bad IS NOT NULL ORDER BY line LIMIT 1`,
  );
  if (first.length > 0) {
    const { line, k } = first[0];
    const value = await rawCell(db, src.source, checked[k], line - lineOffset);
    throw new IngestError(src.path, line, checked[k], value, "a number");
  }
  await db.exec(`ALTER TABLE ${table} DROP COLUMN _bad`);
}

/** `line` = the file line (CSV, header = 1) or record number of each row, in file order. */
async function numberLines(
  db: DbEngine,
  table: string,
  offset: number,
): Promise<void> {
  await db.exec(
    `UPDATE ${table} SET line = rowid - (SELECT min(rowid) FROM ${table}) + ${offset}`,
  );
}

/** Retype the extra columns that hold only numbers (or missing values) as DOUBLE. */
export async function typeExtras(
  db: DbEngine,
  table: string,
  layout: Layout,
): Promise<void> {
  if (layout.extras.length === 0) return;
  const sel = layout.extras.map((x, i) => {
    const c = sqlIdent(x.name);
    return `count(*) FILTER (WHERE ${
      BAD_NUM(c)
    }) = 0 AND count(*) FILTER (WHERE NOT ${MISSING(c)}) > 0 AS n${i}`;
  });
  const r = (await db.query<Record<string, boolean>>(
    `SELECT ${sel.join(", ")} FROM ${table}`,
  ))[0];
  for (const [i, x] of layout.extras.entries()) {
    if (!r[`n${i}`]) continue;
    const c = sqlIdent(x.name);
    await db.exec(
      `ALTER TABLE ${table} ALTER COLUMN ${c} TYPE DOUBLE USING ${NUM(c)}`,
    );
  }
}

/**
 * Zoned files: re-parse `ts` with the offsets (the first pass read them as naive). A mix
 * of naive and zoned timestamps throws. Returns the offsets found, or undefined (naive).
 */
export async function applyZones(
  db: DbEngine,
  path: string,
  table: string,
  dateCol: string,
): Promise<string | undefined> {
  // A zoned timestamp has a time, so a file without ':' in any date (daily files) is naive.
  const [{ colon }] = await db.query<{ colon: boolean | null }>(
    `SELECT bool_or(contains(ts_raw, ':')) AS colon FROM ${table}`,
  );
  if (!colon) return undefined;
  const zoned = `(contains(ts_raw, ':') AND ${zonedSql("ts_raw")})`;
  const r = (await db.query<
    { z: number; n: number; lz: number; ln: number; offs: string }
  >(
    `SELECT count(*) FILTER (WHERE zoned) AS z, count(*) FILTER (WHERE NOT zoned) AS n,
       min(line) FILTER (WHERE zoned) AS lz, min(line) FILTER (WHERE NOT zoned) AS ln,
       string_agg(DISTINCT off, ',' ORDER BY off) AS offs
     FROM (SELECT line, ts_raw, ${zoned} AS zoned,
       CASE WHEN ${zoned} THEN ${offsetLabelSql("ts_raw")} END AS off
       FROM ${table} WHERE ts_raw <> '')`,
  ))[0];
  if (r.z > 0 && r.n > 0) {
    const line = Math.max(r.lz, r.ln);
    const v = await db.query<{ v: string }>(
      `SELECT ts_raw AS v FROM ${table} WHERE line = $line`,
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
  if (r.z === 0) return undefined;
  await db.exec(
    `UPDATE ${table} SET ts = ${parseTimestampSql("ts_raw", true)}`,
  );
  return r.offs;
}

export async function checkRows(
  db: DbEngine,
  path: string,
  table: string,
  layout: Layout,
): Promise<void> {
  const bad = await db.query<
    { line: number; ts_raw: string | null; symbol: string | null }
  >(
    `SELECT line, ts_raw, symbol FROM ${table} WHERE ts IS NULL OR symbol IS NULL OR symbol = ''
     ORDER BY line LIMIT 1`,
  );
  if (bad.length === 0) return;
  const b = bad[0];
  if (b.symbol === null || b.symbol === "") {
    throw new IngestError(
      path,
      b.line,
      layout.fields.symbol ?? "symbol",
      "",
      "a symbol",
    );
  }
  throw new IngestError(
    path,
    b.line,
    layout.fields.date!,
    b.ts_raw ?? "",
    "a date such as 2020-01-31, an ISO timestamp (2020-01-31T09:30:00Z), 20200131 or Jan 31 2020",
  );
}

export function assertHeader(
  path: string,
  names: readonly string[],
  layout: Layout,
  symbol?: string,
): void {
  if (layout.fields.symbol === undefined && symbol === undefined) {
    throw new IngestError(
      path,
      1,
      "symbol",
      names.join(","),
      "a symbol column or the symbol option (--symbol S)",
    );
  }
}

export function assertDelimiter(path: string, names: readonly string[]): void {
  const sep = names.length === 1 ? /[;\t|]/.exec(names[0]) : null;
  if (sep) {
    throw new IngestError(
      path,
      1,
      names[0],
      names[0],
      `comma-separated columns (the header is one column containing "${
        sep[0]
      }": the file uses another delimiter)`,
    );
  }
}
