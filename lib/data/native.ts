/**
 * The native DuckDB engine (`@duckdb/node-api`): fast, on-disk or in-memory.
 *
 * @module
 */
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  DuckDBTypeId,
  type DuckDBValue,
} from "@duckdb/node-api";
import type { Columns, DbEngine, SqlParams } from "./engine.ts";
import { DbError } from "./db_error.ts";
import { storeLockedError } from "./store_locked.ts";
import { transactionRunner } from "./_transaction.ts";
import {
  allocColumn,
  type ColumnKind,
  isoDate,
  isoInstant,
  putValue,
  type RawColumn,
  toColumns,
  toRows,
} from "./_result.ts";

const NUMERIC = new Set<number>([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

function kindOf(typeId: number): ColumnKind {
  if (NUMERIC.has(typeId)) return "number";
  return typeId === DuckDBTypeId.BOOLEAN ? "boolean" : "string";
}

function convert(v: DuckDBValue, typeId: number): unknown {
  if (v === null) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string") return v;
  // deno-lint-ignore no-explicit-any
  const o = v as any;
  switch (typeId) {
    case DuckDBTypeId.DECIMAL:
      return o.toDouble();
    case DuckDBTypeId.DATE:
      return Number.isFinite(o.days) && Math.abs(o.days) < 1e8
        ? isoDate(o.days)
        : String(v);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return o.isFinite ? isoInstant(Number(o.micros / 1000n)) : String(v);
    case DuckDBTypeId.TIMESTAMP_S:
      return o.isFinite ? isoInstant(Number(o.seconds) * 1000) : String(v);
    case DuckDBTypeId.TIMESTAMP_MS:
      return o.isFinite ? isoInstant(Number(o.millis)) : String(v);
    case DuckDBTypeId.TIMESTAMP_NS:
      return o.isFinite ? isoInstant(Number(o.nanos / 1000000n)) : String(v);
    default:
      return String(v);
  }
}

function readResult(
  result: DuckDBMaterializedResult,
): { cols: RawColumn[]; rows: number } {
  const names = result.columnNames();
  const typeIds = result.columnTypes().map((t) => t.typeId as number);
  const rows = result.rowCount;
  const cols = names.map((n, i) => allocColumn(n, kindOf(typeIds[i]), rows));
  let offset = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    const n = chunk.rowCount;
    for (let c = 0; c < cols.length; c++) {
      const vec = chunk.getColumnVector(c);
      const col = cols[c], id = typeIds[c];
      if (id === DuckDBTypeId.DOUBLE && col.kind === "number") {
        for (let r = 0; r < n; r++) {
          const v = vec.getItem(r) as number | null;
          if (v === null) {
            col.values[offset + r] = NaN;
            col.nulls[offset + r] = 1;
          } else col.values[offset + r] = v;
        }
      } else {
        for (let r = 0; r < n; r++) {
          putValue(col, offset + r, convert(vec.getItem(r), id));
        }
      }
    }
    offset += n;
  }
  return { cols, rows: offset };
}

/** Options of {@linkcode openNative}. */
export interface NativeOptions {
  /** `":memory:"` or a database file path. @default ":memory:" */
  readonly path?: string;
  /**
   * Open the file read-only (DuckDB `access_mode = READ_ONLY`): statements that write
   * fail, and several read-only processes may share the file. Ignored for `":memory:"`.
   * @default false
   */
  readonly readOnly?: boolean;
}

/**
 * Open the native engine. On-disk databases come from `DuckDBInstance.fromCache(path)`,
 * so re-running a notebook cell reuses the open database instead of failing on the file
 * lock; `close()` closes this handle with `closeSync()` (the file is released when the
 * last handle closes). `":memory:"` gets a private instance. When another process holds
 * the file, throws a {@linkcode StoreLockedError} naming it (one line, what to do).
 *
 * @param options See {@linkcode NativeOptions}.
 * @returns A {@linkcode DbEngine} of kind `"native"`.
 * @example
 * ```ts
 * import { openNative } from "./native.ts";
 * import assert from "node:assert/strict";
 * const db = await openNative();
 * assert.deepEqual(await db.query("select $x::DOUBLE * 2 as y", { x: 21 }), [{ y: 42 }]);
 * await db.close();
 * ```
 */
export async function openNative(
  options: NativeOptions = {},
): Promise<DbEngine> {
  const path = options.path ?? ":memory:";
  const readOnly = options.readOnly === true && path !== ":memory:";
  let instance: DuckDBInstance, conn: DuckDBConnection;
  try {
    instance = path === ":memory:"
      ? await DuckDBInstance.create(":memory:")
      : await DuckDBInstance.fromCache(
        path,
        readOnly ? { access_mode: "READ_ONLY" } : undefined,
      );
    conn = await instance.connect();
  } catch (e) {
    throw storeLockedError(path, e, readOnly) ??
      new DbError(`-- open database ${path}`, e);
  }
  const run = async (
    sql: string,
    params?: SqlParams,
  ): Promise<DuckDBMaterializedResult> => {
    try {
      return params && Object.keys(params).length > 0
        ? await conn.run(sql, params as Record<string, DuckDBValue>)
        : await conn.run(sql);
    } catch (e) {
      throw new DbError(sql, e);
    }
  };
  let closed = false;
  const inTransaction = transactionRunner(run);
  const engine: DbEngine = {
    kind: "native",
    path,
    async exec(sql, params) {
      await run(sql, params);
    },
    async query<T extends Record<string, unknown>>(
      sql: string,
      params?: SqlParams,
    ) {
      const { cols, rows } = readResult(await run(sql, params));
      return toRows<T>(cols, rows);
    },
    async queryColumns(sql: string, params?: SqlParams): Promise<Columns> {
      const { cols, rows } = readResult(await run(sql, params));
      return toColumns(cols, rows);
    },
    transaction<T>(fn: (tx: DbEngine) => Promise<T>): Promise<T> {
      return inTransaction(engine, fn);
    },
    registerFile(file: string): Promise<string> {
      return Promise.resolve(file);
    },
    close() {
      if (!closed) {
        closed = true;
        conn.closeSync();
        instance.closeSync();
      }
      return Promise.resolve();
    },
  };
  return engine;
}
