/**
 * Timestamp parsing for staged files, in SQL (private to lib/data).
 *
 * Accepted: ISO dates and date-times (`2020-01-31`, `2020-01-31 09:30[:00[.000]]`, `T` or
 * space), optionally zoned (`Z`, `+02:00`, `+0200`, `+02`); Stooq `YYYYMMDD` (+ `HHMMSS`);
 * `Jan 31 2020`. Naive times are read in the `tz` option and converted to UTC (offsets
 * from the JS `Intl` time-zone data, one per distinct hour, so both engines agree and no
 * DuckDB ICU extension is needed); zoned times are converted with their own offset.
 *
 * @module
 */
import type { DbEngine } from "./engine.ts";

const OFFSET = String.raw`\s*(Z|[+-]\d{2}(:?\d{2})?)$`;
const ZONED = String.raw`^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?` +
  OFFSET;

/** SQL: is the raw timestamp `r` zoned (ends with an offset after a time)? */
export function zonedSql(r: string): string {
  return `regexp_matches(${r}, '${ZONED}')`;
}

/** SQL: the offset of a zoned raw timestamp `r` in minutes east of UTC (0 when naive). */
function offsetMinutesSql(r: string): string {
  const g = (i: number) =>
    `regexp_extract(${r}, '([+-])(\\d{2}):?(\\d{2})?$', ${i})`;
  return `CASE WHEN NOT ${zonedSql(r)} OR ${r} LIKE '%Z' THEN 0 ELSE
    (CASE WHEN ${g(1)} = '-' THEN -1 ELSE 1 END) *
    (CAST(${g(2)} AS INTEGER) * 60 + COALESCE(TRY_CAST(NULLIF(${
    g(3)
  }, '') AS INTEGER), 0)) END`;
}

function parsedSql(b: string): string {
  return `COALESCE(TRY_CAST(${b} AS TIMESTAMP), TRY_STRPTIME(${b}, '%Y%m%d'),
    TRY_STRPTIME(${b}, '%Y%m%d %H%M%S'), TRY_STRPTIME(${b}, '%b %d %Y'))`;
}

/**
 * SQL: the wall clock written in the ZONED raw timestamp `r` (its offset ignored), or
 * NULL. Only for zoned text: a naive date such as `2020-01-02` ends like an offset.
 */
export function wallClockSql(r: string): string {
  return parsedSql(`regexp_replace(${r}, '${OFFSET}', '')`);
}

/**
 * SQL: the raw timestamp `r` as a TIMESTAMP, or NULL when it does not parse. `zoned`:
 * the file's timestamps carry offsets (converted to UTC here); else they are naive
 * (local) and parsed as they are.
 */
export function parseTimestampSql(r: string, zoned: boolean): string {
  return zoned
    ? `(${wallClockSql(r)} - to_minutes(CAST(${
      offsetMinutesSql(r)
    } AS BIGINT)))`
    : parsedSql(r);
}

/** SQL: the distinct offsets of zoned raw timestamps, e.g. `+02:00` (`Z` -> `UTC`). */
export function offsetLabelSql(r: string): string {
  return `CASE WHEN ${r} LIKE '%Z' THEN 'UTC' ELSE regexp_extract(${r}, '[+-]\\d{2}(:?\\d{2})?$') END`;
}

/** Offset of `tz` at the UTC instant `ms`, in minutes east of UTC. */
function tzOffsetMinutes(fmt: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = {};
  for (const x of fmt.formatToParts(new Date(ms))) {
    if (x.type !== "literal") p[x.type] = Number(x.value);
  }
  const local = Date.UTC(
    p.year,
    p.month - 1,
    p.day,
    p.hour % 24,
    p.minute,
    p.second,
  );
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60000);
}

/**
 * Offset (minutes east of UTC) to subtract from a local wall time `localMs` (as if UTC)
 * in `tz` to get UTC. Ambiguous local times (fall back) take the first occurrence;
 * non-existent ones (spring forward) the larger of the two candidate offsets.
 */
export function localToUtcOffset(
  fmt: Intl.DateTimeFormat,
  localMs: number,
): number {
  const o1 = tzOffsetMinutes(fmt, localMs);
  const o2 = tzOffsetMinutes(fmt, localMs - o1 * 60000);
  return o1 === o2 ? o1 : Math.max(o1, o2);
}

/** An `Intl` formatter of `tz`; throws a `RangeError` naming an unknown zone. */
export function zoneFormatter(tz: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch (e) {
    throw new RangeError(
      `Invalid tz: expected an IANA time zone such as "America/New_York" or "UTC", got "${tz}"`,
      { cause: e },
    );
  }
}

/** Options of {@linkcode shiftZone}. */
export interface ShiftZoneOptions {
  /** Column read (a TIMESTAMP). */
  readonly from: string;
  /** Column written (may be `from`). */
  readonly to: string;
  /** `"toUtc"`: `from` is a wall time in the zone; `"toLocal"`: `from` is a UTC instant. */
  readonly direction: "toUtc" | "toLocal";
  /** SQL condition on the rows to shift. @default every row */
  readonly where?: string;
}

const BUCKET = (c: string) => `time_bucket(INTERVAL 15 MINUTE, ${c})`;

/**
 * Shift timestamps of `table` between UTC and the wall clock of `tz`, in place: one
 * offset per distinct 15-minute bucket (zone transitions fall on quarter hours), computed
 * in JS from the `Intl` zone data and joined back in SQL, so both engines agree and no
 * ICU extension is needed. Rows with a NULL `from` are left alone.
 */
export async function shiftZone(
  db: DbEngine,
  table: string,
  tz: string,
  o: ShiftZoneOptions,
): Promise<void> {
  const fmt = zoneFormatter(tz);
  const where = o.where ?? "TRUE";
  const buckets = await db.queryColumns(
    `SELECT DISTINCT ${BUCKET(o.from)} AS h FROM ${table}
     WHERE ${o.from} IS NOT NULL AND ${where}`,
  );
  const hs = buckets.columns.h as (string | null)[];
  if (hs.length === 0) return;
  const offs = hs.map((h) =>
    o.direction === "toUtc"
      ? -localToUtcOffset(fmt, Date.parse(h!))
      : tzOffsetMinutes(fmt, Date.parse(h!))
  );
  const map = `${table}_tz`;
  await db.exec(
    `CREATE TEMP TABLE ${map} AS SELECT CAST(unnest(string_split($h, ',')) AS TIMESTAMP) AS h,
      CAST(unnest(string_split($o, ',')) AS BIGINT) AS off`,
    { h: hs.map((h) => h!.slice(0, -1)).join(","), o: offs.join(",") },
  );
  await db.exec(
    `UPDATE ${table} SET ${o.to} = ${table}.${o.from} + to_minutes(m.off) FROM ${map} m
     WHERE ${BUCKET(`${table}.${o.from}`)} = m.h AND ${where}`,
  );
  await db.exec(`DROP TABLE ${map}`);
}
