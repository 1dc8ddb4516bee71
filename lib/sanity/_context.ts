/**
 * What a validation knows about its table: the quoted name and a SQL expression for each
 * standard column (`symbol`, `line`, `ts`, `ts_raw`, `open`, `high`, `low`, `close`,
 * `adj_close`, `volume`), `NULL` for the optional ones the table lacks, plus the
 * supplied columns tested for lookahead.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { SanityOptions } from "./config.ts";

/** SQL expressions over the validated table (unaliased, usable in WHERE). */
export interface SanityContext {
  readonly table: string;
  readonly symbol: string;
  readonly line: string | null;
  readonly tsRaw: string | null;
  readonly volume: string;
  readonly adjClose: string;
  /** Supplied columns tested for lookahead: original name and numeric expression. */
  readonly lookahead: readonly { name: string; expr: string }[];
  /**
   * SQL relation `(symbol, day DATE, lratio)` of the splits recorded in the store's
   * `corporate_actions` (`lratio` = ln of the price ratio new/old), or null when the
   * store has no such table: a jump matching a recorded split is a real split.
   */
  readonly recordedSplits: string | null;
}

/** The recorded splits of the store, or null when it has no `corporate_actions` table. */
async function recordedSplits(db: DbEngine): Promise<string | null> {
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'corporate_actions'
       AND schema_name = 'main' AND database_name = current_database()`,
  );
  return Number(n) === 0 ? null : `SELECT symbol, ex_date AS day,
      ln(1 / value) AS lratio FROM main.corporate_actions WHERE kind = 'split'`;
}

const REQUIRED = ["ts", "open", "high", "low", "close"];

/** `"name"` with embedded quotes doubled; `a.b` quotes each part. */
export function quoteIdent(name: string): string {
  if (name.length === 0) {
    throw new TypeError('Invalid table name: expected a name, got ""');
  }
  return name.split(".").map((p) => `"${p.replaceAll('"', '""')}"`).join(".");
}

/**
 * Inspect `table` and build its {@linkcode SanityContext}. Throws a `TypeError` naming a
 * missing required column (`ts`, `open`, `high`, `low`, `close`).
 */
export async function buildContext(
  db: DbEngine,
  table: string,
  opts: SanityOptions,
): Promise<SanityContext> {
  const t = quoteIdent(table);
  const { names } = await db.queryColumns(`SELECT * FROM ${t} LIMIT 0`);
  const has = (c: string): boolean => names.includes(c);
  const missing = REQUIRED.find((c) => !has(c));
  if (missing !== undefined) {
    throw new TypeError(
      `Cannot validate ${table}: expected a column "${missing}", got columns ${
        names.join(", ")
      }`,
    );
  }
  const q = quoteIdent;
  const wanted = opts.lookaheadColumns.map((c) => c.toLowerCase());
  return {
    table: t,
    symbol: has("symbol") ? "CAST(symbol AS VARCHAR)" : "''",
    line: has("line") ? "CAST(line AS BIGINT)" : null,
    tsRaw: has("ts_raw") ? "CAST(ts_raw AS VARCHAR)" : null,
    volume: has("volume") ? "CAST(volume AS DOUBLE)" : "CAST(NULL AS DOUBLE)",
    adjClose: has("adj_close")
      ? "CAST(adj_close AS DOUBLE)"
      : "CAST(NULL AS DOUBLE)",
    lookahead: names.filter((n) => wanted.includes(n.toLowerCase())).map((
      name,
    ) => ({
      name,
      expr: `TRY_CAST(${q(name)} AS DOUBLE)`,
    })),
    recordedSplits: await recordedSplits(db),
  };
}

/** SQL over `norm`: a row's example label: `YYYY-MM-DD`, else the raw date text, else its line. */
export const EG_ROW =
  `coalesce(strftime(ts, '%Y-%m-%d'), left(ts_raw, 40), 'line ' || CAST(line AS VARCHAR), '(no date)')`;

/**
 * SQL: business-day index of a date (Monday..Friday count; Saturday and Sunday map to
 * the next Monday's index), so `bd(b) - bd(a)` is the number of weekdays in (a, b].
 * Day 0 is 0001-01-01, a Monday in the proleptic Gregorian calendar.
 */
export function businessDayExpr(ts: string): string {
  const k = `date_diff('day', DATE '0001-01-01', CAST(${ts} AS DATE))`;
  return `(5 * (${k} // 7) + least(${k} % 7, 5))`;
}
