/**
 * Universe runs round-trip through their bulk writer and readers on both engines: one
 * run, compact typed rows, NaN as NULL, a failed symbol with its error, and saving the
 * same run id again replaces it.
 */
import assert from "node:assert/strict";
import { buildManifest } from "../../lib/_shared/manifest.ts";
import { openDb } from "../../lib/data/mod.ts";
import {
  loadSymbolRun,
  loadUniverseRows,
  oosDayCount,
  saveUniverseRun,
  type SymbolOutcome,
  withoutOosDays,
} from "../../lib/store/mod.ts";

const DAY = 86_400_000;
const day = (iso: string) => Date.parse(iso);

function outcome(symbol: string, k: number): SymbolOutcome {
  const times = Float64Array.from(
    { length: 4 },
    (_, i) => day("2020-01-06") + (i + k) * DAY,
  );
  const returns = Float64Array.of(0.01, -0.02, 0, 0.005 * k);
  return {
    symbol,
    dataHash: `h${k}`,
    bars: 300 + k,
    first: day("2019-01-01"),
    last: day("2020-01-09") + k * DAY,
    error: null,
    sanity: { violations: 0, repairs: k },
    run: {
      metrics: {
        days: 4,
        sharpe: 0.5 * k,
        totalReturn: -0.01,
        maxDrawdown: -0.02,
        annualReturn: NaN,
        annualVolatility: 0.1,
        hitRate: 0.5,
        winRate: 0.4,
        profitFactor: Infinity,
        payoffRatio: 1.2,
        trades: 3,
        exposure: 0.75,
        turnover: 0.5,
        folds: 2,
      },
      folds: [0, 1].map((i) => ({
        index: i,
        trainStart: day("2019-01-01"),
        trainEnd: day("2019-12-31"),
        testStart: times[2 * i],
        testEnd: times[2 * i + 1],
        metrics: {
          days: 2,
          sharpe: i - 0.5,
          totalReturn: 0.01,
          maxDrawdown: -0.01,
          annualReturn: 0.1,
          annualVolatility: 0.2,
          hitRate: NaN,
        },
        coefficients: i === 0 ? [0.1, -0.2] : null,
        intercept: i === 0 ? 0.001 : null,
        importance: [0.1, 0.2],
        signs: [1, -1],
        ms: 0,
      })),
      oos: {
        times,
        predictions: Float64Array.of(0.1, -0.1, NaN, 0.2),
        positions: Float64Array.of(1, -1, 0, 1),
        returns,
      },
    },
  };
}

const failed: SymbolOutcome = {
  symbol: "BAD",
  dataHash: null,
  bars: 0,
  first: NaN,
  last: NaN,
  error: "Too little data",
  sanity: { violations: 2, repairs: 0 },
  run: null,
};

const manifest = buildManifest({
  kind: "multi-symbol",
  config: { symbols: ["A", "BAD", "B"] },
  dataHash: "ff",
  codeVersion: "0.1.0+test",
  seed: 42,
  startedAt: "2026-01-01T00:00:00.000Z",
  endedAt: "2026-01-01T00:00:01.000Z",
  timings: { workers: 2 },
});

