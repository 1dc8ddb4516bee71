/**
 * Content hashes for run manifests: the same data always gives the same hash.
 *
 * @module
 */

/**
 * FNV-1a 64-bit hash over the raw bytes of typed columns and strings, as 16 hex digits.
 *
 * @param parts Columns (`Float64Array` and friends) and strings, hashed in order.
 * @returns 16 lowercase hex digits.
 * @example
 * ```ts
 * import { hashColumns } from "./hash.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hashColumns([new Float64Array([1, 2])]), hashColumns([new Float64Array([1, 2])]));
 * assert.notEqual(hashColumns(["a"]), hashColumns(["b"]));
 * ```
 */
export function hashColumns(
  parts: ReadonlyArray<ArrayBufferView | string | readonly string[]>,
): string {
  // 64-bit state as two 32-bit halves; offset basis 0xcbf29ce484222325.
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  const enc = new TextEncoder();
  const feed = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      lo = (lo ^ bytes[i]) >>> 0;
      // (hi,lo) *= FNV prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64
      const l = lo * 0x1b3;
      const carry = Math.floor(l / 4294967296);
      const nlo = l >>> 0;
      const nhi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
      lo = nlo;
      hi = nhi;
    }
  };
  for (const p of parts) {
    if (typeof p === "string") feed(enc.encode(p + "\u0000"));
    else if (Array.isArray(p)) {
      for (const s of p) feed(enc.encode(s + "\u0000"));
    } else {
      const v = p as ArrayBufferView;
      feed(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    }
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}
