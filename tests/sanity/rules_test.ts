import assert from "node:assert/strict";
import type { DbEngine } from "../../lib/data/engine.ts";
import { DataSanityError, validateTable } from "../../lib/sanity/mod.ts";
import type { SanityOptionsInput, Violation } from "../../lib/sanity/mod.ts";
import { bothEngines, NOW, withSample } from "./_helpers.ts";

/** Violations of table `t` (RELAXED with every repair skipped = a pure check). */
async function check(
  db: DbEngine,
  opts: SanityOptionsInput = {},
): Promise<Violation[]> {
  try {
    const r = await validateTable(db, "t", { now: NOW, ...opts });
    return [...r.violations];
  } catch (e) {
    if (e instanceof DataSanityError) return [...e.report.violations];
    throw e;
  }
}

function brief(vs: Violation[]): [string, string, number, string[]][] {
  return vs.map((v) => [v.rule, v.symbol, v.count, [...v.dates]]);
}

async function faulty(
  engine: "native" | "wasm",
  sql: string,
  opts: SanityOptionsInput = {},
  names: ("SP500" | "AAPL")[] = ["SP500"],
) {
  return await withSample(engine, names, async (db) => {
    for (const s of sql.split(";").filter((x) => x.trim())) await db.exec(s);
    return brief(await check(db, opts));
  });
}

bothEngines(
  "validateTable() passes clean real SP500 and AAPL in STRICT mode",
  async (engine) => {
    await withSample(engine, ["SP500", "AAPL"], async (db) => {
      const r = await validateTable(db, "t", { mode: "strict", now: NOW });
      assert.equal(r.ok, true);
      assert.equal(r.rows, 5105 + 1260);
      assert.deepEqual(r.violations, []);
      assert.deepEqual(r.repairs, []);
    });
  },
);

bothEngines(
  "missing and non-finite values are caught with their dates",
  async (engine) => {
    const v = await faulty(
      engine,
      `UPDATE t SET close = NULL WHERE ts = '2010-05-03';
     UPDATE t SET high = 'inf'::DOUBLE WHERE ts = '2011-02-01';
     UPDATE t SET volume = 'nan'::DOUBLE WHERE ts = '2012-03-01'`,
    );
    assert.deepEqual(v, [["missing_value", "SP500", 3, [
      "2010-05-03",
      "2011-02-01",
      "2012-03-01",
    ]]]);
  },
);

bothEngines(
  "non-positive prices, high < low, open/close outside the range and negative volume are caught",
  async (engine) => {
    const v = await faulty(
      engine,
      `UPDATE t SET open = 0, high = 0, low = 0, close = 0 WHERE ts = '2004-06-01';
     UPDATE t SET high = low - 1 WHERE ts = '2005-07-01';
     UPDATE t SET close = high * 1.01 WHERE ts = '2006-08-01';
     UPDATE t SET volume = -5 WHERE ts = '2007-09-04'`,
    );
    assert.deepEqual(v, [
      ["non_positive_price", "SP500", 1, ["2004-06-01"]],
      ["high_below_low", "SP500", 1, ["2005-07-01"]],
      ["open_close_outside_range", "SP500", 1, ["2006-08-01"]],
      ["negative_volume", "SP500", 1, ["2007-09-04"]],
    ]);
  },
);

bothEngines(
  "exact and conflicting duplicate timestamps are told apart",
  async (engine) => {
    const v = await faulty(
      engine,
      `UPDATE t SET line = 2 * line;
     INSERT INTO t SELECT line + 1, symbol, ts, ts_raw, open, high, low, close, adj_close, volume
       FROM t WHERE ts = '2003-03-03';
     INSERT INTO t SELECT line + 1, symbol, ts, ts_raw, open, high, low, close * 1.001, adj_close, volume
       FROM t WHERE ts = '2009-09-09'`,
    );
    assert.deepEqual(v.map((x) => x.slice(0, 4)), [
      ["duplicate_exact", "SP500", 1, ["2003-03-03"]],
      ["duplicate_conflict", "SP500", 1, ["2009-09-09"]],
    ]);
  },
);

bothEngines("rows out of source-line order are caught", async (engine) => {
  // Swap the lines of 2015-06-01 and 2015-06-02.
  const v = await faulty(
    engine,
    `UPDATE t SET line = CASE WHEN ts = '2015-06-01' THEN (SELECT line FROM t WHERE ts = '2015-06-02')
       ELSE (SELECT line FROM t WHERE ts = '2015-06-01') END WHERE ts IN ('2015-06-01', '2015-06-02')`,
  );
  assert.deepEqual(v, [["out_of_order", "SP500", 1, ["2015-06-01"]]]);
});

bothEngines("unparsable and future dates are caught", async (engine) => {
  const v = await faulty(
    engine,
    `UPDATE t SET ts = NULL, ts_raw = '2010-13-45' WHERE ts = '2010-06-01'`,
    { now: "2020-04-15" },
  );
  assert.deepEqual(v, [
    ["unparsable_date", "SP500", 1, ["2010-13-45"]],
    ["future_date", "SP500", 2, ["2020-04-16", "2020-04-17"]],
  ]);
});

bothEngines(
  "gap: the 2001-09-11 closure passes, 40 missing business days fail",
  async (engine) => {
    // Clean data contains Mon 2001-09-10 -> Mon 2001-09-17 (4 missing business days).
    assert.deepEqual(await faulty(engine, ""), []);
    const v = await faulty(
      engine,
      `DELETE FROM t WHERE ts > '2011-03-01' AND ts < '2011-04-27'`,
    );
    assert.deepEqual(v.map((x) => x.slice(0, 4)), [["gap", "SP500", 1, [
      "2011-04-27",
    ]]]);
  },
);

bothEngines(
  "gap threshold: 5 missing business days pass, 6 fail (default maxGapDays 5)",
  async (engine) => {
    // 2011-03-02 (Wed) .. 2011-03-08 (Tue) are 5 business days; .. 2011-03-09 six.
    assert.deepEqual(
      await faulty(
        engine,
        `DELETE FROM t WHERE ts BETWEEN '2011-03-02' AND '2011-03-08'`,
      ),
      [],
    );
    const v = await faulty(
      engine,
      `DELETE FROM t WHERE ts BETWEEN '2011-03-02' AND '2011-03-09'`,
    );
    assert.deepEqual(v.map((x) => x.slice(0, 4)), [["gap", "SP500", 1, [
      "2011-03-10",
    ]]]);
  },
);

bothEngines(
  "gap on monthly bars scales with the bar spacing",
  async (engine) => {
    const monthly =
      `DELETE FROM t WHERE ts NOT IN (SELECT max(ts) FROM t GROUP BY date_trunc('month', ts))`;
    assert.deepEqual(await faulty(engine, monthly), []);
    // Four missing months pass; seven are flagged (spacing ~8 months vs 6x the typical month).
    assert.deepEqual(
      await faulty(
        engine,
        `${monthly}; DELETE FROM t WHERE ts BETWEEN '2005-02-01' AND '2005-05-31'`,
      ),
      [],
    );
    const v = await faulty(
      engine,
      `${monthly}; DELETE FROM t WHERE ts BETWEEN '2005-02-01' AND '2005-08-31'`,
    );
    assert.deepEqual(v.map((x) => x.slice(0, 4)), [["gap", "SP500", 1, [
      "2005-09-30",
    ]]]);
  },
);
