/**
 * Daily or intraday, and the exchange date of a daily bar (private to lib/data).
 *
 * A symbol's staged bars are DAILY when they all share one time of day on one of two
 * clocks, INTRADAY otherwise. The clocks: the WRITTEN one (each timestamp as written:
 * its own offset, or naive) and, when the `tz` option is given, the EXCHANGE one (zoned
 * timestamps converted to `tz`; naive ones are already in it). The date of a daily bar:
 * 1. every bar written at 00:00: the written date (a date label: `2020-01-02T00:00:00Z`
 *    and `2020-01-02T00:00:00-05:00` are both 2020-01-02, whatever the offset);
 * 2. else, with `tz`, when the bars share one time of day in `tz`: the date in `tz`
 *    (`2020-01-01T15:00:00Z` with `--tz Asia/Tokyo` is 2020-01-02);
 * 3. else the written date (bars stamped at the close, `2020-01-02 16:00`).
 * Daily bars are stored at 00:00 of that date, intraday bars as UTC instants (naive ones
 * read in `tz`, UTC when absent). Two rows of a symbol whose date texts differ but land on
 * one date (or instant) are rejected, naming both lines and the date.
 *
 * @module
 */
import { IngestError } from "../_shared/errors.ts";
import type { DbEngine } from "./engine.ts";
import { shiftZone, wallClockSql } from "./_timestamps.ts";

/** How the staged timestamps were written. */
export interface ClockOptions {
  /** The file's timestamps carry offsets (`ts` holds UTC instants already). */
  readonly zoned: boolean;
  /** Exchange time zone (IANA), when given. */
  readonly tz?: string;
}

const TIME = (c: string) => `CAST(${c} AS TIME)`;

/**
 * Classify each symbol of the staged `table` as daily or intraday and rewrite `ts`: daily
 * bars to 00:00 of their exchange date, naive intraday bars from `tz` to UTC. Then reject
 * two rows that land on one date or instant with different date texts. Returns the
 * intraday symbols, sorted, and the number of rows repeating the `(symbol, ts)` of an
 * earlier row with the same date text (left to DataSanity's duplicate rules).
 */
export async function normaliseTimes(
  db: DbEngine,
  path: string,
  table: string,
  dateCol: string,
  o: ClockOptions,
): Promise<{ intraday: string[]; duplicates: number }> {
  const wall = o.zoned ? wallClockSql("ts_raw") : "ts";
  let local = wall;
  if (o.tz !== undefined && o.zoned) {
    await db.exec(`ALTER TABLE ${table} ADD COLUMN _local TIMESTAMP`);
    await shiftZone(db, table, o.tz, {
      from: "ts",
      to: "_local",
      direction: "toLocal",
    });
    local = "_local";
  }
  const kinds = `${table}_kind`;
  await db.exec(
    `CREATE TEMP TABLE ${kinds} AS SELECT symbol, CASE
       WHEN wall_one AND wall_midnight THEN 'written'
       WHEN local_one THEN 'exchange' WHEN wall_one THEN 'written' ELSE 'intraday' END AS kind,
       wall_midnight
     FROM (SELECT symbol, count(DISTINCT ${TIME(wall)}) = 1 AS wall_one,
       max(${TIME(wall)}) = TIME '00:00:00' AS wall_midnight,
       ${
      o.tz === undefined ? "false" : `count(DISTINCT ${TIME(local)}) = 1`
    } AS local_one
       FROM ${table} GROUP BY symbol)`,
  );
  // Naive bars written at midnight are stored as they are: the common case costs no UPDATE.
  const [{ moved }] = await db.query<{ moved: boolean | null }>(
    `SELECT bool_or(kind = 'exchange' OR (kind = 'written' AND (${o.zoned} OR NOT wall_midnight)))
       AS moved FROM ${kinds}`,
  );
  if (moved) {
    const day =
      `date_trunc('day', CASE k.kind WHEN 'written' THEN ${wall} ELSE ${local} END)`;
    await db.exec(
      `UPDATE ${table} SET ts = ${day} FROM ${kinds} k
       WHERE ${table}.symbol = k.symbol AND k.kind <> 'intraday' AND ${table}.ts <> ${day}`,
    );
  }
  const intraday = (await db.query<{ symbol: string }>(
    `SELECT symbol FROM ${kinds} WHERE kind = 'intraday' ORDER BY symbol`,
  )).map((r) => r.symbol);
  if (o.tz !== undefined && !o.zoned && intraday.length > 0) {
    await shiftZone(db, table, o.tz, {
      from: "ts",
      to: "ts",
      direction: "toUtc",
      where: `symbol IN (SELECT symbol FROM ${kinds} WHERE kind = 'intraday')`,
    });
  }
  await db.exec(`DROP TABLE ${kinds}`);
  if (local === "_local") {
    await db.exec(`ALTER TABLE ${table} DROP COLUMN _local`);
  }
  const duplicates = await assertOneRowPerTime(
    db,
    path,
    table,
    dateCol,
    intraday,
  );
  return { intraday, duplicates };
}

