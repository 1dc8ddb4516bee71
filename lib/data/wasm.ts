/**
 * The DuckDB-WASM engine (`@duckdb/duckdb-wasm`, blocking Node build): portable,
 * in-memory only. Files on disk are made visible to SQL with `registerFile(path)`, which
 * registers them through the Node file system so DuckDB reads them in blocks (never
 * whole into JS).
 *
 * @module
 */
import * as duckdb from "@duckdb/duckdb-wasm/blocking";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import type { Columns, DbEngine, SqlParams } from "./engine.ts";
import { DbError } from "./db_error.ts";
import { transactionRunner } from "./_transaction.ts";
import { toPositional } from "./_named_params.ts";
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

// Arrow type ids (apache-arrow `Type` enum).
const A_INT = 2,
  A_FLOAT = 3,
  A_BOOL = 6,
  A_DECIMAL = 7,
  A_DATE = 8,
  A_TIMESTAMP = 10;

// deno-lint-ignore no-explicit-any
type ArrowTable = any;

function decimalToNumber(words: Uint32Array, scale: number): number {
  let big = 0n;
  for (let k = words.length - 1; k >= 0; k--) {
    big = (big << 32n) | BigInt(words[k]);
  }
  const bits = BigInt(words.length * 32);
  if (words[words.length - 1] & 0x80000000) big -= 1n << bits;
  return Number(big) / 10 ** scale;
}

function readTable(t: ArrowTable): { cols: RawColumn[]; rows: number } {
  const rows: number = t.numRows;
  const cols: RawColumn[] = [];
  t.schema.fields.forEach((f: ArrowTable, i: number) => {
    const id: number = f.type.typeId;
    const kind: ColumnKind = id === A_INT || id === A_FLOAT || id === A_DECIMAL
      ? "number"
      : id === A_BOOL
      ? "boolean"
      : "string";
    const col = allocColumn(f.name, kind, rows);
    const vec = t.getChildAt(i);
    if (id === A_FLOAT && col.kind === "number") {
      const arr = vec.toArray() as Float64Array;
      col.values.set(arr);
      if (vec.nullCount > 0) {
        for (let r = 0; r < rows; r++) {
          if (!vec.isValid(r)) putValue(col, r, null);
        }
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const v = vec.get(r);
        putValue(col, r, v === null ? null : convert(v, id, f.type));
      }
    }
    cols.push(col);
  });
  return { cols, rows };
}

function convert(v: unknown, id: number, type: ArrowTable): unknown {
  switch (id) {
    case A_INT:
      return typeof v === "bigint" ? Number(v) : v;
    case A_DECIMAL:
      return decimalToNumber(v as Uint32Array, type.scale);
    case A_DATE:
      return isoDate(Math.round((v as number) / 86_400_000));
    case A_TIMESTAMP:
      return isoInstant(Number(v));
    case A_BOOL:
      return v;
    default:
      return typeof v === "string" ? v : String(v);
  }
}

async function createDb(): Promise<duckdb.DuckDBBindings> {
  const require = createRequire(import.meta.url);
  const dir = dirname(
    require.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"),
  );
  const bundles = {
    mvp: {
      mainModule: join(dir, "duckdb-mvp.wasm"),
      mainWorker: join(dir, "duckdb-node-mvp.worker.cjs"),
    },
    eh: {
      mainModule: join(dir, "duckdb-eh.wasm"),
      mainWorker: join(dir, "duckdb-node-eh.worker.cjs"),
    },
  };
  const db = await duckdb.createDuckDB(
    bundles,
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  return db;
}

/**
 * Open an in-memory DuckDB-WASM engine. `path` must be `":memory:"`: the WASM engine does
 * not open database files (use the native engine for an on-disk store); passing a file
 * path throws a `TypeError` instead of silently using memory.
 *
 * @param path `":memory:"`.
 * @returns A {@linkcode DbEngine} of kind `"wasm"` with `registerFile`.
 * @example
 * ```ts
 * import { openWasm } from "./wasm.ts";
 * import assert from "node:assert/strict";
 * const db = await openWasm();
 * assert.deepEqual(await db.query("select $x::DOUBLE * 2 as y", { x: 21 }), [{ y: 42 }]);
 * await db.close();
 * ```
 */
export async function openWasm(path = ":memory:"): Promise<DbEngine> {
  if (path !== ":memory:") {
    throw new TypeError(
      `Cannot open "${path}" with the wasm engine: expected ":memory:" (the wasm engine is in-memory only); use the native engine for a database file`,
    );
  }
  const db = await createDb();
  const conn = db.connect();
  // No network: never try to fetch an extension (ICU, parquet, ...) from extensions.duckdb.org.
  conn.query("SET autoinstall_known_extensions = false");
  conn.query("SET autoload_known_extensions = false");
  const registered = new Set<string>();
  const run = (sql: string, params?: SqlParams): ArrowTable => {
    try {
      if (!params || Object.keys(params).length === 0) return conn.query(sql);
      const p = toPositional(sql, params, { exactDoubles: true });
      const stmt = conn.prepare(p.sql);
      try {
        return stmt.query(...p.values);
      } finally {
        stmt.close();
      }
    } catch (e) {
      if (e instanceof TypeError) throw e;
      throw new DbError(sql, e);
    }
  };
  let closed = false;
  const inTransaction = transactionRunner(run);
  const engine: DbEngine = {
    kind: "wasm",
    path,
    exec(sql, params) {
      run(sql, params);
      return Promise.resolve();
    },
    query<T extends Record<string, unknown>>(sql: string, params?: SqlParams) {
      const { cols, rows } = readTable(run(sql, params));
      return Promise.resolve(toRows<T>(cols, rows));
    },
    queryColumns(sql: string, params?: SqlParams): Promise<Columns> {
      const { cols, rows } = readTable(run(sql, params));
      return Promise.resolve(toColumns(cols, rows));
    },
    transaction<T>(fn: (tx: DbEngine) => Promise<T>): Promise<T> {
      return inTransaction(engine, fn);
    },
    registerFile(file: string): Promise<string> {
      const abs = resolve(file);
      if (!registered.has(abs)) {
        db.registerFileURL(abs, abs, duckdb.DuckDBDataProtocol.NODE_FS, true);
        registered.add(abs);
      }
      return Promise.resolve(abs);
    },
    close() {
      if (!closed) {
        closed = true;
        conn.close();
        db.reset();
      }
      return Promise.resolve();
    },
  };
  return engine;
}
