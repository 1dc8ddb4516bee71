/**
 * Config parsing at the edge: one call turns raw input (JSON file, CLI flags, notebook
 * parameters) into a typed, defaulted value or a {@linkcode ConfigError} naming the field
 * and what was expected, in plain words (the translation of zod's issues lives in
 * `expected.ts`, shared with `--help`).
 *
 * @module
 */
import type { z } from "zod";
import { readFile } from "node:fs/promises";
import { binaryReason } from "./binary.ts";
import { ConfigError } from "./errors.ts";
import { allowedFields, plainIssue } from "./expected.ts";
import { nearest } from "./nearest.ts";
import { jsonSyntaxError } from "./json_syntax.ts";
import { isNotFound } from "./runtime.ts";

/**
 * Parse `raw` with `schema`; on failure throw a `ConfigError` for the first issue,
 * naming `source`, the field path, what was expected in plain words ("a whole number at
 * least 1", "one of strict, relaxed", "a calendar date YYYY-MM-DD") and what was
 * received. Unknown fields are named with the allowed ones.
 *
 * @param schema A zod schema (use `z.strictObject` so unknown keys are rejected).
 * @param raw The untrusted value.
 * @param source Where it came from, e.g. `"config/risk_limits.json"` or `"--flags"`.
 * @returns The parsed value with defaults applied.
 * @example
 * ```ts
 * import { z } from "zod";
 * import assert from "node:assert/strict";
 * import { parseConfig } from "./config.ts";
 * const S = z.strictObject({ trainLen: z.number().int().positive().default(252) });
 * assert.deepEqual(parseConfig(S, {}, "test"), { trainLen: 252 });
 * assert.throws(() => parseConfig(S, { trainLen: -1 }, "test"),
 *   /field "trainLen": expected a whole number greater than 0, got -1/);
 * assert.throws(() => parseConfig(S, { trainlen: 5 }, "test"),
 *   /unknown field "trainlen" \(did you mean "trainLen"\?\); allowed: trainLen/);
 * ```
 */
export function parseConfig<S extends z.ZodTypeAny>(
  schema: S,
  raw: unknown,
  source: string,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  // an unknown field first: a misspelt one also makes the real one look missing
  const issues = result.error.issues;
  const first = issues.find((i) => i.code === "unrecognized_keys") ??
    issues[0]!;
  const plain = plainIssue(first, schema, raw);
  const path = plain.path.join(".");
  const cause = result.error;
  if (plain.unknown) {
    const at = (k: string) => JSON.stringify(path ? `${path}.${k}` : k);
    const names = plain.unknown.map(at).join(", ");
    const fields = allowedFields(schema, plain.path);
    const near = plain.unknown.length === 1
      ? nearest(plain.unknown[0], fields)
      : undefined;
    const hint = near ? ` (did you mean "${near}"?)` : "";
    const message = `Invalid config in ${source}: unknown field${
      plain.unknown.length > 1 ? "s" : ""
    } ${names}${hint}; allowed: ${fields.join(", ") || "none"}`;
    throw new ConfigError(source, path, plain.expected, names, {
      cause,
      message,
    });
  }
  const received = plain.missing
    ? "nothing"
    : describeReceived(raw, plain.path);
  throw new ConfigError(source, path, plain.expected, received, { cause });
}

/**
 * A received value for a message: JSON, at most 80 characters; `nothing` when absent.
 *
 * @param raw The whole input.
 * @param path Where the value is.
 * @returns The rendered value.
 */
export function describeReceived(
  raw: unknown,
  path: readonly PropertyKey[],
): string {
  let v: unknown = raw;
  for (const key of path) {
    if (v === null || typeof v !== "object") return "nothing";
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  if (v === undefined) return "nothing";
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? s.slice(0, 77) + "..." : s;
}

/**
 * Why a file could not be read, in plain words (`no such file`, `a directory`).
 *
 * @param e The error thrown by the file system.
 * @returns A short reason.
 */
export function fileProblem(e: unknown): string {
  if (isNotFound(e)) return "no such file";
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "a directory";
  const m = e instanceof Error ? e.message : String(e);
  if (/is a directory/i.test(m)) return "a directory";
  return m.replace(/\s*\(os error \d+\).*$/s, "").toLowerCase();
}

/**
 * Parse the text of a JSON file: binary content, or a syntax error, is a `ConfigError`
 * naming the file, the line and column, and what was expected there.
 *
 * @param bytes The file's content.
 * @param source The file (for messages).
 * @returns The parsed, still unvalidated value.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJsonBytes } from "./config.ts";
 * const bad = new TextEncoder().encode('{\n  "a": 1,\n}');
 * assert.throws(() => parseJsonBytes(bad, "x.json"), {
 *   message: 'Invalid JSON in x.json: line 3, column 1: expected a property name in double quotes (no comma after the last one), got "}"',
 * });
 * ```
 */
export function parseJsonBytes(bytes: Uint8Array, source: string): unknown {
  const binary = binaryReason(bytes);
  if (binary !== undefined) {
    throw new ConfigError(source, "", "a JSON text file", binary, {
      message:
        `Invalid JSON in ${source}: expected a JSON text file, got ${binary}`,
    });
  }
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
  if (text.trim() === "") {
    throw new ConfigError(source, "", "a JSON value", "an empty file", {
      message:
        `Invalid JSON in ${source}: expected a JSON value, got an empty file`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = jsonSyntaxError(text);
    // JSON.parse and the scanner agree on what is valid; the fallback drops the text
    // JSON.parse quotes (it may hold control bytes)
    const why = at
      ? `line ${at.line}, column ${at.column}: expected ${at.expected}, got ${at.got}`
      : (e as Error).message.replace(/, ".*" is not valid JSON$/s, "");
    throw new ConfigError(source, "", "valid JSON", why, {
      message: `Invalid JSON in ${source}: ${why}`,
    });
  }
}

/**
 * Read a JSON file at the edge: a missing or unreadable file, binary content, or text
 * that is not JSON is a `ConfigError` naming the file (and the line and column).
 *
 * @param path The file.
 * @returns The parsed, still unvalidated value (validate it with {@linkcode parseConfig}).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJsonFile } from "./config.ts";
 * await assert.rejects(() => readJsonFile("no/such/file.json"), {
 *   message: "Invalid config in no/such/file.json: expected a readable JSON file, got no such file",
 * });
 * ```
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ConfigError(path, "", "a readable JSON file", fileProblem(e));
  }
  return parseJsonBytes(bytes, path);
}
