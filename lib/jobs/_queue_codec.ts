/**
 * A shard's outcomes as text that decodes to the same bits: JSON in which every
 * `Float64Array` is its bytes in base64 (another typed array: its bytes and its type,
 * e.g. a fold's `Int8Array` of signs) and every number JSON cannot hold (`NaN`,
 * `±Infinity`, `-0`) is tagged. A queue worker stores one text per symbol in its shard's
 * Parquet file; the coordinator decodes it into exactly what a local worker returns, so a
 * queue run stores the same rows as a local one.
 *
 * @module
 */
const F64 = "$f64", NUM = "$num", TYPED = "$typed";

/** The other typed arrays a value may hold, by name. */
const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
} as const;
type TypedName = keyof typeof TYPED_ARRAYS;

function toBase64(a: ArrayBufferView): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function bytesOf(text: string): ArrayBuffer {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes.buffer;
}

function typedName(v: unknown): TypedName | null {
  for (const name of Object.keys(TYPED_ARRAYS) as TypedName[]) {
    if (v instanceof TYPED_ARRAYS[name]) return name;
  }
  return null;
}

/**
 * Encode a value (plain objects, arrays, strings, numbers, `Float64Array`s) exactly.
 *
 * @param value The value, e.g. a shard outcome or a job's config.
 * @returns Its text (see the module doc).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeExact, encodeExact } from "./_queue_codec.ts";
 * const o = { first: NaN, last: -0, big: -Infinity, oos: new Float64Array([1.5, NaN]), sign: Int8Array.of(-1, 0, 1) };
 * const back = decodeExact<typeof o>(encodeExact(o));
 * assert.deepEqual(back, o);
 * assert.ok(Object.is(back.last, -0) && back.oos instanceof Float64Array);
 * assert.ok(back.sign instanceof Int8Array);
 * ```
 */
export function encodeExact(value: unknown): string {
  return JSON.stringify(value, function (key, v) {
    // `this[key]` is the value before toJSON; a Float64Array arrives as itself
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Float64Array) return { [F64]: toBase64(raw) };
    const typed = typedName(raw);
    if (typed) {
      return { [TYPED]: [typed, toBase64(raw as ArrayBufferView)] };
    }
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) {
      return { [NUM]: Object.is(v, -0) ? "-0" : String(v) };
    }
    return v;
  });
}

/**
 * Decode {@linkcode encodeExact}'s text.
 *
 * @param text The text.
 * @returns The value, bit for bit.
 */
export function decodeExact<T>(text: string): T {
  return JSON.parse(text, (_key, v) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      if (typeof v[F64] === "string") return new Float64Array(bytesOf(v[F64]));
      const t = v[TYPED];
      if (Array.isArray(t) && Object.hasOwn(TYPED_ARRAYS, t[0])) {
        return new TYPED_ARRAYS[t[0] as TypedName](bytesOf(t[1]));
      }
      if (typeof v[NUM] === "string") {
        return v[NUM] === "-0" ? -0 : Number(v[NUM]);
      }
    }
    return v;
  }) as T;
}
