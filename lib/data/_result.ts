/**
 * Engine-neutral result building: both engines fill {@linkcode RawColumn}s from their
 * chunks/batches into preallocated arrays, then turn them into rows or typed columns with
 * the conventions of `engine.ts`.
 *
 * @module
 */
import type { Column, Columns } from "./engine.ts";

/** How a result column is presented. */
export type ColumnKind = "number" | "string" | "boolean";

/** One filled result column; numbers keep a NULL mask so rows can tell NULL from NaN. */
export type RawColumn =
  | { name: string; kind: "number"; values: Float64Array; nulls: Uint8Array }
  | { name: string; kind: "string"; values: (string | null)[] }
  | { name: string; kind: "boolean"; values: (boolean | null)[] };

/** A preallocated column of `rows` values of `kind`. */
export function allocColumn(
  name: string,
  kind: ColumnKind,
  rows: number,
): RawColumn {
  if (kind === "number") {
    return {
      name,
      kind,
      values: new Float64Array(rows),
      nulls: new Uint8Array(rows),
    };
  }
  if (kind === "string") {
    return { name, kind, values: new Array<string | null>(rows).fill(null) };
  }
  return { name, kind, values: new Array<boolean | null>(rows).fill(null) };
}

/** Store `v` (already converted to the column's JS type, or null) at row `r`. */
export function putValue(col: RawColumn, r: number, v: unknown): void {
  if (col.kind === "number") {
    if (v === null || v === undefined) {
      col.values[r] = NaN;
      col.nulls[r] = 1;
    } else col.values[r] = v as number;
  } else (col.values as unknown[])[r] = v ?? null;
}

/** Typed columns: numbers as `Float64Array` (NULL -> NaN). */
export function toColumns(cols: readonly RawColumn[], rows: number): Columns {
  const columns: Record<string, Column> = {};
  for (const c of cols) columns[c.name] = c.values;
  return { names: cols.map((c) => c.name), rows, columns };
}

/** Row objects: NULL -> null. */
export function toRows<T>(cols: readonly RawColumn[], rows: number): T[] {
  const out: T[] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const o: Record<string, unknown> = {};
    for (const c of cols) {
      o[c.name] = c.kind === "number"
        ? (c.nulls[r] ? null : c.values[r])
        : c.values[r];
    }
    out[r] = o as T;
  }
  return out;
}

/** `YYYY-MM-DD` of a count of days since 1970-01-01. */
export function isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO instant (UTC, milliseconds) of a count of milliseconds since the epoch. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** A BIGINT/HUGEINT as a number (exact when it is a safe integer). */
export function bigToNumber(v: bigint): number {
  return Number(v);
}
