import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ensureSampleData,
  ingestFile,
  listSymbols,
  loadBars,
  openDb,
  samplePath,
  stageFile,
  upsertBars,
} from "../../lib/data/mod.ts";
import type { DbEngine } from "../../lib/data/mod.ts";
import { IngestError } from "../../lib/_shared/errors.ts";

const ENGINES = ["native", "wasm"] as const;

async function withDb(
  engine: "native" | "wasm",
  fn: (db: DbEngine) => Promise<void>,
) {
  const db = await openDb({ engine, path: ":memory:" });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

async function tmpFile(name: string, text: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "tradelab-data-test-" });
  const p = join(dir, name);
  await Deno.writeTextFile(p, text);
  return p;
}

/** Independent parse of the vega S&P 500 CSV (first/last rows and count). */
async function sp500Golden() {
  const lines = (await Deno.readTextFile(samplePath("SP500"))).trim().split(
    /\r?\n/,
  );
  const first = lines[1].split(","), last = lines[lines.length - 1].split(",");
  return { rows: lines.length - 1, first, last };
}

for (const engine of ENGINES) {
  Deno.test(`[${engine}] ensureSampleData() loads SP500 with the CSV's first/last bars`, async () => {
    await withDb(engine, async (db) => {
      const loaded = await ensureSampleData(db);
      assert.equal(loaded.length, 7);
      assert.deepEqual(await ensureSampleData(db), []);
      const g = await sp500Golden();
      const sp = await loadBars(db, "SP500");
      assert.equal(sp.dates.length, g.rows);
      assert.equal(sp.dates[0], g.first[0]);
      assert.equal(sp.open[0], Number(g.first[1]));
      assert.equal(sp.close[0], Number(g.first[4]));
      assert.equal(sp.dates.at(-1), g.last[0]);
      assert.equal(sp.close.at(-1), Number(g.last[4]));
      assert.equal(sp.volume.at(-1), Number(g.last[6]));
      const syms = await listSymbols(db);
      assert.deepEqual(syms.map((s) => s.symbol), [
        "AAPL",
        "AAPL_M",
        "AMZN_M",
        "GOOG_M",
        "IBM_M",
        "MSFT_M",
        "SP500",
      ]);
      assert.deepEqual(syms.find((s) => s.symbol === "GOOG_M"), {
        symbol: "GOOG_M",
        first: "2004-08-01",
        last: "2010-03-01",
        rows: 68,
      });
    });
  });

  Deno.test(`[${engine}] loadBars() filters an inclusive range and names unknown symbols`, async () => {
    await withDb(engine, async (db) => {
      await ensureSampleData(db);
      const b = await loadBars(db, "SP500", {
        start: "2008-10-10",
        end: "2008-10-14",
      });
      assert.deepEqual(b.dates, ["2008-10-10", "2008-10-13", "2008-10-14"]);
      await assert.rejects(
        () => loadBars(db, "NOPE"),
        /Unknown symbol "NOPE": expected one of AAPL, AAPL_M/,
      );
    });
  });

  Deno.test(`[${engine}] ingestFile() recognises yahoo, stooq, close-only and mapped layouts`, async () => {
    await withDb(engine, async (db) => {
      const y = await tmpFile(
        "y.csv",
        "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,10,11,9,10,5,100\n2020-01-03,10,12,10,11,5.5,200\n",
      );
      const r = await ingestFile(db, y, { symbol: "Y" });
      assert.equal(r.layout, "yahoo");
      const b = await loadBars(db, "Y");
      assert.deepEqual([...b.close], [5, 5.5]);
      assert.deepEqual([...b.open], [5, 5]); // 10 * 5/10, 10 * 5.5/11
      const raw = await loadBars(db, "Y", { adjusted: false });
      assert.deepEqual([...raw.close], [10, 11]);
      const s = await tmpFile(
        "s.csv",
        "<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\nAAA.US,D,20200102,000000,1,2,0.5,1.5,10,0\n",
      );
      const rs = await ingestFile(db, s);
      assert.deepEqual([rs.layout, rs.symbols, rs.extras], [
        "stooq",
        ["AAA.US"],
        ["per", "openint"],
      ]);
      assert.deepEqual((await loadBars(db, "AAA.US")).dates, ["2020-01-02"]);
      const m = await tmpFile("m.csv", "Day,Last,label\n2020-01-02,7,1\n");
      const st = await stageFile(db, m, {
        symbol: "M",
        mapping: { date: "Day", close: "Last" },
      });
      assert.deepEqual(
        await db.query(
          `select line, open, high, low, close, label from ${st.table}`,
        ),
        [
          { line: 2, open: 7, high: 7, low: 7, close: 7, label: 1 },
        ],
      );
    });
  });

  Deno.test(`[${engine}] re-ingest is idempotent and a throwing validate hook leaves the store unchanged`, async () => {
    await withDb(engine, async (db) => {
      const f = await tmpFile(
        "a.csv",
        "symbol,date,close\nA,2020-01-02,1\nB,2020-01-02,2\nA,2020-01-03,3\n",
      );
      await ingestFile(db, f);
      await ingestFile(db, f);
      assert.deepEqual(await db.query("select count(*) as n from bars"), [{
        n: 3,
      }]);
      const g = await tmpFile(
        "b.csv",
        "symbol,date,close\nA,2020-01-02,100\nC,2020-01-02,2\n",
      );
      await assert.rejects(() =>
        ingestFile(db, g, {
          validate: () => Promise.reject(new Error("rejected")),
        }), /rejected/);
      assert.deepEqual(
        await db.query("select symbol, close from bars order by symbol, ts"),
        [
          { symbol: "A", close: 1 },
          { symbol: "A", close: 3 },
          { symbol: "B", close: 2 },
        ],
      );
    });
  });

  Deno.test(`[${engine}] without a validate hook a repeated key keeps the file's last row`, async () => {
    await withDb(engine, async (db) => {
      const f = await tmpFile(
        "dup.csv",
        "date,close\n2020-01-02,1\n2020-01-03,5\n2020-01-02,2\n",
      );
      const r = await ingestFile(db, f, { symbol: "D" });
      assert.deepEqual([r.duplicates, r.rows], [1, 2]);
      assert.deepEqual([...(await loadBars(db, "D")).close], [2, 5]);
    });
  });

  Deno.test(`[${engine}] bad inputs throw IngestError naming line, column and value`, async () => {
    await withDb(engine, async (db) => {
      const cases: [string, string, RegExp][] = [
        ["empty.csv", "", /line 1, column "\(header\)".*empty/],
        ["header.csv", "date,close\n", /at least one data row/],
        ["semi.csv", "Date;Close\n2020-01-02;1\n", /another delimiter/],
        [
          "num.csv",
          "date,close\n2020-01-02,1\n2020-01-03,n/a\n",
          /line 3, column "close": expected a number, got "n\/a"/,
        ],
        [
          "mix.csv",
          "date,close\n2020-01-02T10:00:00Z,1\n2020-01-03T10:00:00,2\n",
          /line 3, column "date".*mixes/,
        ],
        [
          "date.csv",
          "date,close\n2020-01-02,1\n2020-13-03,2\n",
          /line 3, column "date".*got "2020-13-03"/,
        ],
      ];
      for (const [name, text, re] of cases) {
        const p = await tmpFile(name, text);
        await assert.rejects(
          () => ingestFile(db, p, { symbol: "X" }),
          (e: Error) => {
            assert.ok(e instanceof IngestError, name);
            assert.match(e.message, re);
            return true;
          },
        );
      }
      assert.deepEqual(await listSymbols(db), []);
    });
  });

  Deno.test(`[${engine}] a 300,000-row file keeps file order: the error names the right line`, async () => {
    await withDb(engine, async (db) => {
      const n = 300_000, badAt = 271_828; // data row index (0-based)
      const lines = ["symbol,date,close"];
      for (let i = 0; i < n; i++) {
        const sym = `S${i % 7}`,
          d = new Date(Date.UTC(2000, 0, 1) + Math.floor(i / 7) * 86_400_000);
        lines.push(
          `${sym},${d.toISOString().slice(0, 10)},${
            i === badAt ? "1.2.3" : String(i + 0.5)
          }`,
        );
      }
      const p = await tmpFile("big.csv", lines.join("\n") + "\n");
      await assert.rejects(
        () => ingestFile(db, p),
        /line 271830, column "close": expected a number, got "1\.2\.3"/,
      );
      lines[badAt + 1] = lines[badAt + 1].replace("1.2.3", "7");
      await Deno.writeTextFile(p, lines.join("\n") + "\n");
      const st = await stageFile(db, p);
      const r = await db.query(
        `select line, close from ${st.table} where line in (2, 150001, 300001) order by line`,
      );
      assert.deepEqual(r, [{ line: 2, close: 0.5 }, {
        line: 150001,
        close: 149999.5,
      }, { line: 300001, close: 299999.5 }]);
    });
  });

  Deno.test(`[${engine}] intraday timestamps: zoned offsets and a naive tz are converted to UTC`, async () => {
    await withDb(engine, async (db) => {
      const z = await tmpFile(
        "z.csv",
        "date,close\n2020-01-02T10:00:00+02:00,1\n2020-01-03T10:30:00-0500,2\n",
      );
      assert.deepEqual((await ingestFile(db, z, { symbol: "Z" })).intraday, [
        "Z",
      ]);
      assert.deepEqual((await loadBars(db, "Z")).dates, [
        "2020-01-02T08:00:00.000Z",
        "2020-01-03T15:30:00.000Z",
      ]);
      const n = await tmpFile(
        "n.csv",
        "date,close\n2020-01-02 09:30,1\n2020-07-02 09:31,2\n",
      );
      const r = await ingestFile(db, n, {
        symbol: "N",
        tz: "America/New_York",
      });
      assert.equal(r.tz, "America/New_York");
      assert.deepEqual((await loadBars(db, "N")).dates, [
        "2020-01-02T14:30:00.000Z",
        "2020-07-02T13:31:00.000Z",
      ]);
    });
  });

  Deno.test(`[${engine}] a validate hook may repair the staged table in place`, async () => {
    await withDb(engine, async (db) => {
      const f = await tmpFile(
        "r.csv",
        "date,close\n2020-01-02,1\n2020-01-03,-5\n2020-01-06,2\n",
      );
      const r = await ingestFile(db, f, {
        symbol: "R",
        validate: async (tx, table) => {
          await tx.exec(`DELETE FROM ${table} WHERE close <= 0`);
          return "dropped 1";
        },
      });
      assert.deepEqual([r.stagedRows, r.rows, r.validation], [
        2,
        2,
        "dropped 1",
      ]);
      assert.deepEqual((await loadBars(db, "R")).dates, [
        "2020-01-02",
        "2020-01-06",
      ]);
    });
  });

  Deno.test(`[${engine}] upsertBars() replaces rows with the same key`, async () => {
    await withDb(engine, async (db) => {
      const x = (v: number[]) => Float64Array.from(v);
      const bars = {
        symbol: "U",
        dates: ["2020-01-02", "2020-01-03"],
        open: x([1, 2]),
        high: x([1, 2]),
        low: x([1, 2]),
        close: x([1, 2]),
        volume: x([NaN, 5]),
      };
      await upsertBars(db, [bars], { source: "t" });
      await upsertBars(db, [{ ...bars, close: x([3, 4]) }], { source: "t" });
      const b = await loadBars(db, "U");
      assert.deepEqual([...b.close], [3, 4]);
      assert.ok(Number.isNaN(b.volume[0]));
    });
  });
}

