/**
 * Test-only in-memory native DuckDB engine implementing the DbEngine interface, used until
 * lib/data exports openDb. Numbers come back as numbers, DATE as "YYYY-MM-DD".
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { Columns, DbEngine, SqlParams } from "../../lib/data/engine.ts";

export async function memoryEngine(): Promise<DbEngine> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const norm = (v: unknown): unknown => {
    if (typeof v === "bigint") return Number(v);
    if (v instanceof Date) return v.toISOString();
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
      const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
      const types = reader.columnTypes().map((t) => t.toString());
      const names = reader.columnNames();
      return rows.map((r) => {
        const o: Record<string, unknown> = {};
        names.forEach((n, i) => {
          const v = r[n];
          o[n] = typeof v === "string" &&
              /^(BIGINT|HUGEINT|INTEGER|DOUBLE)$/.test(types[i])
            ? Number(v)
            : norm(v);
        });
        return o as T;
      });
    },
    queryColumns(): Promise<Columns> {
      throw new Error("queryColumns is not needed by the ml_store tests");
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
