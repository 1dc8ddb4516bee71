/**
 * What every table family of the store shares: DDL creation, bulk multi-row inserts,
 * tolerant reads of tables that may not exist yet, and JSON text columns.
 *
 * @module
 */
import type { AppendColumn, DbEngine, SqlValue } from "../data/mod.ts";

/** Most parameters bound by one INSERT statement (DuckDB charges per statement). */
const PARAMS_PER_STATEMENT = 2048;

/**
 * SQL: true when the row's comma-separated `symbols` include `$s`, or `$s` is NULL (no
 * symbol to scope a read to).
 */
export const HAS_SYMBOL_SQL =
  "($s IS NULL OR list_contains(string_split(symbols, ','), $s))";

/** NaN and infinities as `null` (SQL NULL, JSON null); other values unchanged. */
export function finiteOrNull<T>(v: T): T | null {
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}

/**
 * JSON text in which non-finite numbers (NaN, ±Infinity) become `null`.
 *
 * @param value Any JSON-like value.
 * @returns JSON text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonText } from "./_sql.ts";
 * assert.equal(jsonText({ a: NaN, b: 1 }), '{"a":null,"b":1}');
 * ```
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_k, v) => finiteOrNull(v));
}

/** Parse a JSON text column (objects pass through; bad or null text gives null). */
export function parseJson<T = unknown>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

/**
 * DDL that adds columns introduced after a table's first release, so a store written
 * before them gains them (NULL in the old rows) the next time the family is written.
 *
 * @param table The table.
 * @param columns Column definitions (`"scope VARCHAR"`).
 * @returns One idempotent `ALTER TABLE ... ADD COLUMN IF NOT EXISTS` per column.
 */
export function addedColumns(
  table: string,
  columns: readonly string[],
): string[] {
  return columns.map((c) =>
    `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${c}`
  );
}

