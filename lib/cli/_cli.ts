// deno-lint-ignore-file no-console
/**
 * Edge helpers shared by every task: flag parsing through zod (errors name the flag),
 * an output sink tests can capture, exit codes, the code version, and row inserts.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { z } from "zod";
import { parseConfig } from "../_shared/config.ts";
import { ConfigError } from "../_shared/errors.ts";
import { type DbEngine, type SqlValue, StoreLockedError } from "../data/mod.ts";

/** Where a task writes: stdout lines (`out`) and stderr lines (`err`). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The terminal: `console.log` / `console.error`. */
export const consoleIo: CliIo = {
  out: (t) => console.log(t),
  err: (t) => console.error(t),
};

/** Which flags a task takes. */
export interface FlagSpec {
  /** Flags that take a value (`--symbol SP500`). */
  readonly strings: readonly string[];
  /** Switches (`--json`). */
  readonly booleans: readonly string[];
  /** Value flags converted to numbers (non-numeric text is left for zod to reject). */
  readonly numbers?: readonly string[];
  /** Schema keys: the flag names (`"kebab"`, default) or camelCase (`"camel"`). */
  readonly keys?: "kebab" | "camel";
  /** Schema key receiving the positional arguments (a string array). @default none: positionals are an error */
  readonly positionals?: string;
}

const camel = (k: string) =>
  k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Parse command-line flags with `schema`. Unknown flags, positionals and invalid values
 * throw a `ConfigError` whose field is the flag name (`field "train-len"`).
 *
 * @param args `Deno.args`-style strings.
 * @param schema A `z.strictObject` keyed by flag names (or their camelCase).
 * @param spec The flags and their kinds.
 * @returns The parsed, defaulted flags.
 */
export function parseFlags<S extends z.ZodTypeAny>(
  args: readonly string[],
  schema: S,
  spec: FlagSpec,
): z.output<S> {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const f of spec.strings) options[f] = { type: "string" };
  for (const f of spec.numbers ?? []) options[f] = { type: "string" };
  for (const f of spec.booleans) options[f] = { type: "boolean" };
  const { values, positionals } = parseArgs({
    args: [...args],
    options,
    strict: false,
    allowPositionals: true,
  });
  const known = Object.keys(options);
  const unknown = Object.keys(values).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new ConfigError(
      "--flags",
      unknown,
      `a known flag (--${known.join(", --")})`,
      `--${unknown}`,
    );
  }
  if (spec.positionals === undefined && positionals.length > 0) {
    throw new ConfigError(
      "--flags",
      "",
      "only --flags",
      JSON.stringify(positionals[0]),
    );
  }
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const isNum = spec.numbers?.includes(k) && typeof v === "string" &&
      v.trim() !== "" &&
      Number.isFinite(Number(v));
    raw[spec.keys === "camel" ? camel(k) : k] = isNum ? Number(v) : v;
  }
  if (spec.positionals !== undefined) raw[spec.positionals] = positionals;
  try {
    return parseConfig(schema, raw, "--flags");
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const flag = spec.keys === "camel"
      ? kebab(e.path.split(".")[0] ?? "")
      : e.path;
    // zod's own type message ("Expected number, received string") reads as "a number"
    const type = /^Expected (\w+), received \w+$/.exec(e.expected)?.[1];
    const expected = type ? `a ${type}` : e.expected;
    throw new ConfigError(e.source, flag, expected, e.received, { cause: e });
  }
}

/**
 * Print an error and return its exit code: 2 for bad flags or config (`ConfigError`),
 * 1 for anything else (data, too little data, run errors).
 *
 * @param e The thrown value.
 * @param io Where to print.
 * @returns 2 or 1.
 */
export function reportError(e: unknown, io: CliIo): number {
  io.err(e instanceof Error ? e.message : String(e));
  return e instanceof ConfigError ? 2 : 1;
}

/** `deno.json` version plus the short git commit; `"unknown"` parts when unavailable. */
export async function codeVersion(): Promise<string> {
  let version = "unknown";
  try {
    version = JSON.parse(
      await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
    ).version ?? version;
  } catch { /* keep unknown */ }
  try {
    const out = await new Deno.Command("git", {
      args: ["rev-parse", "--short", "HEAD"],
      stdout: "piped",
      stderr: "null",
      cwd: new URL("../..", import.meta.url),
    }).output();
    if (out.success) {
      return `${version}+${new TextDecoder().decode(out.stdout).trim()}`;
    }
  } catch { /* git missing */ }
  return `${version}+unknown`;
}

/**
 * A run id: `<prefix>-<UTC stamp to the millisecond>-<first 8 hex of key>`, e.g.
 * `optimize-20261202T015012123-1a2b3c4d`. The millisecond keeps two runs of the same
 * config started within one second apart (their rows share no primary key).
 *
 * @param prefix Task name.
 * @param startedAt ISO instant the run started.
 * @param key A hash of the config and data.
 */
export function makeRunId(
  prefix: string,
  startedAt: string,
  key: string,
): string {
  return `${prefix}-${startedAt.replace(/[-:.]/g, "").slice(0, 18)}-${
    key.slice(0, 8)
  }`;
}

/** NaN and infinities as `null` (SQL NULL, JSON null); other values unchanged. */
export function finiteOrNull<T>(v: T): T | null {
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}

/** `JSON.stringify` with non-finite numbers as `null`. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => finiteOrNull(v));
}

/**
 * Create `table` with `ddl` if needed and insert `rows` (plain objects keyed by column)
 * in one transaction, 100 rows per parameterised statement; `createdAt` fills a
 * `created_at TIMESTAMP` column when given. Non-finite numbers are stored as NULL.
 *
 * @param db The store.
 * @param table Table name (a constant of the caller, never user input).
 * @param ddl `CREATE TABLE IF NOT EXISTS ...`.
 * @param rows Rows with the same keys.
 * @param createdAt ISO instant for `created_at`. @default undefined (no such column)
 */
export async function insertRows<T extends object>(
  db: DbEngine,
  table: string,
  ddl: string,
  rows: readonly T[],
  createdAt?: string,
): Promise<void> {
  await db.exec(ddl);
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]);
  await db.transaction(async (tx) => {
    for (let from = 0; from < rows.length; from += 100) {
      const params: Record<string, SqlValue> = {};
      if (createdAt !== undefined) params.created_at = createdAt;
      const tuples = rows.slice(from, from + 100).map((r, i) => {
        const rec = r as Record<string, SqlValue | undefined>;
        cols.forEach((c, j) => {
          params[`p${i}_${j}`] = finiteOrNull(rec[c] ?? null);
        });
        const vals = cols.map((_, j) => `$p${i}_${j}`);
        if (createdAt !== undefined) {
          vals.unshift("CAST($created_at AS TIMESTAMP)");
        }
        return `(${vals.join(", ")})`;
      });
      const names = createdAt !== undefined ? ["created_at", ...cols] : cols;
      await tx.exec(
        `INSERT INTO ${table} (${names.join(", ")}) VALUES ${
          tuples.join(", ")
        }`,
        params,
      );
    }
  });
}

/** Run a task's `main` as a script: exit with its code (1 on an unexpected throw). */
export async function runAsScript(
  main: (args: string[]) => Promise<number>,
): Promise<never> {
  try {
    Deno.exit(await main(Deno.args));
  } catch (e) {
    // A store held by another process is expected, and its one-line message says it all
    console.error(
      e instanceof StoreLockedError
        ? e.message
        : e instanceof Error
        ? (e.stack ?? e.message)
        : String(e),
    );
    Deno.exit(1);
  }
}
