/**
 * Content hashes for run manifests: the same data always gives the same hash.
 *
 * @module
 */

/** Strings are encoded in blocks of about this many bytes (fewer encoder calls). */
const TEXT_BLOCK = 1 << 16;

/**
 * FNV-1a 64-bit hash over the raw bytes of typed columns and strings, as 16 hex digits.
 * Each string is hashed as its UTF-8 bytes followed by a NUL byte; a string array as its
 * strings in order; a typed column as its bytes (platform byte order, little-endian on
 * every supported machine).
 *
 * @param parts Columns (`Float64Array` and friends) and strings, hashed in order.
 * @returns 16 lowercase hex digits.
 * @example
 * ```ts
 * import { hashColumns } from "./hash.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hashColumns([new Float64Array([1, 2])]), hashColumns([new Float64Array([1, 2])]));
 * assert.notEqual(hashColumns(["a"]), hashColumns(["b"]));
 * assert.equal(hashColumns([]), "cbf29ce484222325"); // the FNV-1a 64 offset basis
 * ```
 */
export function hashColumns(
  parts: ReadonlyArray<ArrayBufferView | string | readonly string[]>,
): string {
  const h = new Fnv1a64();
  const enc = new TextEncoder();
  for (const p of parts) {
    if (typeof p === "string") h.feed(enc.encode(p + "\u0000"));
    else if (Array.isArray(p)) feedStrings(h, enc, p as readonly string[]);
    else {
      const v = p as ArrayBufferView;
      h.feed(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    }
  }
  return h.hex();
}

/** Strings each followed by NUL, encoded a block at a time (same bytes as one by one). */
function feedStrings(
  h: Fnv1a64,
  enc: TextEncoder,
  strings: readonly string[],
): void {
  let block: string[] = [], size = 0;
  for (const s of strings) {
    block.push(s);
    size += s.length + 1;
    if (size >= TEXT_BLOCK) {
      h.feed(enc.encode(block.join("\u0000") + "\u0000"));
      block = [];
      size = 0;
    }
  }
  if (block.length > 0) h.feed(enc.encode(block.join("\u0000") + "\u0000"));
}

/**
 * FNV-1a 64 state as four 16-bit limbs (low first), so every step is exact int32
 * arithmetic: x = (x ^ byte) * (2^40 + 0x1b3) mod 2^64.
 */
class Fnv1a64 {
  // offset basis 0xcbf29ce484222325
  #a = 0x2325;
  #b = 0x8422;
  #c = 0x9ce4;
  #d = 0xcbf2;

  feed(bytes: Uint8Array): void {
    let a = this.#a, b = this.#b, c = this.#c, d = this.#d;
    for (let i = 0; i < bytes.length; i++) {
      a ^= bytes[i];
      // times 0x1b3, plus the 2^40 term: (a << 8) into limb c, (b << 8) into limb d
      const ta = a * 0x1b3;
      const tb = b * 0x1b3 + (ta >>> 16);
      const tc = c * 0x1b3 + (a << 8) + (tb >>> 16);
      const td = d * 0x1b3 + (b << 8) + (tc >>> 16);
      a = ta & 0xffff;
      b = tb & 0xffff;
      c = tc & 0xffff;
      d = td & 0xffff;
    }
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
  }

  hex(): string {
    const p = (x: number) => x.toString(16).padStart(4, "0");
    return p(this.#d) + p(this.#c) + p(this.#b) + p(this.#a);
  }
}
