/**
 * The error every engine throws when DuckDB rejects a statement.
 *
 * @module
 */

/**
 * DuckDB failed on a statement: the message is DuckDB's first line plus the SQL, the
 * original error is the `cause`.
 *
 * @example
 * ```ts
 * import { DbError } from "./db_error.ts";
 * import assert from "node:assert/strict";
 * const e = new DbError("select x", new Error("Binder Error: x"));
 * assert.match(e.message, /select x/);
 * ```
 */
export class DbError extends Error {
  override name = "DbError";
  /** The statement that failed. */
  readonly sql: string;
  constructor(sql: string, cause: unknown) {
    const first =
      (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
    const shown = sql.length > 400 ? sql.slice(0, 397) + "..." : sql;
    super(`DuckDB rejected the statement: ${first}; SQL: ${shown.trim()}`, {
      cause,
    });
    this.sql = sql;
  }
}
