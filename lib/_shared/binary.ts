/**
 * Whether the first block of a file is text: the one rule, for bar files and config files
 * alike, so a binary file is refused with one short reason and never echoed.
 *
 * @module
 */

/**
 * Why `head` (the first bytes of a file) is not UTF-8 text, or undefined when it is: a
 * NUL byte, or bytes that are not UTF-8. When `head` is only the start of a longer file,
 * a multi-byte character cut at its end is not counted.
 *
 * @param head The first bytes of the file.
 * @param whole `head` is the whole file. @default true
 * @returns A short reason such as `binary data (a NUL byte at byte 7)`, or undefined.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { binaryReason } from "./binary.ts";
 * assert.equal(binaryReason(new Uint8Array([0x7b, 0x7d])), undefined);
 * assert.equal(binaryReason(new Uint8Array([0x7f, 0x45, 0x00])), "binary data (a NUL byte at byte 2)");
 * assert.equal(binaryReason(new Uint8Array([0xff, 0xfe, 0x41])), "binary data (bytes that are not UTF-8 text)");
 * ```
 */
export function binaryReason(
  head: Uint8Array,
  whole = true,
): string | undefined {
  const nul = head.indexOf(0);
  if (nul >= 0) return `binary data (a NUL byte at byte ${nul})`;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(
      whole ? head : head.subarray(0, -3),
    );
  } catch {
    return "binary data (bytes that are not UTF-8 text)";
  }
  return undefined;
}
