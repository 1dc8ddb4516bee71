/**
 * Typed errors. Messages follow Deno std: sentence case, no final period, say what was
 * expected and what was received, and the fix where there is one.
 *
 * @module
 */

/** Where flag errors come from: a `ConfigError` with this source names a flag. */
export const FLAGS_SOURCE = "--flags";

/** Options of a {@linkcode ConfigError}. */
export interface ConfigErrorOptions extends ErrorOptions {
  /** The whole message, when the usual shape does not fit (unknown fields, JSON syntax). */
  readonly message?: string;
}

/**
 * The message of a config error, one line:
 * - flags (source `--flags`): `Invalid flag --train-len: expected a whole number at least
 *   2, got 1`, `Missing flag --symbol: expected ...`; a path in capitals is a positional
 *   argument (`Missing argument FILE: expected ...`); no path, the command line as a whole;
 * - files and other sources: `Invalid config in config/x.json: field "limits.maxDrawdown":
 *   expected a number from 0 to 1, got 5`, `... missing field "name": expected text`.
 *
 * `received` is `nothing` when the value is absent (then "got" is left out).
 *
 * @param source Where the config came from.
 * @param path Dotted field path, flag name or positional label.
 * @param expected What was expected, in plain words.
 * @param received What was received, rendered (`nothing` when absent).
 * @returns The message.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configMessage } from "./errors.ts";
 * assert.equal(configMessage("--flags", "train-len", "a whole number at least 2", "1"),
 *   "Invalid flag --train-len: expected a whole number at least 2, got 1");
 * assert.equal(configMessage("x.json", "name", "text", "nothing"),
 *   'Invalid config in x.json: missing field "name": expected text');
 * ```
 */
export function configMessage(
  source: string,
  path: string,
  expected: string,
  received: string,
): string {
  const missing = received === "nothing";
  const tail = missing
    ? `expected ${expected}`
    : `expected ${expected}, got ${received}`;
  if (source === FLAGS_SOURCE) {
    if (path === "") return `Invalid arguments: ${tail}`;
    const what = /^[A-Z]/.test(path) ? `argument ${path}` : `flag --${path}`;
    return `${missing ? "Missing" : "Invalid"} ${what}: ${tail}`;
  }
  if (path === "") return `Invalid config in ${source}: ${tail}`;
  return `Invalid config in ${source}: ${
    missing ? "missing field" : "field"
  } "${path}": ${tail}`;
}

/** A config value (file, CLI flag, notebook parameter) failed validation. */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** Where the config came from (a file path, `"--flags"`, `"notebook"`). */
  readonly source: string;
  /** Dotted path of the offending field (`"limits.maxDrawdown"`), `""` for the root. */
  readonly path: string;
  /** What was expected. */
  readonly expected: string;
  /** What was received, rendered for humans (`nothing` when absent). */
  readonly received: string;
  constructor(
    source: string,
    path: string,
    expected: string,
    received: string,
    options?: ConfigErrorOptions,
  ) {
    super(
      options?.message ?? configMessage(source, path, expected, received),
      options,
    );
    this.source = source;
    this.path = path;
    this.expected = expected;
    this.received = received;
  }
}

/**
 * A flag or config mistake that is about how things fit together rather than one
 * field's value (e.g. a `--db` with no session in it), said in a sentence of its own.
 * A `ConfigError`, so every task exits 2 on it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ConfigError, UsageError } from "./errors.ts";
 * const e = new UsageError("--db", "No paper session in w.duckdb");
 * assert.ok(e instanceof ConfigError);
 * assert.equal(e.message, "No paper session in w.duckdb");
 * ```
 */
export class UsageError extends ConfigError {
  override name = "UsageError";
  constructor(source: string, message: string, options?: ErrorOptions) {
    super(source, "", "", "", options);
    this.message = message;
  }
}

/** An input file could not be read as bars: names the file, line, column and value. */
export class IngestError extends SyntaxError {
  override name = "IngestError";
  readonly file: string;
  /** 1-based line in the file (header is line 1); 0 when not line specific. */
  readonly line: number;
  readonly column: string;
  readonly value: string;
  constructor(
    file: string,
    line: number,
    column: string,
    value: string,
    expected: string,
    options?: ErrorOptions,
  ) {
    const where = line > 0 ? `line ${line}, ` : "";
    super(
      `Cannot load bars from ${file}: ${where}column "${column}": expected ${expected}, got ${
        JSON.stringify(value)
      }`,
      options,
    );
    this.file = file;
    this.line = line;
    this.column = column;
    this.value = value;
  }
}

/** A computation would have used data from after time t at time t. */
export class LookaheadError extends Error {
  override name = "LookaheadError";
}
