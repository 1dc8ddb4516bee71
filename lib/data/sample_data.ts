/**
 * Loading the built-in real data sets into the store on first use.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import type { Bars } from "../_shared/types.ts";
import { IngestError } from "../_shared/errors.ts";
import type { DbEngine } from "./engine.ts";
import { readSampleBars, type SampleName, samplePath } from "./samples.ts";
import { ensureSchema } from "./schema.ts";
import { upsertBars } from "./upsert_bars.ts";

/** Suffix of the monthly `stocks` symbols (`MSFT_M`, ..., `AAPL_M`), so they never mix with daily bars. */
export const MONTHLY_SUFFIX = "_M";

/** Every symbol {@linkcode ensureSampleData} loads. */
export const SAMPLE_SYMBOLS: readonly string[] = Object.freeze([
  "SP500",
  "AAPL",
  ...["MSFT", "AMZN", "IBM", "GOOG", "AAPL"].map((s) => s + MONTHLY_SUFFIX),
]);

const MONTHS = "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec".split(",");

function monthlyDate(path: string, line: number, s: string): string {
  const m = /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4})$/.exec(s);
  const month = m ? MONTHS.indexOf(m[1]) : -1;
  if (!m || month < 0) {
    throw new IngestError(path, line, "date", s, 'a date like "Jan 1 2000"');
  }
  return `${m[3]}-${String(month + 1).padStart(2, "0")}-${
    m[2].padStart(2, "0")
  }`;
}

/**
 * Read the vega-datasets monthly `stocks.csv` (`symbol,date,price`): one {@linkcode Bars}
 * per symbol, named with {@linkcode MONTHLY_SUFFIX}; open = high = low = close = price,
 * volume NaN (the file has none).
 */
export async function readMonthlyStocks(): Promise<Bars[]> {
  const path = samplePath("stocks");
  const lines = (await readFile(path, "utf8")).split(/\r?\n/);
  const by = new Map<string, { dates: string[]; price: number[] }>();
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === "") continue;
    const [sym, date, price] = lines[i].split(",");
    const p = Number(price);
    if (price === undefined || price === "" || !Number.isFinite(p)) {
      throw new IngestError(
        path,
        i + 1,
        "price",
        price ?? "",
        "a finite number",
      );
    }
    const e = by.get(sym) ?? { dates: [], price: [] };
    e.dates.push(monthlyDate(path, i + 1, date));
    e.price.push(p);
    by.set(sym, e);
  }
  return [...by].map(([sym, e]) => {
    const p = Float64Array.from(e.price);
    return {
      symbol: sym + MONTHLY_SUFFIX,
      dates: e.dates,
      open: p,
      high: p,
      low: p,
      close: p,
      volume: new Float64Array(p.length).fill(NaN),
    };
  });
}

async function logSample(
  db: DbEngine,
  file: string,
  bars: readonly Bars[],
): Promise<void> {
  await db.exec(
    `INSERT INTO ingests VALUES ($file, $symbols, $rows, 'sample', 'sample', 'UTC', now()::TIMESTAMP)`,
    {
      file,
      symbols: bars.map((b) => b.symbol).sort().join(","),
      rows: bars.reduce((n, b) => n + b.dates.length, 0),
    },
  );
}

/**
 * Load the built-in real data into the store unless already there (a no-op when every
 * sample symbol is present):
 * - `SP500`: S&P 500 daily 2000-01-03..2020-04-17 (vega-datasets `sp500-2000.csv`);
 * - `AAPL`: Apple daily 2013-05-13..2018-05-11 (@observablehq/sample-datasets `aapl.csv`),
 *   close = Adj Close and open/high/low scaled by the same factor (see `readSampleBars`);
 * - `MSFT_M`, `AMZN_M`, `IBM_M`, `GOOG_M`, `AAPL_M`: month-start prices of the vega
 *   `stocks.csv` (suffix `_M` keeps monthly AAPL apart from daily `AAPL`).
 * The samples are validated by lib/sanity, not here. Runs in one transaction.
 *
 * @param db An open engine (not inside a transaction).
 * @returns The symbols loaded by this call (empty when all were present).
 * @example
 * ```ts
 * import { openDb } from "./open_db.ts";
 * import { ensureSampleData } from "./sample_data.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * assert.equal((await ensureSampleData(db)).length, 7);
 * assert.deepEqual(await ensureSampleData(db), []);
 * await db.close();
 * ```
 */
export async function ensureSampleData(db: DbEngine): Promise<string[]> {
  await ensureSchema(db);
  const have = new Set(
    (await db.query<{ symbol: string }>("SELECT DISTINCT symbol FROM bars"))
      .map((r) => r.symbol),
  );
  if (SAMPLE_SYMBOLS.every((s) => have.has(s))) return [];
  return await db.transaction(async (tx) => {
    const loaded: string[] = [];
    for (const name of ["SP500", "AAPL"] as SampleName[]) {
      if (have.has(name)) continue;
      const bars = await readSampleBars(name);
      await upsertBars(tx, [bars], {
        source: samplePath(name),
        tz: "UTC",
        transaction: false,
      });
      await logSample(tx, `sample:${name}`, [bars]);
      loaded.push(name);
    }
    const monthly = (await readMonthlyStocks()).filter((b) =>
      !have.has(b.symbol)
    );
    if (monthly.length > 0) {
      await upsertBars(tx, monthly, {
        source: samplePath("stocks"),
        tz: "UTC",
        transaction: false,
      });
      await logSample(tx, "sample:stocks", monthly);
      loaded.push(...monthly.map((b) => b.symbol));
    }
    return loaded;
  });
}
