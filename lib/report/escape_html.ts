/**
 * Escape a user-supplied value for safe inclusion in HTML text or a quoted attribute.
 *
 * Replaces `&`, `<`, `>`, `"` and `'` with their entities; `null`/`undefined` become "".
 *
 * @param value Any value; non-strings are converted with `String()`.
 * @returns The escaped string.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeHtml } from "./escape_html.ts";
 * assert.equal(escapeHtml("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
 * ```
 */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
