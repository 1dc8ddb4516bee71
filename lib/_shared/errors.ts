/**
 * Typed errors. Messages follow Deno std: sentence case, no final period, say what was
 * expected and what was received, and the fix where there is one.
 *
 * @module
 */

/** A config value (file, CLI flag, notebook parameter) failed validation. */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** Where the config came from (a file path, `"--flags"`, `"notebook"`). */
  readonly source: string;
  /** Dotted path of the offending field (`"limits.maxDrawdown"`), `""` for the root. */
  readonly path: string;
  /** What was expected. */
  readonly expected: string;
  /** What was received, rendered for humans. */
  readonly received: string;
  constructor(
    source: string,
    path: string,
    expected: string,
    received: string,
    options?: ErrorOptions,
  ) {
    super(
      `Invalid config in ${source}: field "${
        path || "(root)"
      }": expected ${expected}, got ${received}`,
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
