import assert from "node:assert/strict";
import type { DbEngine } from "../../lib/data/engine.ts";
import { DataSanityError, validateTable } from "../../lib/sanity/mod.ts";
import type { SanityOptionsInput } from "../../lib/sanity/mod.ts";
import { bothEngines, NOW, sample, withSample } from "./_helpers.ts";

type Row = [string, string, number, string[]];

async function run(
  engine: "native" | "wasm",
  sql: string,
  opts: SanityOptionsInput = {},
  names: ("SP500" | "AAPL")[] = ["SP500"],
): Promise<Row[]> {
  return await withSample(engine, names, async (db: DbEngine) => {
    for (const s of sql.split(";").filter((x) => x.trim())) await db.exec(s);
    try {
      const r = await validateTable(db, "t", { now: NOW, ...opts });
      return r.violations.map((v) => [v.rule, v.symbol, v.count, [...v.dates]]);
    } catch (e) {
      if (!(e instanceof DataSanityError)) throw e;
      return e.report.violations.map((
        v,
      ) => [v.rule, v.symbol, v.count, [...v.dates]]);
    }
  });
}

/** Dates whose close/prev, open/prev or close/open |log| move exceeds `max` (plain JS). */
async function bigMoveDates(max: number): Promise<string[]> {
  const b = await sample("SP500");
  const out: string[] = [];
  for (let t = 1; t < b.dates.length; t++) {
    const pc = b.close[t - 1];
    const m = [b.close[t] / pc, b.open[t] / pc, b.close[t] / b.open[t]].map((
      x,
    ) => Math.abs(Math.log(x)));
    if (Math.max(...m) > max) out.push(b.dates[t]);
  }
  return out;
}

bothEngines(
  "extreme_move: real crash days pass the default, a lower threshold finds exactly the big days",
  async (engine) => {
    assert.deepEqual(await run(engine, ""), []); // includes 2008-10-13 (+11.6%) and 2020-03-16 (-12%)
    const expected = await bigMoveDates(0.09);
    assert.ok(
      expected.includes("2008-10-13") && expected.includes("2020-03-16"),
    );
    const v = await run(engine, "", { maxMove: 0.09 });
    assert.deepEqual(v, [[
      "extreme_move",
      "SP500",
      expected.length,
      expected.slice(0, 5),
    ]]);
  },
);

bothEngines(
  "extreme_move: a one-day +40% bar is caught on that day and on the drop back",
  async (engine) => {
    const v = await run(
      engine,
      `UPDATE t SET open = open * 1.4, high = high * 1.4, low = low * 1.4, close = close * 1.4
     WHERE ts = '2012-05-15'`,
    );
    assert.deepEqual(v, [["extreme_move", "SP500", 2, [
      "2012-05-15",
      "2012-05-16",
    ]]]);
  },
);

bothEngines(
  "extreme_move: an overnight-only jump (open far from the previous close) is caught",
  async (engine) => {
    const v = await run(
      engine,
      `UPDATE t SET open = open * 1.35, high = open * 1.35 WHERE ts = '2013-07-01'`,
    );
    assert.deepEqual(v, [["extreme_move", "SP500", 1, ["2013-07-01"]]]);
  },
);

const scaleFrom = (date: string, f: number, until = "2100-01-01") =>
  `UPDATE t SET open = open * ${f}, high = high * ${f}, low = low * ${f}, close = close * ${f},
     volume = volume / ${f} WHERE ts >= '${date}' AND ts < '${until}'`;

bothEngines(
  "unadjusted_split: an unadjusted 2:1 split is caught on its day (and not as an extreme move)",
  async (engine) => {
    const v = await run(engine, scaleFrom("2014-06-09", 0.5), {}, ["AAPL"]);
    assert.deepEqual(v, [["unadjusted_split", "AAPL", 1, ["2014-06-09"]]]);
  },
);

bothEngines(
  "unadjusted_split: 7:1, 3:2 and a 1:10 reverse split are caught",
  async (engine) => {
    const v = await run(
      engine,
      `${scaleFrom("2005-03-01", 1 / 7)}; ${scaleFrom("2010-03-01", 2 / 3)}; ${
        scaleFrom("2016-03-01", 10)
      }`,
    );
    assert.deepEqual(v, [["unadjusted_split", "SP500", 3, [
      "2005-03-01",
      "2010-03-01",
      "2016-03-01",
    ]]]);
  },
);

