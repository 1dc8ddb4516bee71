/**
 * The stored bars an ingest touches (private to lib/data): the merge window of each
 * symbol, the stored rows added to the staged table for validation, and the write-back
 * that replaces each window with the validated rows.
 *
 * @module
 */
import { IngestError } from "../_shared/errors.ts";
import type { DbEngine } from "./engine.ts";

/** The stored rows added to a staged table. */
export interface StoredContext {
  /** Stored rows added (they have `_stored` true and no `line`). */
  readonly rows: number;
  /** TEMP table `(symbol, lo, hi)` of the windows, or null when the store has no bar of the file's symbols. */
  readonly windows: string | null;
}

const SEP = "\u001f";

/** No stored rows were added. */
export const NO_CONTEXT: StoredContext = { rows: 0, windows: null };

/** The store holds bars of some symbol of the staged `table`. */
export async function touchesStore(
  db: DbEngine,
  table: string,
): Promise<boolean> {
  const [{ any }] = await db.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM bars WHERE symbol IN (SELECT DISTINCT symbol FROM ${table}))
       AS any`,
  );
  return any;
}

/**
 * Reject a file whose bars of a symbol are daily while the store holds intraday bars of
 * it, or the reverse: the merged series would be neither, and research tasks could not
 * read it. Daily stored bars are those all at 00:00.
 */
export async function assertSameKind(
  db: DbEngine,
  path: string,
  table: string,
  intraday: readonly string[],
): Promise<void> {
  const r = await db.query<
    {
      symbol: string;
      file_intraday: boolean;
      n: number;
      first: string;
      last: string;
      line: number;
      raw: string;
    }
  >(
    `WITH f AS (SELECT symbol, min(line) AS line, arg_min(ts_raw, line) AS raw,
        list_contains(string_split($intraday, chr(31)), symbol) AS file_intraday
      FROM ${table} GROUP BY symbol)
    SELECT f.symbol, f.file_intraday, f.line, f.raw, count(*) AS n,
      strftime(min(b.ts), '%Y-%m-%d') AS first, strftime(max(b.ts), '%Y-%m-%d') AS last
    FROM bars AS b JOIN f ON b.symbol = f.symbol
    GROUP BY f.symbol, f.file_intraday, f.line, f.raw
    HAVING bool_and(b.ts = date_trunc('day', b.ts)) = f.file_intraday
    ORDER BY f.line LIMIT 1`,
    { intraday: intraday.join(SEP) },
  );
  if (r.length === 0) return;
  const x = r[0];
  const [stored, file] = x.file_intraday
    ? ["daily", "intraday"]
    : ["intraday", "daily"];
  throw new IngestError(
    path,
    x.line,
    "date",
    x.raw,
    `${stored} bars like the ${x.n} stored bars of ${x.symbol} (${x.first}..${x.last}); the file's bars of ${x.symbol} are ${file}: store them under another symbol`,
  );
}

/**
 * Add the columns of the stored rows (`_stored BOOLEAN`, `_stored_source`, `_stored_tz`)
 * to the staged `table`, before anything else changes it in the transaction: the staged
 * table exists before the transaction, and DuckDB refuses to commit an ALTER of a table
 * after a DELETE or UPDATE of it in the same transaction (a RELAXED repair).
 */
export async function addContextColumns(
  db: DbEngine,
  table: string,
): Promise<void> {
  for (
    const c of [
      "_stored BOOLEAN",
      "_stored_source VARCHAR",
      "_stored_tz VARCHAR",
    ]
  ) {
    await db.exec(`ALTER TABLE ${table} ADD COLUMN ${c}`);
  }
}

/**
 * Add to the staged `table` (with {@linkcode addContextColumns}) the stored bars its
 * rows will be merged with: for each symbol,
 * every stored bar between its first and last staged bar whose timestamp the file does
 * not replace, plus `contextBars` stored bars on each side. They keep their stored
 * `source` and `tz` (columns `_stored_source`, `_stored_tz`) and have `_stored` true
 * (NULL on the file's rows) and no `line` or `ts_raw`.
 */