Deno.test("[native] parquet files are staged; wasm rejects them clearly", async () => {
  const dir = await Deno.makeTempDir();
  const p = join(dir, "p.parquet");
  await withDb("native", async (db) => {
    await db.exec(
      `COPY (SELECT 'P' AS symbol, DATE '2020-01-02' AS date, 1.5 AS close) TO '${p}' (FORMAT parquet)`,
    );
    const r = await ingestFile(db, p);
    assert.equal(r.format, "parquet");
    assert.deepEqual([...(await loadBars(db, "P")).close], [1.5]);
  });
  await withDb("wasm", async (db) => {
    await assert.rejects(() => ingestFile(db, p), /native engine/);
  });
});

Deno.test("[native] JSON arrays are staged like CSV", async () => {
  const p = await tmpFile(
    "j.json",
    JSON.stringify([
      {
        date: "2020-01-02",
        open: 1,
        high: 2,
        low: 0.5,
        close: 1.5,
        volume: 10,
      },
      {
        date: "2020-01-03",
        open: 1.5,
        high: 2,
        low: 1,
        close: 1.8,
        volume: null,
      },
    ]),
  );
  await withDb("native", async (db) => {
    const r = await ingestFile(db, p, { symbol: "J" });
    assert.deepEqual([r.format, r.layout, r.rows], ["json", "ohlcv", 2]);
    const b = await loadBars(db, "J");
    assert.deepEqual([...b.close], [1.5, 1.8]);
    assert.ok(Number.isNaN(b.volume[1]));
  });
});

Deno.test("[native] an on-disk store survives close and reopen", async () => {
  const path = join(await Deno.makeTempDir(), "w.duckdb");
  let db = await openDb({ engine: "native", path });
  await ensureSampleData(db);
  await db.close();
  db = await openDb({ engine: "native", path });
  try {
    assert.equal((await loadBars(db, "AAPL")).dates.length, 1260);
  } finally {
    await db.close();
  }
});
