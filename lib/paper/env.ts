/**
 * Environment for credentials: the process environment overlaid on a `.env` file. Values
 * are returned, never printed; nothing here writes them anywhere.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { envObject, isNotFound } from "../_shared/runtime.ts";

/**
 * Parse `.env` text: `KEY=value` lines, `#` comments, optional quotes, no interpolation.
 *
 * @example
 * ```ts
 * import { parseDotEnv } from "./env.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseDotEnv('# c\nA=1\nB="two words"\n'), { A: "1", B: "two words" });
 * ```
 */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = line.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/);
    if (!m) continue;
    let v = m[2];
    if (
      (v.startsWith('"') && v.endsWith('"')) ||
      (v.startsWith("'") && v.endsWith("'"))
    ) v = v.slice(1, -1);
    out[m[1]] = v;
  }
  return out;
}

/** `.env` (if present) overlaid by the process environment (which wins). */
export async function loadEnv(path = ".env"): Promise<Record<string, string>> {
  let file: Record<string, string> = {};
  try {
    file = parseDotEnv(await readFile(path, "utf8"));
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  return { ...file, ...envObject() };
}