export async function addStoredContext(
  db: DbEngine,
  table: string,
  contextBars: number,
): Promise<StoredContext> {
  if (!(await touchesStore(db, table))) return NO_CONTEXT;
  const windows = `${table}_win`;
  const side = (cmp: string, order: string) =>
    `SELECT b.symbol, b.ts FROM bars AS b JOIN f ON b.symbol = f.symbol
      WHERE b.ts ${cmp} QUALIFY row_number() OVER (PARTITION BY b.symbol ORDER BY b.ts ${order}) <= $k`;
  await db.exec(
    `CREATE TEMP TABLE ${windows} AS
    WITH f AS (SELECT symbol, min(ts) AS lo, max(ts) AS hi FROM ${table} GROUP BY symbol)
    SELECT f.symbol, coalesce(b.lo, f.lo) AS lo, coalesce(a.hi, f.hi) AS hi FROM f
    LEFT JOIN (SELECT symbol, min(ts) AS lo FROM (${
      side("< f.lo", "DESC")
    }) GROUP BY symbol) AS b ON b.symbol = f.symbol
    LEFT JOIN (SELECT symbol, max(ts) AS hi FROM (${
      side("> f.hi", "")
    }) GROUP BY symbol) AS a ON a.symbol = f.symbol`,
    { k: contextBars },
  );
  await db.exec(
    `INSERT INTO ${table} (symbol, ts, open, high, low, close, adj_close, volume, _stored,
      _stored_source, _stored_tz)
    SELECT b.symbol, b.ts, b.open, b.high, b.low, b.close, b.adj_close, b.volume, true,
      b.source, b.tz
    FROM bars AS b JOIN ${windows} AS w ON b.symbol = w.symbol AND b.ts BETWEEN w.lo AND w.hi
    ANTI JOIN (SELECT DISTINCT symbol, ts FROM ${table}) AS s ON s.symbol = b.symbol AND s.ts = b.ts`,
  );
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${table} WHERE _stored`,
  );
  return { rows: n, windows };
}

/** SQL predicate of the file's rows of a staged table (after {@linkcode addStoredContext}). */
export function fileRows(ctx: StoredContext): string {
  return ctx.windows === null ? "TRUE" : "_stored IS NULL";
}

/**
 * Write the staged rows into `bars`: delete each symbol's window (the stored rows were
 * all added to the table, so repairs of them and the file's replacements both land),
 * then insert every row (within the file the last duplicate of a timestamp wins). Stored
 * rows keep their `source` and `tz`. `duplicates` is the staged count (repairs only lower
 * it): 0 skips the search for repeated keys. Call inside a transaction. Returns the
 * file's rows written.
 */
export async function writeWindows(
  db: DbEngine,
  table: string,
  ctx: StoredContext,
  options: { source: string; tz: string; duplicates: number },
): Promise<number> {
  if (ctx.windows !== null) {
    await db.exec(
      `DELETE FROM bars USING ${ctx.windows} AS w
       WHERE bars.symbol = w.symbol AND bars.ts BETWEEN w.lo AND w.hi`,
    );
  }
  const own = fileRows(ctx);
  const [{ n, dups }] = options.duplicates === 0
    ? await db.query<{ n: number; dups: number }>(
      `SELECT count(*) AS n, 0 AS dups FROM ${table} WHERE ${own}`,
    )
    : await db.query<{ n: number; dups: number }>(
      `SELECT count(*) FILTER (WHERE own) AS n, coalesce(sum(k - 1), 0) AS dups
       FROM (SELECT count(*) AS k, bool_or(${own}) AS own FROM ${table} GROUP BY symbol, ts)`,
    );
  const keep = (stored: string, given: string) =>
    ctx.windows === null
      ? given
      : `CASE WHEN _stored THEN ${stored} ELSE ${given} END`;
  await db.exec(
    `INSERT INTO bars
     SELECT symbol, ts, open, high, low, close, adj_close, volume,
       ${keep("_stored_source", "$source")}, ${
      keep("_stored_tz", "$tz")
    } FROM ${table}
     ${
      dups > 0
        ? "QUALIFY row_number() OVER (PARTITION BY symbol, ts ORDER BY line DESC) = 1"
        : ""
    }`,
    { source: options.source, tz: options.tz },
  );
  if (ctx.windows !== null) await db.exec(`DROP TABLE ${ctx.windows}`);
  return n;
}