bothEngines(
  "unadjusted_split: a 2:1 drop that reverts within days is an extreme move, not a split",
  async (engine) => {
    const v = await run(
      engine,
      scaleFrom("2014-06-09", 0.5, "2014-06-11"),
      {},
      ["AAPL"],
    );
    assert.deepEqual(v, [["extreme_move", "AAPL", 2, [
      "2014-06-09",
      "2014-06-11",
    ]]]);
  },
);

bothEngines(
  "stale_price: six identical zero-volume bars are caught, three are not",
  async (engine) => {
    const stale = (from: string, to: string) =>
      `UPDATE t SET open = s.open, high = s.high, low = s.low, close = s.close, volume = 0
     FROM (SELECT open, high, low, close FROM t WHERE ts = (SELECT max(ts) FROM t WHERE ts < '${from}')) s
     WHERE t.ts BETWEEN '${from}' AND '${to}'`;
    // 2016-02-01..2016-02-05: five repeats of the 2016-01-29 bar = six identical bars.
    assert.deepEqual(await run(engine, stale("2016-02-01", "2016-02-05")), [
      ["stale_price", "SP500", 1, ["2016-02-01"]],
    ]);
    assert.deepEqual(await run(engine, stale("2016-02-01", "2016-02-02")), []);
  },
);

bothEngines(
  "time_zone_mix: zoned timestamps among naive ones are caught",
  async (engine) => {
    const v = await run(
      engine,
      `UPDATE t SET ts_raw = ts_raw || 'T00:00:00Z' WHERE ts IN ('2011-01-03', '2011-01-04')`,
    );
    assert.deepEqual(v, [["time_zone_mix", "SP500", 2, [
      "2011-01-03",
      "2011-01-04",
    ]]]);
  },
);

const addColumn = (name: string, expr: string) =>
  `ALTER TABLE t ADD COLUMN ${name} DOUBLE;
   UPDATE t SET ${name} = s.x FROM (SELECT line AS l, ${expr} AS x FROM t) s WHERE t.line = s.l`;

bothEngines(
  "lookahead: a returns column equal to the NEXT bar's return is caught; honest same-bar returns pass",
  async (engine) => {
    const honest = await run(
      engine,
      addColumn("returns", "close / lag(close) OVER (ORDER BY ts) - 1"),
    );
    assert.deepEqual(honest, []);
    const v = await run(
      engine,
      addColumn("returns", "lead(close) OVER (ORDER BY ts) / close - 1"),
    );
    assert.equal(v.length, 1);
    assert.equal(v[0][0], "lookahead");
    assert.ok(v[0][2] > 5000, `agreeing rows ${v[0][2]}`);
  },
);

bothEngines(
  "lookahead: a 0/1 label of the next bar's direction is caught; a same-bar 0/1 label passes",
  async (engine) => {
    const next = await run(
      engine,
      addColumn(
        "label",
        "CASE WHEN lead(close) OVER (ORDER BY ts) > close THEN 1 ELSE 0 END",
      ),
    );
    assert.deepEqual(next.map((r) => r[0]), ["lookahead"]);
    const same = await run(
      engine,
      addColumn(
        "target",
        "CASE WHEN close > lag(close) OVER (ORDER BY ts) THEN 1 ELSE 0 END",
      ),
    );
    assert.deepEqual(same, []);
  },
);

bothEngines(
  "lookahead: the z test reports next vs same-bar agreement in the detail",
  async (engine) => {
    await withSample(engine, ["SP500"], async (db) => {
      for (
        const s of addColumn(
          "returns",
          "lead(close) OVER (ORDER BY ts) / close - 1",
        ).split(";")
      ) {
        await db.exec(s);
      }
      const r = await validateTable(db, "t", { mode: "relaxed", now: NOW });
      assert.match(
        r.violations[0].detail ?? "",
        /column returns: next-bar sign agreement 100\.0% vs same-bar 4\d\.\d% \(z = \d+\.\d, n = 5\d{3}\)/,
      );
    });
  },
);

bothEngines(
  "unadjusted_split: traded prices with a split pass when the adjusted close is continuous",
  async (engine) => {
    const split = `UPDATE t SET adj_close = close;
    UPDATE t SET open = open / 2, high = high / 2, low = low / 2, close = close / 2
    WHERE ts >= '2014-06-09'`;
    assert.deepEqual(await run(engine, split, {}, ["AAPL"]), []);
    const v = await run(engine, `${split}; UPDATE t SET adj_close = NULL`, {}, [
      "AAPL",
    ]);
    assert.deepEqual(v, [["unadjusted_split", "AAPL", 1, ["2014-06-09"]]]);
  },
);