/** True when `table` has `column` (false when the table does not exist). */
export async function hasColumn(
  db: DbEngine,
  table: string,
  column: string,
): Promise<boolean> {
  const rows = await db.query(
    `SELECT count(*) AS n FROM information_schema.columns
     WHERE table_name = $t AND column_name = $c`,
    { t: table, c: column },
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Run each DDL statement (idempotent `CREATE TABLE IF NOT EXISTS`); a failure names the
 * table family.
 *
 * @param db The store (or an open transaction).
 * @param family Human name for errors (`"run"`, `"ML"`).
 * @param ddl The statements.
 */
export async function ensureTables(
  db: DbEngine,
  family: string,
  ddl: readonly string[],
): Promise<void> {
  for (const sql of ddl) {
    try {
      await db.exec(sql);
    } catch (e) {
      throw new Error(
        `Cannot create the ${family} tables: ${
          sql.split("(")[0].trim()
        } failed`,
        { cause: e },
      );
    }
  }
}

/** Options of {@linkcode insertRows}. */
export interface InsertRowsOptions {
  /** ISO instant stored in a `created_at TIMESTAMP` column. @default no such column */
  readonly createdAt?: string;
}

/**
 * Store a run's rows in place of any it had: delete the rows of every `run_id` among
 * `rows`, then insert them (a queue run resumed after it was stored stores the same rows
 * once). Runs inside the caller's transaction.
 *
 * @param tx The store or an open transaction.
 * @param table Table name with a `run_id` column (a constant of the caller).
 * @param rows Rows with the same keys, each with its `run_id`.
 * @param options `createdAt` for a `created_at` column.
 */
export async function replaceRunRows<T extends { readonly run_id: string }>(
  tx: DbEngine,
  table: string,
  rows: readonly T[],
  options: InsertRowsOptions = {},
): Promise<void> {
  for (const id of new Set(rows.map((r) => r.run_id))) {
    await tx.exec(`DELETE FROM ${table} WHERE run_id = $id`, { id });
  }
  await insertRows(tx, table, rows, options);
}

/**
 * Insert `rows` (plain objects keyed by column, all with the keys of the first) with
 * multi-row INSERT statements, as many rows per statement as fit in 2048 parameters.
 * Non-finite numbers are stored as NULL. Runs inside the caller's transaction: writers
 * open one transaction per run.
 *
 * @param tx The store or an open transaction.
 * @param table Table name (a constant of the caller, never user input).
 * @param rows Rows with the same keys.
 * @param options `createdAt` for a `created_at` column.
 */
export async function insertRows<T extends object>(
  tx: DbEngine,
  table: string,
  rows: readonly T[],
  options: InsertRowsOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  const stamped = options.createdAt !== undefined;
  const names = stamped ? ["created_at", ...cols] : cols;
  const perStatement = Math.max(
    1,
    Math.floor(PARAMS_PER_STATEMENT / Math.max(1, cols.length)),
  );
  for (let from = 0; from < rows.length; from += perStatement) {
    const params: Record<string, SqlValue> = {};
    if (stamped) params.created_at = options.createdAt!;
    const tuples = rows.slice(from, from + perStatement).map((r, i) => {
      const rec = r as Record<string, SqlValue | undefined>;
      const vals = cols.map((c, j) => {
        params[`p${i}_${j}`] = finiteOrNull(rec[c] ?? null);
        return `$p${i}_${j}`;
      });
      if (stamped) vals.unshift("CAST($created_at AS TIMESTAMP)");
      return `(${vals.join(", ")})`;
    });
    await tx.exec(
      `INSERT INTO ${table} (${names.join(", ")}) VALUES ${tuples.join(", ")}`,
      params,
    );
  }
}

/**
 * Create a family's tables and insert its rows in one transaction: all or nothing.
 *
 * @param db The store.
 * @param family Human name for errors.
 * @param ddl The family's DDL.
 * @param write Inserts inside the transaction.
 */
export async function writeFamily(
  db: DbEngine,
  family: string,
  ddl: readonly string[],
  write: (tx: DbEngine) => Promise<void>,
): Promise<void> {
  await ensureTables(db, family, ddl);
  await db.transaction(write);
}

/** True when `table` exists in the database's main schema. */
export async function tableExists(
  db: DbEngine,
  table: string,
): Promise<boolean> {
  const rows = await db.query(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $t",
    { t: table },
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/**
 * Rows of `sql` over `table`, or [] when the table does not exist yet (a store where the
 * task that writes it never ran).
 *
 * @param db The store.
 * @param table The table the query reads.
 * @param sql The query.
 * @param params Named parameters.
 * @returns The rows.
 */
export async function readRows<T extends object = Record<string, unknown>>(
  db: DbEngine,
  table: string,
  sql: string,
  params: Record<string, SqlValue> = {},
): Promise<T[]> {
  if (!(await tableExists(db, table))) return [];
  return (await db.query(sql, params)) as unknown as T[];
}

/** The value of row `r` of an append column, as an INSERT parameter. */
function cellOf(c: AppendColumn, r: number): SqlValue {
  if (ArrayBuffer.isView(c)) return finiteOrNull(c[r]);
  if (Array.isArray(c)) return (c as readonly (string | null)[])[r];
  const o = c as { constant: string } | { epochMs: Float64Array };
  if ("constant" in o) return o.constant;
  // a TIMESTAMP literal DuckDB casts without a time zone suffix
  const ms = o.epochMs[r];
  if (!Number.isFinite(ms)) return null;
  return new Date(ms).toISOString().replace("T", " ").slice(0, 23);
}

/**
 * Insert typed columns (see lib/data `AppendColumn`, one per table column in order):
 * through the engine's appender when it has one (native), else as multi-row INSERTs
 * (wasm). Runs inside the caller's transaction.
 *
 * @param tx The store or an open transaction.
 * @param table Table name (a constant of the caller).
 * @param names The table's column names, in order (for the INSERT fallback).
 * @param columns One column per name.
 * @param rows Rows to insert.
 */
export async function insertColumns(
  tx: DbEngine,
  table: string,
  names: readonly string[],
  columns: readonly AppendColumn[],
  rows: number,
): Promise<void> {
  if (rows === 0) return;
  if (tx.appendRows) return await tx.appendRows(table, columns, rows);
  const out: Record<string, SqlValue>[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row: Record<string, SqlValue> = {};
    names.forEach((n, j) => row[n] = cellOf(columns[j], r));
    out[r] = row;
  }
  await insertRows(tx, table, out);
}
