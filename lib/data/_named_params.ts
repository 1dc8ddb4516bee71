/**
 * Named-parameter translation for engines that only bind positionally (DuckDB-WASM):
 * `$name` outside string literals, quoted identifiers and comments becomes `?`.
 *
 * @module
 */
import type { SqlParams, SqlValue } from "./engine.ts";

/**
 * Rewrite `$name` placeholders as `?` and list the values in order of appearance.
 * Throws a `TypeError` naming a placeholder that has no value.
 *
 * With `exactDoubles`, a number that is not a safe integer is bound as its shortest
 * round-trip text inside `CAST(? AS DOUBLE)`: DuckDB-WASM passes bound numbers through a
 * JSON parser that can miss the nearest double by one ulp, while DuckDB's text-to-double
 * cast is correctly rounded, so values round-trip bit for bit (NaN and infinities too).
 */
export function toPositional(
  sql: string,
  params: SqlParams,
  options: { exactDoubles?: boolean } = {},
): { sql: string; values: SqlValue[] } {
  let out = "";
  const values: SqlValue[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < n) {
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "-" && sql[i + 1] === "-") {
      const j = sql.indexOf("\n", i);
      const end = j < 0 ? n : j;
      out += sql.slice(i, end);
      i = end;
    } else if (ch === "$" && /[A-Za-z_]/.test(sql[i + 1] ?? "")) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(sql[j])) j++;
      const name = sql.slice(i + 1, j);
      if (!(name in params)) {
        throw new TypeError(
          `Missing SQL parameter: expected a value for $${name}, got none`,
        );
      }
      const v = params[name];
      if (
        options.exactDoubles && typeof v === "number" &&
        !Number.isSafeInteger(v)
      ) {
        values.push(String(v));
        out += "CAST(? AS DOUBLE)";
      } else {
        values.push(v);
        out += "?";
      }
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return { sql: out, values };
}
