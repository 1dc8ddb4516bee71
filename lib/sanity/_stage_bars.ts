/**
 * In-memory {@linkcode Bars} to a table and back: a TEMP table with the staged-file layout
 * (`line, symbol, ts, ts_raw, open, high, low, close, adj_close, volume`), one INSERT per
 * symbol from list literals (numbers print in shortest round-trip form, so values come
 * back bit for bit; NaN and infinities as DOUBLE literals, except a NaN volume, which
 * means "no volume" and is stored as NULL).
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { DbEngine } from "../data/mod.ts";
import { quoteIdent } from "./_context.ts";

function num(x: number): string {
  if (Number.isNaN(x)) return "'nan'::DOUBLE";
  if (x === Infinity) return "'inf'::DOUBLE";
  if (x === -Infinity) return "'-inf'::DOUBLE";
  return x.toExponential(); // a DOUBLE literal (a plain decimal would parse as DECIMAL)
}

function list(xs: ArrayLike<number>, nanAsNull = false): string {
  const f = nanAsNull ? (x: number) => Number.isNaN(x) ? "NULL" : num(x) : num;
  return `[${Array.from(xs, f).join(",")}]::DOUBLE[]`;
}

function str(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** Create TEMP table `name` holding `bars` (line = 1-based position in the input). */
export async function stageBars(
  db: DbEngine,
  name: string,
  bars: readonly Bars[],
): Promise<void> {
  const t = quoteIdent(name);
  await db.exec(
    `CREATE TEMP TABLE ${t} (line BIGINT, symbol VARCHAR, ts TIMESTAMP,
    ts_raw VARCHAR, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, adj_close DOUBLE,
    volume DOUBLE)`,
  );
  let offset = 0;
  for (const b of bars) {
    const n = b.dates.length;
    if (
      [b.open, b.high, b.low, b.close, b.volume].some((c) => c.length !== n)
    ) {
      throw new RangeError(
        `Invalid bars of ${b.symbol}: expected ${n} values per column (one per date)`,
      );
    }
    if (n === 0) continue;
    await db.exec(`INSERT INTO ${t}
      SELECT ${offset} + i AS line, ${
      str(b.symbol)
    }, TRY_CAST(d AS TIMESTAMP), d, o, h, l, c, NULL, v
      FROM (SELECT unnest(range(1, ${n + 1})) AS i, unnest([${
      b.dates.map(str).join(",")
    }]::VARCHAR[]) AS d,
        unnest(${list(b.open)}) AS o, unnest(${list(b.high)}) AS h, unnest(${
      list(b.low)
    }) AS l,
        unnest(${list(b.close)}) AS c, unnest(${list(b.volume, true)}) AS v)`);
    offset += n;
  }
}

/**
 * Read a staged table back as one {@linkcode Bars} per symbol, ordered by (ts, line),
 * symbols in the order of `symbols` (absent symbols give empty bars).
 */
export async function readBars(
  db: DbEngine,
  name: string,
  symbols: readonly string[],
): Promise<Bars[]> {
  const { columns } = await db.queryColumns(`SELECT symbol,
    CASE WHEN ts = date_trunc('day', ts) THEN strftime(ts, '%Y-%m-%d')
      ELSE strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') END AS d,
    open, high, low, close, volume FROM ${
    quoteIdent(name)
  } ORDER BY symbol, ts, line`);
  const sym = columns.symbol as (string | null)[];
  const d = columns.d as string[];
  const col = (k: string) => columns[k] as Float64Array;
  return symbols.map((s) => {
    const from = sym.indexOf(s), to = sym.lastIndexOf(s) + 1;
    const idx = from < 0 ? [0, 0] : [from, to];
    return {
      symbol: s,
      dates: d.slice(idx[0], idx[1]),
      open: col("open").slice(idx[0], idx[1]),
      high: col("high").slice(idx[0], idx[1]),
      low: col("low").slice(idx[0], idx[1]),
      close: col("close").slice(idx[0], idx[1]),
      volume: col("volume").slice(idx[0], idx[1]),
    };
  });
}
