/**
 * Where a JSON text goes wrong, in plain words: the line and column of the first error
 * and what was expected there ("a property name in double quotes", "',' or '}' after a
 * value"). Used only after `JSON.parse` has failed, to say more than its message (which
 * for some errors has no position, and quotes the raw text, control bytes included).
 *
 * @module
 */

/** The first syntax error of a JSON text. */
export interface JsonSyntaxError {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (UTF-16 code units). */
  readonly column: number;
  /** What was expected there. */
  readonly expected: string;
  /** What was found: a quoted character, or `the end of the file`. */
  readonly got: string;
}

class Stop {
  constructor(readonly at: number, readonly expected: string) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const VALUE = "a value (a string, number, object, array, true, false or null)";

function scan(text: string): void {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const string = () => {
    i++;
    while (true) {
      const c = text[i];
      if (c === undefined) fail("a closing double quote");
      if (c === '"') return void i++;
      if (c === "\\") {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail('an escape such as \\n, \\" or \\u00e9');
        i = ESCAPE.lastIndex;
      } else if (c < " ") {
        fail(
          "no control characters inside a string (write \\n for a line break)",
        );
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") return object();
    if (c === "[") return array();
    if (c === '"') return string();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) return void (i += word.length);
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && "-0123456789".includes(c) && NUMBER.test(text)) {
      return void (i = NUMBER.lastIndex);
    }
    fail(VALUE);
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === "}") return void i++;
    while (true) {
      ws();
      if (text[i] !== '"') {
        fail(
          text[i] === "}"
            ? "a property name in double quotes (no comma after the last one)"
            : "a property name in double quotes",
        );
      }
      string();
      ws();
      if (text[i] !== ":") fail("':' after the property name");
      i++;
      value();
      ws();
      if (text[i] === "}") return void i++;
      if (text[i] !== ",") fail("',' or '}' after a value");
      i++;
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === "]") return void i++;
    while (true) {
      ws();
      if (text[i] === "]") fail(`${VALUE} (no comma after the last item)`);
      value();
      ws();
      if (text[i] === "]") return void i++;
      if (text[i] !== ",") fail("',' or ']' after a value");
      i++;
    }
  };
  value();
  ws();
  if (i < text.length) fail("the end of the file after the JSON value");
}

/**
 * The first syntax error of `text`, or undefined when it is valid JSON.
 *
 * @param text The JSON text.
 * @returns Line, column, what was expected and what was found.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jsonSyntaxError } from "./json_syntax.ts";
 * assert.deepEqual(jsonSyntaxError('{\n  "a": 1,\n}'), {
 *   line: 3, column: 1, got: '"}"',
 *   expected: "a property name in double quotes (no comma after the last one)",
 * });
 * assert.equal(jsonSyntaxError('{"a": [1, 2]}'), undefined);
 * ```
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    scan(text);
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.at);
    const line = before.split("\n").length;
    const column = e.at - (before.lastIndexOf("\n") + 1) + 1;
    const c = text[e.at];
    const got = c === undefined ? "the end of the file" : JSON.stringify(c);
    return { line, column, expected: e.expected, got };
  }
}
