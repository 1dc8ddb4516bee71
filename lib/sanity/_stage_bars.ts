/**
 * In-memory {@linkcode Bars} to a table and back: a TEMP table with the staged-file layout
 * (`line, symbol, ts, ts_raw, open, high, low, close, adj_close, volume`) loaded from a
 * temporary CSV (numbers in shortest round-trip form, so values come back bit for bit;
 * NaN and infinities as `nan`/`inf`, except a NaN volume, which means "no volume" and is
 * stored as NULL).
 *
 * @module
 */
import { rm, writeFile } from "node:fs/promises";
import { makeTempFile } from "../_shared/runtime.ts";
import type { Bars } from "../_shared/types.ts";
import type { DbEngine } from "../data/mod.ts";
import { quoteIdent } from "./_context.ts";

function num(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return String(x); // shortest round-trip text; read_csv parses it as DOUBLE exactly
}

function quote(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

function csvLines(bars: readonly Bars[]): string {
  const out: string[] = [];
  let line = 0;
  for (const b of bars) {
    const n = b.dates.length;
    if (
      [b.open, b.high, b.low, b.close, b.volume].some((c) => c.length !== n)
    ) {
      throw new RangeError(
        `Invalid bars of ${b.symbol}: expected ${n} values per column (one per date)`,
      );
    }
    const sym = quote(b.symbol);
    for (let t = 0; t < n; t++) {
      const v = Number.isNaN(b.volume[t]) ? "" : num(b.volume[t]);
      out.push(
        `${++line},${sym},${quote(b.dates[t])},${num(b.open[t])},${
          num(b.high[t])
        },${num(b.low[t])},${num(b.close[t])},${v}`,
      );
    }
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}

const COLUMNS =
  `{'line': 'BIGINT', 'symbol': 'VARCHAR', 'ts_raw': 'VARCHAR', 'open': 'DOUBLE',
  'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'DOUBLE'}`;

/**
 * Create TEMP table `name` holding `bars` (line = 1-based position in the input), through
 * a temporary CSV file read by DuckDB (removed afterwards).
 */
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
  const text = csvLines(bars);
  if (text.length === 0) return;
  const path = await makeTempFile({ prefix: "sanity_bars_", suffix: ".csv" });
  try {
    await writeFile(path, text);
    const file = db.registerFile ? await db.registerFile(path) : path;
    await db.exec(
      `INSERT INTO ${t} SELECT line, symbol, TRY_CAST(ts_raw AS TIMESTAMP), ts_raw, open, high,
        low, close, NULL, volume
      FROM read_csv($file, auto_detect = false, header = false, columns = ${COLUMNS},
        quote = '"', escape = '"', nullstr = '', delim = ',')`,
      { file },
    );
  } finally {
    await rm(path);
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
