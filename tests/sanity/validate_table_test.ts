import assert from "node:assert/strict";
import { DataSanityError, validateTable } from "../../lib/sanity/mod.ts";
import { readBars } from "../../lib/sanity/_stage_bars.ts";
import { bothEngines, NOW, sample, withSample } from "./_helpers.ts";

const FAULTS = [
  `UPDATE t SET line = 2 * line`,
  `UPDATE t SET close = NULL WHERE ts = '2010-05-03'`,
  `UPDATE t SET ts = NULL, ts_raw = 'n/a' WHERE ts = '2010-06-01'`,
  `UPDATE t SET open = -1, high = -1, low = -1, close = -1 WHERE ts = '2004-06-01'`,
  `UPDATE t SET volume = -5 WHERE ts = '2007-09-04'`,
  `UPDATE t SET close = high * 1.01 WHERE ts = '2006-08-01'`,
  `INSERT INTO t SELECT line + 1, symbol, ts, ts_raw, open, high, low, close, adj_close, volume
     FROM t WHERE ts = '2003-03-03'`,
  `UPDATE t SET line = CASE WHEN ts = '2015-06-01' THEN (SELECT line FROM t WHERE ts = '2015-06-02')
     ELSE (SELECT line FROM t WHERE ts = '2015-06-01') END WHERE ts IN ('2015-06-01', '2015-06-02')`,
  `INSERT INTO t VALUES (999999, 'SP500', '2030-01-02', '2030-01-02', 1, 1, 1, 1, NULL, 1)`,
];

bothEngines(
  "validateTable() STRICT throws DataSanityError listing rule, symbol, count and dates",
  async (engine) => {
    await withSample(engine, ["SP500"], async (db) => {
      await db.exec(
        `UPDATE t SET high = low - 1 WHERE ts IN ('2005-07-01', '2005-07-05')`,
      );
      await assert.rejects(
        validateTable(db, "t", { now: NOW }),
        (e: unknown) => {
          assert.ok(e instanceof DataSanityError);
          assert.equal(e.report.ok, false);
          assert.equal(e.report.mode, "strict");
          assert.match(e.message, /STRICT found 1 violation in 5105 rows/);
          assert.match(
            e.message,
            /- high_below_low SP500: 2 \(e\.g\. 2005-07-01, 2005-07-05\)/,
          );
          return true;
        },
      );
    });
  },
);

bothEngines(
  "validateTable() RELAXED repairs every repairable fault in place, lists each, and leaves clean data",
  async (engine) => {
    await withSample(engine, ["SP500"], async (db) => {
      for (const f of FAULTS) await db.exec(f);
      const r = await validateTable(db, "t", { mode: "relaxed", now: NOW });
      assert.deepEqual(
        r.repairs.map((x) => [x.rule, x.symbol, x.count, x.dates]),
        [
          ["missing_value", "SP500", 1, ["2010-05-03"]],
          ["unparsable_date", "SP500", 1, ["n/a"]],
          ["future_date", "SP500", 1, ["2030-01-02"]],
          ["non_positive_price", "SP500", 1, ["2004-06-01"]],
          ["negative_volume", "SP500", 1, ["2007-09-04"]],
          ["open_close_outside_range", "SP500", 1, ["2006-08-01"]],
          ["duplicate_exact", "SP500", 1, ["2003-03-03"]],
          ["out_of_order", "SP500", 1, ["2015-06-01"]],
        ],
      );
      assert.equal(r.ok, true);
      assert.equal(r.mode, "relaxed");
      assert.equal(r.rows, 5105 + 2);
      assert.deepEqual(r.violations, []);
      // The repaired table now passes STRICT, and holds the original rows minus the dropped ones.
      assert.equal((await validateTable(db, "t", { now: NOW })).ok, true);
      const [out] = await readBars(db, "t", ["SP500"]);
      const sp = await sample("SP500");
      const dropped = new Set(["2010-05-03", "2010-06-01", "2004-06-01"]);
      assert.deepEqual(out.dates, sp.dates.filter((d) => !dropped.has(d)));
      const i = out.dates.indexOf("2006-08-01"),
        j = sp.dates.indexOf("2006-08-01");
      assert.equal(out.high[i], sp.high[j] * 1.01); // widened to the close
      assert.ok(Number.isNaN(out.volume[out.dates.indexOf("2007-09-04")]));
      // The sort renumbered line in time order.
      const lines = await db.query<{ ok: boolean }>(
        `SELECT bool_and(d) AS ok FROM (SELECT ts >= lag(ts, 1, ts) OVER (ORDER BY line) AS d FROM t)`,
      );
      assert.deepEqual(lines, [{ ok: true }]);
    });
  },
);

bothEngines(
  "validateTable() RELAXED keeps unrepairable faults as violations (ok false, no throw)",
  async (engine) => {
    await withSample(engine, ["SP500"], async (db) => {
      await db.exec(`UPDATE t SET high = low - 1 WHERE ts = '2005-07-01'`);
      await db.exec(`UPDATE t SET close = NULL WHERE ts = '2010-05-03'`);
      const r = await validateTable(db, "t", { mode: "RELAXED", now: NOW });
      assert.equal(r.ok, false);
      assert.deepEqual(r.repairs.map((x) => x.rule), ["missing_value"]);
      assert.deepEqual(r.violations.map((v) => [v.rule, v.dates]), [[
        "high_below_low",
        ["2005-07-01"],
      ]]);
    });
  },
);

bothEngines(
  "validateTable() skips rules listed in skip, and a table without line/ts_raw/volume still validates",
  async (engine) => {
    await withSample(engine, ["SP500"], async (db) => {
      await db.exec(
        `CREATE TEMP TABLE u AS SELECT symbol, ts, open, high, low, close FROM t`,
      );
      await db.exec(`UPDATE u SET high = low - 1 WHERE ts = '2005-07-01'`);
      assert.equal(
        (await validateTable(db, "u", { now: NOW, skip: ["high_below_low"] }))
          .ok,
        true,
      );
      await assert.rejects(
        validateTable(db, "u", { now: NOW }),
        /high_below_low SP500: 1/,
      );
    });
  },
);

bothEngines(
  "validateTable() names a missing required column and a bad option field",
  async (engine) => {
    await withSample(engine, ["SP500"], async (db) => {
      await db.exec(
        `CREATE TEMP TABLE v AS SELECT symbol, ts, open, high, low FROM t`,
      );
      await assert.rejects(validateTable(db, "v"), /expected a column "close"/);
      await assert.rejects(
        validateTable(db, "t", { maxGapDays: 1.5 }),
        /field "maxGapDays": expected a whole number at least 0, got 1\.5/,
      );
      await assert.rejects(
        validateTable(db, "t", { nope: 1 } as never),
        /unknown field "nope"; allowed: /,
      );
    });
  },
);

bothEngines(
  "validateTable() accepts an empty table and a single bar",
  async (engine) => {
    await withSample(engine, ["SP500"], async (db) => {
      await db.exec(
        `CREATE TEMP TABLE one AS SELECT * FROM t WHERE ts = '2010-01-04'`,
      );
      const r1 = await validateTable(db, "one", { now: NOW });
      assert.deepEqual([r1.ok, r1.rows, r1.violations], [true, 1, []]);
      await db.exec(`DELETE FROM t`);
      const r0 = await validateTable(db, "t", { mode: "relaxed", now: NOW });
      assert.deepEqual([r0.ok, r0.rows, r0.violations, r0.repairs], [
        true,
        0,
        [],
        [],
      ]);
    });
  },
);
