/**
 * Test-only in-memory native DuckDB engine implementing DbEngine, used until lib/data
 * exports openDb. Numbers come back as numbers (DOUBLE bit-exact), VARCHAR as strings.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { Columns, DbEngine, SqlParams } from "../../lib/data/engine.ts";

export async function memoryEngine(): Promise<DbEngine> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const norm = (v: unknown): unknown => {
    if (typeof v === "bigint") return Number(v);
    if (v !== null && typeof v === "object") return String(v);
    return v;
  };
  const engine: DbEngine = {
    kind: "native",
    path: ":memory:",
    async exec(sql: string, params?: SqlParams) {
      // deno-lint-ignore no-explicit-any
      await conn.run(sql, params as any);
    },
    async query<T extends Record<string, unknown>>(
      sql: string,
      params?: SqlParams,
    ): Promise<T[]> {
      // deno-lint-ignore no-explicit-any
      const reader = await conn.runAndReadAll(sql, params as any);
      const names = reader.columnNames();
      return reader.getRows().map((row) => {
        const o: Record<string, unknown> = {};
        names.forEach((n, i) => (o[n] = norm(row[i])));
        return o as T;
      });
    },
    async queryColumns(sql: string, params?: SqlParams): Promise<Columns> {
      // deno-lint-ignore no-explicit-any
      const reader = await conn.runAndReadAll(sql, params as any);
      const names = reader.columnNames();
      const cols = reader.getColumns();
      const columns: Record<string, Float64Array | (string | null)[]> = {};
      names.forEach((n, i) => {
        const c = cols[i];
        columns[n] = c.every((v) => v === null || typeof v === "number")
          ? Float64Array.from(c, (v) => (v === null ? NaN : (v as number)))
          : c.map((v) => (v === null ? null : String(norm(v))));
      });
      return { names, rows: reader.currentRowCount, columns };
    },
    async transaction<T>(fn: (tx: DbEngine) => Promise<T>): Promise<T> {
      await conn.run("BEGIN TRANSACTION");
      try {
        const out = await fn(engine);
        await conn.run("COMMIT");
        return out;
      } catch (e) {
        await conn.run("ROLLBACK");
        throw e;
      }
    },
    close() {
      conn.closeSync();
      instance.closeSync();
      return Promise.resolve();
    },
  };
  return engine;
}