for (const engine of ["native", "wasm"] as const) {
  Deno.test(`saveUniverseRun() round-trips compact rows and replaces a run id [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const outcomes = [outcome("A", 1), failed, outcome("B", 2)];
      await saveUniverseRun(db, manifest, outcomes, { symbolCount: 3 });
      await saveUniverseRun(db, manifest, outcomes, { symbolCount: 3 });
      const counts = await db.query(
        `SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM symbol_runs) AS s,
           (SELECT count(*) FROM symbol_folds) AS f, (SELECT count(*) FROM symbol_oos) AS o`,
      );
      assert.deepEqual(counts, [{ runs: 1, s: 3, f: 4, o: 8 }]);
      const rows = await loadUniverseRows(db, manifest.runId);
      assert.deepEqual(rows.map((r) => [r.symbol, r.dataHash, r.error]), [
        ["A", "h1", null],
        ["BAD", null, "Too little data"],
        ["B", "h2", null],
      ]);
      assert.equal(rows[0].runId, `${manifest.runId}/A`);
      assert.ok(Number.isNaN(rows[1].sharpe));
      assert.equal(rows[1].sanityViolations, 2);
      const b = await loadSymbolRun(db, manifest.runId, "B");
      assert.deepEqual(b.oos.dates, [
        "2020-01-08",
        "2020-01-09",
        "2020-01-10",
        "2020-01-11",
      ]);
      assert.deepEqual([...b.oos.positions], [1, -1, 0, 1]);
      assert.ok(Number.isNaN(b.oos.predictions[2])); // NaN stored as NULL
      assert.deepEqual(
        [...b.oos.equity],
        [1.01, 1.01 * 0.98, 1.01 * 0.98, 1.01 * 0.98 * 1.01],
      );
      assert.deepEqual(b.folds[0].coefficients, [0.1, -0.2]);
      assert.equal(b.folds[1].coefficients, null);
      assert.deepEqual(b.folds[1].importance, [0.1, 0.2]);
      assert.equal(b.folds[0].testStart, "2020-01-08");
      await assert.rejects(
        loadSymbolRun(db, manifest.runId, "Z"),
        /no such symbol/,
      );
    } finally {
      await db.close();
    }
  });
}

/** Outcome A with its out-of-sample days at intraday and pre-1970 instants. */
function intraday(): SymbolOutcome {
  const a = outcome("A", 1);
  const times = Float64Array.of(
    Date.parse("1969-12-31T23:59:59.999Z"),
    Date.parse("1969-07-20T20:17:40.000Z"),
    Date.parse("2020-03-09T14:30:00.001Z"),
    Date.parse("2020-03-10T00:00:00.000Z"),
  ).sort();
  return { ...a, run: { ...a.run!, oos: { ...a.run!.oos, times } } };
}

for (const engine of ["native", "wasm"] as const) {
  Deno.test(`saveUniverseRun() stores bar times as day and ms_in_day, every instant exact [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const a = intraday();
      await saveUniverseRun(db, manifest, [a], { symbolCount: 1 });
      const rows = await db.query(
        "SELECT day, ms_in_day FROM symbol_oos ORDER BY day, ms_in_day",
      );
      assert.deepEqual(rows, [
        { day: -165, ms_in_day: 73_060_000 },
        { day: -1, ms_in_day: 86_399_999 },
        { day: 18_330, ms_in_day: 52_200_001 },
        { day: 18_331, ms_in_day: 0 },
      ]);
      const back = await loadSymbolRun(db, manifest.runId, "A");
      assert.deepEqual(
        back.oos.dates,
        [...a.run!.oos.times].map((t) => new Date(t).toISOString()),
      );
      assert.deepEqual(back.oos.returns, a.run!.oos.returns);
    } finally {
      await db.close();
    }
  });

  Deno.test(`loadSymbolRun() reads an older store's symbol_oos (run_id, ts TIMESTAMP) before any save converts it [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const a = intraday(), b = outcome("B", 2);
      await saveUniverseRun(db, manifest, [a, b], { symbolCount: 2 });
      const before = [
        await loadSymbolRun(db, manifest.runId, "A"),
        await loadSymbolRun(db, manifest.runId, "B"),
      ];
      await db.exec(
        `CREATE TABLE old_oos AS SELECT k.run_id, o.sym,
           make_timestamp(((o.day::BIGINT * 86400000 + o.ms_in_day) * 1000)::BIGINT)
             AS ts, o.prediction, o.position, o.ret
         FROM symbol_oos o JOIN universe_run_keys k USING (run)`,
      );
      await db.exec("DROP TABLE symbol_oos");
      await db.exec("DROP TABLE universe_run_keys");
      await db.exec("ALTER TABLE old_oos RENAME TO symbol_oos");
      assert.deepEqual(
        [
          await loadSymbolRun(db, manifest.runId, "A"),
          await loadSymbolRun(db, manifest.runId, "B"),
        ],
        before,
      );
    } finally {
      await db.close();
    }
  });

  Deno.test(`saveUniverseRun() converts an older store's symbol_oos (run_id, ts TIMESTAMP) once, rows unchanged [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const a = intraday(), b = outcome("B", 2);
      const first = { ...manifest, runId: `${manifest.runId}-0` };
      await saveUniverseRun(db, first, [b, a], { symbolCount: 2 });
      await saveUniverseRun(db, manifest, [a, b], { symbolCount: 2 });
      const before = [
        await loadSymbolRun(db, manifest.runId, "A"),
        await loadSymbolRun(db, manifest.runId, "B"),
      ];
      // rewrite the table as the previous layout stored it
      await db.exec(
        `CREATE TABLE old_oos AS SELECT k.run_id, o.sym,
           make_timestamp(((o.day::BIGINT * 86400000 + o.ms_in_day) * 1000)::BIGINT)
             AS ts, o.prediction, o.position, o.ret
         FROM symbol_oos o JOIN universe_run_keys k USING (run)`,
      );
      await db.exec("DROP TABLE symbol_oos");
      await db.exec("DROP TABLE universe_run_keys");
      await db.exec("ALTER TABLE old_oos RENAME TO symbol_oos");
      const other = { ...manifest, runId: `${manifest.runId}-2` };
      await saveUniverseRun(db, other, [b], { symbolCount: 1 });
      // the converted table has the columns and types of a new store's
      const fresh = await openDb({ engine, path: ":memory:" });
      const columns = (x: typeof db) =>
        x.query(
          `SELECT column_name, data_type, is_nullable FROM information_schema.columns
           WHERE table_name = 'symbol_oos' ORDER BY ordinal_position`,
        );
      try {
        await saveUniverseRun(fresh, other, [b], { symbolCount: 1 });
        assert.deepEqual(await columns(db), await columns(fresh));
      } finally {
        await fresh.close();
      }
      assert.deepEqual(
        [
          await loadSymbolRun(db, manifest.runId, "A"),
          await loadSymbolRun(db, manifest.runId, "B"),
        ],
        before,
      );
      assert.deepEqual(
        (await loadSymbolRun(db, other.runId, "B")).oos,
        before[1].oos,
      );
      assert.deepEqual(
        (await loadSymbolRun(db, first.runId, "A")).oos,
        before[0].oos,
      );
      const keys = await db.query(
        "SELECT run_id, run FROM universe_run_keys ORDER BY run",
      );
      assert.deepEqual(keys, [
        { run_id: manifest.runId, run: 1 },
        { run_id: first.runId, run: 2 },
        { run_id: other.runId, run: 3 },
      ]);
    } finally {
      await db.close();
    }
  });
}

