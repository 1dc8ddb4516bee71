import assert from "node:assert/strict";
import { ensureSampleData, openDb, upsertBars } from "../../lib/data/mod.ts";
import { checkStore, DataSanityError } from "../../lib/sanity/mod.ts";
import { bothEngines, NOW } from "./_helpers.ts";

bothEngines(
  "checkStore() passes every built-in sample in STRICT mode, daily and monthly",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const symbols = await ensureSampleData(db);
      assert.ok(symbols.includes("SP500") && symbols.includes("MSFT_M"));
      const r = await checkStore(db, { now: NOW });
      assert.equal(r.ok, true, JSON.stringify(r.violations));
      const [{ n }] = await db.query<{ n: number }>(
        "SELECT count(*) AS n FROM bars",
      );
      assert.equal(r.rows, n);
    } finally {
      await db.close();
    }
  },
);

bothEngines(
  "checkStore() checks only the requested range and never changes the store",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      await ensureSampleData(db);
      await db.exec(
        `UPDATE bars SET high = low - 1 WHERE symbol = 'SP500' AND ts = '2008-10-13'`,
      );
      const r = await checkStore(db, {
        symbols: ["SP500"],
        start: "2008-10-01",
        end: "2008-10-31",
        mode: "relaxed",
        now: NOW,
      });
      assert.equal(r.rows, 23);
      assert.deepEqual(r.violations.map((v) => [v.rule, v.symbol, v.dates]), [[
        "high_below_low",
        "SP500",
        ["2008-10-13"],
      ]]);
      // The day before the range and the other symbols are not looked at.
      assert.equal(
        (await checkStore(db, {
          symbols: ["SP500"],
          end: "2008-10-10",
          now: NOW,
        })).ok,
        true,
      );
      assert.equal(
        (await checkStore(db, { symbols: ["AAPL", "MSFT_M"], now: NOW })).ok,
        true,
      );
      await assert.rejects(
        checkStore(db, { symbols: ["SP500"], now: NOW }),
        (e: unknown) =>
          e instanceof DataSanityError &&
          e.report.violations[0].dates[0] === "2008-10-13",
      );
      const [{ n }] = await db.query<{ n: number }>(
        `SELECT count(*) AS n FROM bars WHERE high < low`,
      );
      assert.equal(n, 1);
      await assert.rejects(
        checkStore(db, { start: "2008/10/01" }),
        /Invalid start/,
      );
    } finally {
      await db.close();
    }
  },
);

bothEngines(
  "checkStore() takes ISO instants as the range of intraday bars (both ends inclusive)",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const hours = ["14:30", "15:30", "16:30", "17:30"];
      const dates = hours.map((h) => `2020-01-02T${h}:00.000Z`);
      const x = Float64Array.from([10, 10.1, 10.2, 10.1]);
      await upsertBars(db, [{
        symbol: "I",
        dates,
        open: x,
        high: x,
        low: x,
        close: x,
        volume: Float64Array.from([5, 6, 7, 8]),
      }], { source: "test" });
      const r = await checkStore(db, {
        symbols: ["I"],
        start: dates[1],
        end: dates[2],
        now: NOW,
      });
      assert.deepEqual([r.ok, r.rows], [true, 2]);
      const day = await checkStore(db, { end: "2020-01-02", now: NOW });
      assert.equal(day.rows, 4);
      await assert.rejects(
        checkStore(db, { start: "2020-01-02T14:30" }),
        /Invalid start: expected YYYY-MM-DD or an ISO UTC instant/,
      );
    } finally {
      await db.close();
    }
  },
);
