/**
 * The native DuckDB engine (`@duckdb/node-api`): fast, on-disk or in-memory.
 *
 * @module
 */
import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBResult,
  DuckDBTypeId,
  type DuckDBValue,
} from "@duckdb/node-api";
import bindings from "@duckdb/node-bindings";
import type { Columns, DbEngine, SqlParams } from "./engine.ts";
import { DbError } from "./db_error.ts";
import { storeLockedError } from "./store_locked.ts";
import { transactionRunner } from "./_transaction.ts";
import { appendColumns } from "./_append.ts";
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

/**
 * Copy a DOUBLE vector of a result chunk into `col` at `offset`: the vector's bytes in one
 * copy (`@duckdb/node-bindings` `vector_get_data`, a view of DuckDB's memory), then NULL
 * (the validity mask, absent when every value is valid) as NaN with the null flag.
 */
function copyDoubles(
  chunk: bindings.DataChunk,
  column: number,
  n: number,
  col: Extract<RawColumn, { kind: "number" }>,
  offset: number,
): void {
  const vector = bindings.data_chunk_get_vector(chunk, column);
  const bytes = bindings.vector_get_data(vector, n * 8);
  if (bytes.byteOffset % 8 === 0) {
    col.values.set(new Float64Array(bytes.buffer, bytes.byteOffset, n), offset);
  } else {
    const aligned = new Float64Array(n);
    new Uint8Array(aligned.buffer).set(bytes.subarray(0, n * 8));
    col.values.set(aligned, offset);
  }
  const mask = bindings.vector_get_validity(vector, Math.ceil(n / 64) * 8);
  if (!mask) return;
  for (let r = 0; r < n; r++) {
    if ((mask[r >> 3] & (1 << (r & 7))) === 0) {
      col.values[offset + r] = NaN;
      col.nulls[offset + r] = 1;
    }
  }
}

/** Fill `cols` at `offset` with one result chunk; returns its row count. */
function readChunk(
  chunk: DuckDBDataChunk,
  typeIds: readonly number[],
  cols: RawColumn[],
  offset: number,
): number {
  const n = chunk.rowCount;
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c], id = typeIds[c];
    if (id === DuckDBTypeId.DOUBLE && col.kind === "number") {
      copyDoubles(chunk.chunk, c, n, col, offset);
      continue;
    }
    const vec = chunk.getColumnVector(c);
    for (let r = 0; r < n; r++) {
      putValue(col, offset + r, convert(vec.getItem(r), id));
    }
  }
  return n;
}

function readResult(
  result: DuckDBMaterializedResult,
): { cols: RawColumn[]; rows: number } {
  const names = result.columnNames();
  const typeIds = result.columnTypes().map((t) => t.typeId as number);
  const cols = names.map((n, i) =>
    allocColumn(n, kindOf(typeIds[i]), result.rowCount)
  );
  let offset = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    offset += readChunk(result.getChunk(k), typeIds, cols, offset);
  }
  return { cols, rows: offset };
}

/** A streaming result, one chunk of typed columns at a time. */
async function* streamResult(result: DuckDBResult): AsyncGenerator<Columns> {
  const names = result.columnNames();
  const typeIds = result.columnTypes().map((t) => t.typeId as number);
  while (true) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const cols = names.map((n, i) =>
      allocColumn(n, kindOf(typeIds[i]), chunk.rowCount)
    );
    yield toColumns(cols, readChunk(chunk, typeIds, cols, 0));
  }
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
    async *queryChunks(sql: string, params?: SqlParams) {
      let result: DuckDBResult;
      try {
        result = params && Object.keys(params).length > 0
          ? await conn.stream(sql, params as Record<string, DuckDBValue>)
          : await conn.stream(sql);
      } catch (e) {
        throw new DbError(sql, e);
      }
      try {
        yield* streamResult(result);
      } catch (e) {
        throw new DbError(sql, e);
      }
    },
    transaction<T>(fn: (tx: DbEngine) => Promise<T>): Promise<T> {
      return inTransaction(engine, fn);
    },
    registerFile(file: string): Promise<string> {
      return Promise.resolve(file);
    },
    async appendRows(table, columns, rows) {
      try {
        await appendColumns(conn, table, columns, rows);
      } catch (e) {
        if (e instanceof TypeError || e instanceof RangeError) throw e;
        throw new DbError(`-- append ${rows} rows to ${table}`, e);
      }
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
