/**
 * Bulk appends for the native engine: DuckDB's appender fed one data chunk (2,048 rows) at
 * a time, each vector written with one copy from a typed array (`@duckdb/node-bindings`).
 *
 * @module
 */
import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  DuckDBTypeId,
} from "@duckdb/node-api";
import bindings from "@duckdb/node-bindings";
import type { AppendColumn } from "./engine.ts";

const TWO_32 = 4294967296;

function describe(c: AppendColumn): string {
  if (c instanceof Float64Array) return "Float64Array";
  if (c instanceof Int32Array) return "Int32Array";
  if (Array.isArray(c)) return "text";
  return "constant" in c ? "constant text" : "bar times";
}

function checkColumn(
  table: string,
  i: number,
  type: DuckDBType,
  c: AppendColumn,
  rows: number,
): void {
  const id = type.typeId;
  const ok = id === DuckDBTypeId.DOUBLE
    ? c instanceof Float64Array
    : id === DuckDBTypeId.INTEGER
    ? c instanceof Int32Array
    : id === DuckDBTypeId.TIMESTAMP
    ? !ArrayBuffer.isView(c) && !Array.isArray(c) && "epochMs" in c
    : id === DuckDBTypeId.VARCHAR
    ? Array.isArray(c) || (!ArrayBuffer.isView(c) && "constant" in c)
    : false;
  if (!ok) {
    throw new TypeError(
      `Cannot append to ${table}: column ${i} is ${type}, got ${describe(c)}`,
    );
  }
  const length = ArrayBuffer.isView(c)
    ? c.length
    : Array.isArray(c)
    ? c.length
    : "epochMs" in c
    ? c.epochMs.length
    : rows;
  if (length < rows) {
    throw new RangeError(
      `Cannot append ${rows} rows to ${table}: column ${i} has ${length} values`,
    );
  }
}

/** Writes vector `c` of a chunk for rows [off, off + n) of the input. */
class ColumnWriter {
  #masked = false;
  constructor(
    readonly vector: bindings.Vector,
    readonly column: AppendColumn,
    readonly size: number,
  ) {
    if (!ArrayBuffer.isView(column) && !Array.isArray(column)) {
      if ("constant" in column) {
        for (let r = 0; r < size; r++) {
          bindings.vector_assign_string_element(vector, r, column.constant);
        }
      }
    }
  }

  write(off: number, n: number): void {
    const c = this.column;
    if (c instanceof Float64Array) {
      const part = c.subarray(off, off + n);
      this.#copy(part);
      this.#validity(n, (r) => Number.isFinite(part[r]));
    } else if (c instanceof Int32Array) {
      this.#copy(c.subarray(off, off + n));
    } else if (Array.isArray(c)) {
      const text = c as readonly (string | null)[];
      for (let r = 0; r < n; r++) {
        const v = text[off + r];
        if (v !== null) {
          bindings.vector_assign_string_element(this.vector, r, v);
        }
      }
      this.#validity(n, (r) => text[off + r] !== null);
    } else if ("epochMs" in c) {
      const words = new Int32Array(2 * n), ms = c.epochMs;
      for (let r = 0; r < n; r++) {
        const micros = Number.isFinite(ms[off + r]) ? ms[off + r] * 1000 : 0;
        const hi = Math.floor(micros / TWO_32);
        words[2 * r] = (micros - hi * TWO_32) | 0;
        words[2 * r + 1] = hi;
      }
      this.#copy(words);
      this.#validity(n, (r) => Number.isFinite(ms[off + r]));
    }
  }

  #copy(v: Float64Array | Int32Array): void {
    bindings.copy_data_to_vector(
      this.vector,
      0,
      v.buffer as ArrayBuffer,
      v.byteOffset,
      v.byteLength,
    );
  }

  /** NULL where `valid(r)` is false (a mask only once some chunk needs one). */
  #validity(n: number, valid: (r: number) => boolean): void {
    let all = true;
    for (let r = 0; r < n && all; r++) all = valid(r);
    if (all && !this.#masked) return;
    if (!this.#masked) {
      bindings.vector_ensure_validity_writable(this.vector);
      this.#masked = true;
    }
    const mask = new Uint8Array(Math.ceil(n / 64) * 8);
    for (let r = 0; r < n; r++) if (valid(r)) mask[r >> 3] |= 1 << (r & 7);
    bindings.copy_data_to_vector_validity(
      this.vector,
      0,
      mask.buffer,
      0,
      mask.byteLength,
    );
  }
}

/**
 * Append typed columns to `table` through the connection's appender (inside its open
 * transaction, if any).
 *
 * @param conn The connection.
 * @param table Table name (a constant of the caller).
 * @param columns One column per table column, in order.
 * @param rows Rows to append.
 */
export async function appendColumns(
  conn: DuckDBConnection,
  table: string,
  columns: readonly AppendColumn[],
  rows: number,
): Promise<void> {
  const appender = await conn.createAppender(table);
  try {
    const types = Array.from(
      { length: appender.columnCount },
      (_, i) => appender.columnType(i),
    );
    if (types.length !== columns.length) {
      throw new RangeError(
        `Cannot append to ${table}: it has ${types.length} columns, got ${columns.length}`,
      );
    }
    types.forEach((t, i) => checkColumn(table, i, t, columns[i], rows));
    const size = bindings.vector_size();
    const chunk = DuckDBDataChunk.create(types, size);
    const writers = columns.map((c, i) =>
      new ColumnWriter(bindings.data_chunk_get_vector(chunk.chunk, i), c, size)
    );
    for (let off = 0; off < rows; off += size) {
      const n = Math.min(size, rows - off);
      bindings.data_chunk_set_size(chunk.chunk, n);
      for (const w of writers) w.write(off, n);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
