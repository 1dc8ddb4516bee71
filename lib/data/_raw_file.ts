/**
 * Reading a bar file as VARCHAR columns, by DuckDB itself (streamed, never whole into
 * JS). Private to lib/data.
 *
 * @module
 */
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { fileProblem } from "../_shared/config.ts";
import { IngestError } from "../_shared/errors.ts";
import type { DbEngine } from "./engine.ts";
import { assertText, diagnoseCsv, diagnoseJson } from "./_csv_diagnose.ts";

/** Input formats. */
export type FileFormat = "csv" | "parquet" | "json";

/** A SQL string literal (`'` doubled); used for file names in table functions. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier. */
export function sqlIdent(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

/** The format of `path` from its extension (`.parquet`/`.pq`, `.json`/`.ndjson`, else CSV). */
export function formatOf(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  if (ext === ".json" || ext === ".ndjson" || ext === ".jsonl") return "json";
  return "csv";
}

/** The CSV dialect of every read (the header is the first line, fields as written). */
const CSV_DIALECT =
  `header = true, delim = ',', quote = '"', escape = '"', skip = 0`;

function reader(format: FileFormat, file: string): string {
  const f = sqlString(file);
  if (format === "parquet") {
    return `SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet(${f})`;
  }
  if (format === "json") {
    return `SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_json(${f}, format = 'auto')`;
  }
  return `SELECT * FROM read_csv(${f}, ${CSV_DIALECT}, all_varchar = true)`;
}

/**
 * The SQL source of a CSV whose `doubles` columns the reader converts to DOUBLE itself
 * (the others stay VARCHAR), in the dialect of the raw source: one pass, no text kept for
 * the numbers. The read fails at the first cell that is not a plain number (text,
 * `null`, ...), where the raw source's checks find and name it.
 *
 * @param file The name {@linkcode openRawSource} registered.
 * @param names The columns, in file order.
 * @param doubles The columns read as DOUBLE.
 */
export function typedCsvSource(
  file: string,
  names: readonly string[],
  doubles: ReadonlySet<string>,
): string {
  const types = names.map((n) =>
    `${sqlString(n)}: '${doubles.has(n) ? "DOUBLE" : "VARCHAR"}'`
  );
  return `(SELECT * FROM read_csv(${sqlString(file)}, ${CSV_DIALECT},
    types = {${types.join(", ")}}))`;
}

async function assertReadable(
  path: string,
  format: FileFormat,
  db: DbEngine,
): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw Object.assign(new Error(`is a directory: ${path}`), {
        code: "EISDIR",
      });
    }
    size = info.size;
  } catch (e) {
    throw new IngestError(
      path,
      0,
      "(file)",
      fileProblem(e),
      "an existing readable file",
      { cause: e },
    );
  }
  if (size === 0) {
    throw new IngestError(
      path,
      1,
      "(header)",
      "",
      "a header line such as Date,Open,High,Low,Close,Volume (the file is empty)",
    );
  }
  if (format !== "parquet") await assertText(path, format.toUpperCase());
  if (db.kind === "wasm" && format !== "csv") {
    throw new IngestError(
      path,
      0,
      "(format)",
      format,
      "CSV with the wasm engine (it cannot load the Parquet/JSON extensions offline); use the native engine (--engine native)",
    );
  }
}

/**
 * Check the file, register it with the engine and return the SQL source that reads every
 * column as VARCHAR in file order, with the column names and the registered name.
 */
export async function openRawSource(
  db: DbEngine,
  path: string,
  format: FileFormat,
): Promise<{ source: string; names: string[]; file: string }> {
  await assertReadable(path, format, db);
  const file = (await db.registerFile?.(path)) ?? path;
  const source = `(${reader(format, file)})`;
  try {
    const cols = await db.query<{ column_name: string }>(
      `DESCRIBE SELECT * FROM ${source}`,
    );
    return { source, names: cols.map((c) => c.column_name), file };
  } catch (e) {
    throw await unreadable(path, format, e);
  }
}

/**
 * An `IngestError` for a file DuckDB could not read: for a CSV, the first row with
 * another number of fields than the header, or an unclosed quote; else DuckDB's reason
 * in short (without its SQL).
 */
export async function unreadable(
  path: string,
  format: FileFormat,
  e: unknown,
): Promise<IngestError> {
  const found = format === "csv"
    ? await diagnoseCsv(path)
    : format === "json"
    ? await diagnoseJson(path)
    : undefined;
  if (found !== undefined) {
    const { line, column, value, expected } = found;
    return new IngestError(path, line, column ?? "(row)", value, expected, {
      cause: e,
    });
  }
  const reason = (e instanceof Error ? e.message : String(e))
    .replace(/; SQL:[\s\S]*$/, "")
    .replace(/^DuckDB rejected the statement: (\w+ )*Error: /, "")
    .replace(
      /Error when sniffing file "[^"]*"\.?/,
      "its dialect could not be detected",
    )
    .replace(/^No magic bytes found at end of file.*$/s, "not a Parquet file");
  return new IngestError(
    path,
    0,
    "(file)",
    reason.slice(0, 200),
    `a readable ${format.toUpperCase()} file`,
    { cause: e },
  );
}

/**
 * The text of one cell (error path only: reads the file again into a temp table, whose
 * rows keep file order).
 */
export async function rawCell(
  db: DbEngine,
  source: string,
  column: string,
  index: number,
): Promise<string> {
  const t = `raw_cell_${Math.floor(Math.random() * 1e9)}`;
  await db.exec(
    `CREATE TEMP TABLE ${t} AS SELECT ${sqlIdent(column)} AS v FROM ${source}`,
  );
  try {
    const r = await db.query<{ v: string | null }>(
      `SELECT v FROM ${t} WHERE rowid - (SELECT min(rowid) FROM ${t}) = $i`,
      { i: index },
    );
    return r[0]?.v ?? "";
  } finally {
    await db.exec(`DROP TABLE ${t}`);
  }
}