/**
 * SQL: true when no two rows of `table` share a `(symbol, ts)`, proven in one streaming
 * pass: in the order the rows are read, each symbol's rows form one run (as many runs as
 * symbols) and `ts` rises strictly within a run. Files grouped by symbol in time order
 * (the usual layout) pass; false proves nothing (the grouping aggregate decides then).
 */
function noRepeatSql(table: string): string {
  return `SELECT count(*) FILTER (WHERE symbol IS DISTINCT FROM ps) = count(DISTINCT symbol)
      AND coalesce(bool_and(symbol IS DISTINCT FROM ps OR ts > pt), true) AS ok
    FROM (SELECT symbol, ts, lag(symbol) OVER () AS ps, lag(ts) OVER () AS pt FROM ${table})`;
}

/**
 * Throw when two rows of a symbol with different date texts have the same `ts`; else
 * return the number of rows that repeat an earlier row's `(symbol, ts)`. A streaming
 * pass proves the usual file has no repeat ({@linkcode noRepeatSql}); otherwise one
 * aggregate, date texts compared by hash there and as text for the message.
 */
async function assertOneRowPerTime(
  db: DbEngine,
  path: string,
  table: string,
  dateCol: string,
  intraday: readonly string[],
): Promise<number> {
  const [{ ok }] = await db.query<{ ok: boolean }>(noRepeatSql(table));
  if (ok) return 0;
  const [r] = await db.query<
    { dups: number; symbol: string | null; ts: string | null }
  >(
    `SELECT coalesce(sum(k - 1), 0) AS dups, arg_min(symbol, line) FILTER (WHERE clash) AS symbol,
       arg_min(ts, line) FILTER (WHERE clash) AS ts
     FROM (SELECT symbol, ts, count(*) AS k, min(line) AS line,
         min(hash(ts_raw)) <> max(hash(ts_raw)) AS clash
       FROM ${table} GROUP BY symbol, ts HAVING count(*) > 1)`,
  );
  if (r.symbol === null || r.ts === null) return r.dups;
  const { symbol, ts } = r;
  const rows = await db.query<{ line: number; raw: string }>(
    `SELECT line, ts_raw AS raw FROM ${table} WHERE symbol = $symbol
       AND ts = CAST($ts AS TIMESTAMP) ORDER BY line`,
    { symbol, ts: ts.slice(0, -1) },
  );
  const first = rows[0], second = rows.find((r) => r.raw !== first.raw)!;
  const daily = !intraday.includes(symbol);
  throw new IngestError(
    path,
    second.line,
    dateCol,
    second.raw,
    `one row per ${
      daily ? "date" : "instant"
    } of ${symbol} (line ${first.line}, ${
      JSON.stringify(first.raw)
    }, is also on ${daily ? ts.slice(0, 10) : ts})`,
  );
}
