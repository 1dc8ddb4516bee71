import assert from "node:assert/strict";
import { openDb } from "../../lib/data/mod.ts";
import type { Bars } from "../../lib/_shared/types.ts";
import { checkBars, DataSanityError } from "../../lib/sanity/mod.ts";
import { readBars, stageBars } from "../../lib/sanity/_stage_bars.ts";
import { bothEngines, NOW, sample } from "./_helpers.ts";

function copy(b: Bars): Bars {
  return {
    symbol: b.symbol,
    dates: [...b.dates],
    open: b.open.slice(),
    high: b.high.slice(),
    low: b.low.slice(),
    close: b.close.slice(),
    volume: b.volume.slice(),
  };
}

bothEngines(
  "checkBars() returns clean real bars bit for bit and leaves the input unchanged",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const sp = await sample("SP500"), aapl = await sample("AAPL");
      const before = [copy(sp), copy(aapl)];
      const { report, bars } = await checkBars(db, [aapl, sp], {
        mode: "strict",
        now: NOW,
      });
      assert.equal(report.ok, true);
      assert.equal(report.rows, 1260 + 5105);
      assert.deepEqual(bars, [aapl, sp]);
      assert.deepEqual([sp, aapl], before);
      // The TEMP table is gone.
      const t = await db.query(
        `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '_sanity%'`,
      );
      assert.deepEqual(t, []);
    } finally {
      await db.close();
    }
  },
);

bothEngines(
  "checkBars() STRICT throws with the injected date; RELAXED drops the row and the exact duplicate",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const sp = copy(await sample("SP500"));
      const k = sp.dates.indexOf("2012-12-12");
      sp.close[k] = NaN;
      await assert.rejects(
        checkBars(db, [sp], { now: NOW }),
        (e: unknown) =>
          e instanceof DataSanityError &&
          e.report.violations.length === 1 &&
          e.report.violations[0].rule === "missing_value" &&
          e.report.violations[0].dates[0] === "2012-12-12",
      );
      const dup: Bars = {
        ...sp,
        dates: [...sp.dates.slice(0, 11), sp.dates[10], ...sp.dates.slice(11)],
        ...Object.fromEntries(
          (["open", "high", "low", "close", "volume"] as const).map((c) => {
            const a = Array.from(sp[c]);
            a.splice(11, 0, a[10]);
            return [c, Float64Array.from(a)];
          }),
        ),
      };
      const { report, bars: [out] } = await checkBars(db, [dup], {
        mode: "relaxed",
        now: NOW,
      });
      assert.equal(report.ok, true);
      assert.deepEqual(report.repairs.map((r) => [r.rule, r.count, r.dates]), [
        ["missing_value", 1, ["2012-12-12"]],
        ["duplicate_exact", 1, [sp.dates[10]]],
      ]);
      assert.equal(out.dates.length, sp.dates.length - 1);
      assert.ok(!out.dates.includes("2012-12-12"));
    } finally {
      await db.close();
    }
  },
);

bothEngines(
  "checkBars() accepts a NaN volume (no volume) and rejects duplicate symbols",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const sp = copy(await sample("SP500"));
      sp.volume.fill(NaN);
      const { report, bars: [out] } = await checkBars(db, [sp], { now: NOW });
      assert.equal(report.ok, true);
      assert.ok(out.volume.every(Number.isNaN));
      await assert.rejects(checkBars(db, [sp, sp]), /distinct symbols/);
    } finally {
      await db.close();
    }
  },
);

bothEngines(
  "stageBars()/readBars() round-trip odd symbols, NaN and infinite values exactly",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const f = (...x: number[]) => Float64Array.from(x);
      const odd: Bars = {
        symbol: 'A,"B',
        dates: ["2020-01-02", "2020-01-03", "2020-01-06"],
        open: f(0.1 + 0.2, NaN, 1e-300),
        high: f(Infinity, 2, 3),
        low: f(-Infinity, 1, 5e-324),
        close: f(1 / 3, 2 / 3, 123456789.123456789),
        volume: f(NaN, 0, 1e15),
      };
      await stageBars(db, "x", [odd]);
      assert.deepEqual(await readBars(db, "x", ['A,"B', "NONE"]), [
        odd,
        {
          ...odd,
          symbol: "NONE",
          dates: [],
          open: f(),
          high: f(),
          low: f(),
          close: f(),
          volume: f(),
        },
      ]);
    } finally {
      await db.close();
    }
  },
);

bothEngines(
  "checkBars() returns empty bars for a symbol without dates",
  async (engine) => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const f = () => new Float64Array(0);
      const empty: Bars = {
        symbol: "E",
        dates: [],
        open: f(),
        high: f(),
        low: f(),
        close: f(),
        volume: f(),
      };
      const { report, bars } = await checkBars(db, [empty], { now: NOW });
      assert.equal(report.rows, 0);
      assert.deepEqual(bars, [empty]);
    } finally {
      await db.close();
    }
  },
);
