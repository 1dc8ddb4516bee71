/**
 * The one database interface of the project. Two engines implement it: native DuckDB
 * (`@duckdb/node-api`, default, on-disk or in-memory) and DuckDB-WASM
 * (`@duckdb/duckdb-wasm`, portable, in-memory). Only `lib/data` imports DuckDB; every
 * other domain talks to a {@linkcode DbEngine}.
 *
 * @module
 */

/** A value bound to a named SQL parameter (`$symbol` in the SQL, `{ symbol }` here). */
export type SqlValue = string | number | boolean | null | bigint;

/** Named parameters: keys without the `$`. SQL is always parameterised, never spliced. */
export type SqlParams = Readonly<Record<string, SqlValue>>;

/** A column of a query result: numbers as `Float64Array` (NULL -> NaN), others as arrays. */
export type Column = Float64Array | (string | null)[] | (boolean | null)[];

/** A query result as named columns of equal length. */
export interface Columns {
  readonly names: readonly string[];
  readonly rows: number;
  readonly columns: Readonly<Record<string, Column>>;
}

/**
 * One column of {@linkcode DbEngine.appendRows}, in the table's column order: doubles
 * (`Float64Array`; NaN and infinities are stored as NULL), integers (`Int32Array`), bar
 * times (`{ epochMs }`, milliseconds since the epoch, into a TIMESTAMP column), one text
 * (or null) per row, or one text for every row (`{ constant }`).
 */
export type AppendColumn =
  | Float64Array
  | Int32Array
  | { readonly epochMs: Float64Array }
  | readonly (string | null)[]
  | { readonly constant: string };

/** Which implementation runs the SQL. */
export type EngineKind = "native" | "wasm";

/**
 * A connection to a DuckDB database.
 *
 * Result conventions (both engines): DOUBLE/FLOAT/INTEGER/DECIMAL and BIGINT (when it is a
 * safe integer) become `number`; DATE becomes `"YYYY-MM-DD"`; TIMESTAMP and TIMESTAMPTZ
 * become ISO `"YYYY-MM-DDTHH:MM:SS.sssZ"` (UTC); NULL becomes `null` in rows and `NaN` in
 * numeric columns.
 */
export interface DbEngine {
  readonly kind: EngineKind;
  /** `":memory:"` or the database file path. */
  readonly path: string;
  /** Run statements that return nothing (DDL, INSERT, ...). */
  exec(sql: string, params?: SqlParams): Promise<void>;
  /** Run a query and return its rows as plain objects. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: SqlParams,
  ): Promise<T[]>;
  /** Run a query and return typed columns (numeric columns as `Float64Array`). */
  queryColumns(sql: string, params?: SqlParams): Promise<Columns>;
  /**
   * Run a query and yield its result a chunk of rows at a time (native: DuckDB's
   * streaming result, so the whole result is never held at once). Run no other
   * statement on this engine until the iteration ends. Optional: callers fall back to
   * `queryColumns` (lib/data `queryInChunks`).
   */
  queryChunks?(sql: string, params?: SqlParams): AsyncIterable<Columns>;
  /**
   * Run `fn` inside BEGIN/COMMIT; any throw rolls back and re-throws, leaving the
   * database unchanged. Transactions do not nest.
   */
  transaction<T>(fn: (tx: DbEngine) => Promise<T>): Promise<T>;
  /**
   * Append `rows` rows given as typed columns (one per table column, in order) to an
   * existing table, inside the open transaction if there is one. Native: DuckDB's
   * appender, a vector of 2,048 rows at a time. Optional: callers fall back to multi-row
   * INSERTs (lib/store `insertColumns`).
   */
  appendRows?(
    table: string,
    columns: readonly AppendColumn[],
    rows: number,
  ): Promise<void>;
  /** Release the connection (and the instance when this engine owns it). */
  close(): Promise<void>;
  /**
   * Make a file on disk readable by SQL (`read_csv`, `read_parquet`, `read_json`) and
   * return the name to use in the SQL. Native: the path itself. WASM: the absolute path,
   * registered through the Node file system so DuckDB reads it in blocks. Optional for
   * other implementations (test doubles); callers fall back to the path.
   */
  registerFile?(path: string): Promise<string>;
}
