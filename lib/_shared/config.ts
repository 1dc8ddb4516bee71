/**
 * Config parsing at the edge: one call turns raw input (JSON file, CLI flags, notebook
 * parameters) into a typed, defaulted value or a {@linkcode ConfigError} naming the field.
 *
 * @module
 */
import type { z } from "zod";
import { readFile } from "node:fs/promises";
import { ConfigError } from "./errors.ts";

/**
 * Parse `raw` with `schema`; on failure throw a `ConfigError` for the first issue,
 * naming `source`, the field path, what was expected and what was received.
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
 * assert.throws(() => parseConfig(S, { trainLen: -1 }, "test"), /trainLen/);
 * ```
 */
export function parseConfig<S extends z.ZodTypeAny>(
  schema: S,
  raw: unknown,
  source: string,
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.join(".");
  const received = describeReceived(raw, issue.path);
  let expected = issue.message;
  if (issue.code === "unrecognized_keys") {
    expected = `no unknown keys (${issue.keys.join(", ")}); allowed: ${
      allowedKeys(schema, issue.path)
    }`;
  }
  throw new ConfigError(source, path, expected, received, {
    cause: result.error,
  });
}

function describeReceived(raw: unknown, path: readonly PropertyKey[]): string {
  let v: unknown = raw;
  for (const key of path) {
    if (v === null || typeof v !== "object") return "nothing";
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  if (v === undefined) return "nothing";
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? s.slice(0, 77) + "..." : s;
  } catch {
    return String(v);
  }
}

function allowedKeys(
  schema: z.ZodTypeAny,
  path: readonly PropertyKey[],
): string {
  // deno-lint-ignore no-explicit-any
  let s: any = schema;
  for (const key of path) {
    while (s?._def?.innerType) s = s._def.innerType;
    s = s?.shape?.[key as string];
  }
  while (s?._def?.innerType) s = s._def.innerType;
  return s?.shape ? Object.keys(s.shape).join(", ") : "see the schema";
}

/**
 * Read a JSON file at the edge: a missing or unreadable file, or text that is not JSON,
 * is a `ConfigError` naming the file and what was expected.
 *
 * @param path The file.
 * @returns The parsed, still unvalidated value (validate it with {@linkcode parseConfig}).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readJsonFile } from "./config.ts";
 * await assert.rejects(() => readJsonFile("no/such/file.json"), /no\/such\/file\.json.*a readable JSON file/);
 * ```
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new ConfigError(
      path,
      "",
      "a readable JSON file",
      (e as Error).message,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(path, "", "valid JSON", (e as Error).message);
  }
}