Deno.test("saveUniverseRun() stores out-of-sample days left out of memory from a source, the same rows; a source short of days stores nothing", async () => {
  const db = await openDb({ engine: "native", path: ":memory:" });
  const all = (id: string) =>
    db.query(
      `SELECT o.* EXCLUDE (run) FROM symbol_oos o JOIN universe_run_keys k USING (run)
       WHERE k.run_id = $id ORDER BY sym, day, ms_in_day`,
      { id },
    );
  try {
    const outcomes = [outcome("A", 1), failed, outcome("B", 2)];
    await saveUniverseRun(db, manifest, outcomes, { symbolCount: 3 });
    const held = await all(manifest.runId);
    const other = { ...manifest, runId: `${manifest.runId}-src` };
    const light = outcomes.map((o) =>
      o.run ? { ...o, run: withoutOosDays(o.run) } : o
    );
    assert.equal(light[2].run!.oos.times.length, 0);
    assert.equal(oosDayCount(light[2].run!), 4);
    // any order, one symbol at a time
    const source = (days: number) =>
      async function* () {
        for (const sym of [2, 0]) {
          const o = outcomes[sym].run!.oos;
          yield {
            sym,
            oos: {
              times: o.times.subarray(0, days),
              predictions: o.predictions.subarray(0, days),
              positions: o.positions.subarray(0, days),
              returns: o.returns.subarray(0, days),
            },
          };
        }
      };
    await saveUniverseRun(db, other, light, { symbolCount: 3 }, source(4));
    assert.deepEqual(await all(other.runId), held);
    const [row] = await db.query<{ oos_days: number }>(
      "SELECT oos_days FROM symbol_runs WHERE run_id = $id AND sym = 2",
      { id: other.runId },
    );
    assert.equal(row.oos_days, 4);
    const third = { ...manifest, runId: `${manifest.runId}-short` };
    await assert.rejects(
      saveUniverseRun(db, third, light, { symbolCount: 3 }, source(3)),
      /Cannot save run .*-short: A has 4 out-of-sample days, 3 were given to store/,
    );
    const [{ n }] = await db.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM runs WHERE run_id = $id) + (SELECT count(*) FROM symbol_oos o JOIN universe_run_keys k USING (run) WHERE k.run_id = $id) + (SELECT count(*) FROM symbol_runs WHERE run_id = $id) AS n",
      { id: third.runId },
    );
    assert.equal(Number(n), 0);
  } finally {
    await db.close();
  }
});
