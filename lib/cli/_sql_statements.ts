/**
 * Splitting SQL text into statements for `deno task sql`.
 *
 * @module
 */

/** Index just past the end of the quoted span opening at `i` with `q`, or -1 when it never closes. */
function skipQuoted(
  sql: string,
  i: number,
  q: string,
  backslash: boolean,
): number {
  for (let j = i + 1; j < sql.length; j++) {
    if (backslash && sql[j] === "\\") j++;
    else if (sql[j] === q) {
      if (sql[j + 1] === q) j++; // doubled quote inside the span
      else return j + 1;
    }
  }
  return -1;
}

/**
 * Split SQL text at the semicolons that end statements: not inside `'strings'`
 * (`''` escapes, `E'...'` backslash escapes), `"identifiers"`, `$tag$ dollar quotes $tag$`,
 * `-- line comments` or `/* block comments *\/`. Statements that hold only whitespace and
 * comments are dropped. An unterminated quote or comment keeps the rest as one statement
 * (DuckDB then reports it).
 *
 * @param sql SQL text.
 * @returns The statements, trimmed, without their semicolons.
 * @example
 * ```ts
 * import { splitStatements } from "./_sql_statements.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(splitStatements("select ';' as x; -- done;\n"), ["select ';' as x"]);
 * assert.deepEqual(splitStatements("select 1; select 2"), ["select 1", "select 2"]);
 * ```
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0, meaningful = false;
  const end = (i: number) => {
    if (meaningful) out.push(sql.slice(start, i).trim());
    start = i + 1, meaningful = false;
  };
  for (let i = 0; i < sql.length;) {
    const c = sql[i], two = sql.slice(i, i + 2);
    let next = i + 1;
    if (two === "--") {
      const nl = sql.indexOf("\n", i);
      next = nl < 0 ? sql.length : nl + 1;
    } else if (two === "/*") {
      const close = sql.indexOf("*/", i + 2);
      next = close < 0 ? sql.length : close + 2;
    } else if (c === "'" || c === '"') {
      const e = c === "'" && /[eE]/.test(sql[i - 1] ?? "") &&
        !/\w/.test(sql[i - 2] ?? "");
      const j = skipQuoted(sql, i, c, e);
      next = j < 0 ? sql.length : j;
      meaningful = true;
    } else if (c === "$" && /^\$\w*\$/.test(sql.slice(i))) {
      const tag = /^\$\w*\$/.exec(sql.slice(i))![0];
      const close = sql.indexOf(tag, i + tag.length);
      next = close < 0 ? sql.length : close + tag.length;
      meaningful = true;
    } else if (c === ";") {
      end(i);
    } else if (!/\s/.test(c)) meaningful = true;
    i = next;
  }
  end(sql.length);
  return out;
}
