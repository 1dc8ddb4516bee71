/**
 * Every table family of lib/store round-trips through its writer and reader on both
 * DuckDB engines: one transaction per run (all or nothing), typed rows back, NaN stored
 * as NULL, the newest run chosen by its start time.
 */
import assert from "node:assert/strict";
import { openDb } from "../../lib/data/mod.ts";
import {
  optimizeRecords,
  portfolioRunRow,
  readLatestOptimize,
  readLatestPortfolio,
  readLatestPreflight,
  readLatestReconciliation,
  readLatestStrategyRuns,
  readLatestStress,
  readRows,
  readStrategyComponents,
  reconciliationRow,
  saveOptimizeRun,
  savePortfolioRun,
  savePreflightChecks,
  saveReconciliation,
  saveStrategiesRun,
  saveStressResults,
  strategyComponentRow,
  strategyRunRow,
  stressRecords,
  tableExists,
  withStore,
} from "../../lib/store/mod.ts";
import { optimizeWalkForward } from "../../lib/optimize/mod.ts";
import { walkForwardAllocation } from "../../lib/portfolio/mod.ts";
import { randomWalkBars } from "../strategies/_fixtures.ts";

const ENGINES = ["native", "wasm"] as const;

const stress = (pnl: number) => ({
  name: "covid",
  kind: "historical",
  start: "2020-02-19",
  end: "2020-03-23",
  days: 23,
  pnl,
  maxDrawdown: 0.34,
  worstDay: -0.12,
  worstDayDate: "2020-03-16",
  var: NaN,
  varBreaches: 3,
  limitBreaches: 1,
  breachRules: ["maxDrawdown"],
  killSwitchDate: "2020-03-12",
  skipped: "",
});

for (const engine of ENGINES) {
  Deno.test(`stress_results: the newest run comes back typed, NaN as null [${engine}]`, async () => {
    await withStore({ engine, path: ":memory:" }, async (db) => {
      assert.deepEqual(await readLatestStress(db), []);
      const meta = (runId: string) => ({
        runId,
        symbols: ["SP500", "AAPL"],
        weights: [0.6, 0.4],
        confidence: 0.99,
      });
      await saveStressResults(
        db,
        stressRecords([stress(-0.3)], meta("s-old")),
        "2026-01-01T00:00:00.000Z",
      );
      await saveStressResults(
        db,
        stressRecords([stress(-0.25)], meta("s-new")),
        "2026-01-02T00:00:00.000Z",
      );
      const [r] = await readLatestStress(db);
      assert.equal(r.run_id, "s-new");
      assert.equal(r.pnl, -0.25);
      assert.equal(r.var_1d, null);
      assert.equal(r.symbols, "SP500,AAPL");
      assert.equal(r.weights_json, "[0.6,0.4]");
      assert.match(r.created_at, /^2026-01-02/);
    });
  });

  Deno.test(`portfolio_runs and optimize_runs: one transaction per run, the newest read back [${engine}]`, async () => {
    await withStore({ engine, path: ":memory:" }, async (db) => {
      const bars = [randomWalkBars(600, 1), randomWalkBars(600, 2)];
      const n = bars[0].close.length - 1;
      const R = new Float64Array(n * 2);
      for (let t = 0; t < n; t++) {
        for (let j = 0; j < 2; j++) {
          R[t * 2 + j] = bars[j].close[t + 1] / bars[j].close[t] - 1;
        }
      }
      const res = walkForwardAllocation(
        { data: R, rows: n, cols: 2 },
        bars[0].dates.slice(1),
        { method: "equal", lookback: 100, rebalanceEvery: 21, costBps: 5 },
      );
      const row = portfolioRunRow(res, {
        runId: "pf-1",
        method: "equal",
        symbols: ["A", "B"],
        config: { lookback: 100 },
        dataHash: "h",
      });
      await savePortfolioRun(db, [row], "2026-01-01T00:00:00.000Z");
      const [back] = await readLatestPortfolio(db);
      assert.equal(back.method, "equal");
      assert.equal(back.sharpe, row.sharpe);
      assert.equal(back.total_return, row.total_return);
      assert.equal(back.weights_history_json, row.weights_history_json);

      const opt = optimizeWalkForward(bars[0], {
        strategy: "rsi",
        train: 200,
        test: 100,
        partitions: 4,
      });
      const rows = optimizeRecords(opt, {
        runId: "opt-1",
        symbols: ["A"],
        config: { strategy: "rsi" },
        dataHash: "h",
      });
      await saveOptimizeRun(db, rows, "2026-01-01T00:00:00.000Z");
      const [o] = await readLatestOptimize(db);
      assert.equal(o.run_id, "opt-1");
      assert.equal(o.n_trials, rows.trials.length);
      assert.equal(o.pbo, rows.run.pbo);
      const trials = await readRows<{ test_returns_json: string }>(
        db,
        "optimize_trials",
        "SELECT test_returns_json FROM optimize_trials ORDER BY fold, config_id",
      );
      assert.deepEqual(
        trials.map((t) => t.test_returns_json),
        rows.trials.map((t) => t.test_returns_json),
      );
      // all or nothing: a bad trial row rolls the run row back too
      const broken = {
        run: { ...rows.run, run_id: "opt-2" },
        trials: [{
          ...rows.trials[0],
          fold: "not a number" as unknown as number,
        }],
      };
      await assert.rejects(() =>
        saveOptimizeRun(db, broken, "2026-01-02T00:00:00.000Z")
      );
      assert.equal((await readLatestOptimize(db))[0].run_id, "opt-1");
    });
  });

  Deno.test(`strategy_runs, preflight_checks and reconciliations round-trip [${engine}]`, async () => {
    await withStore({ engine, path: ":memory:" }, async (db) => {
      const stats = {
        days: 250,
        sharpe: 0.5,
        annualReturn: 0.06,
        annualVolatility: 0.12,
        totalReturn: 0.06,
        maxDrawdown: -0.1,
      };
      const meta = {
        runId: "st-1",
        symbol: "SP500",
        config: { k: 1 },
        startedAt: "a",
        endedAt: "b",
        codeVersion: "v",
        dataHash: "h",
      };
      const runs = ["equal", "sharpe"].map((name) =>
        strategyRunRow({
          kind: "ensemble",
          name,
          stats,
          oosStart: "2019-01-02",
          oosEnd: "2019-12-31",
          folds: 1,
          regimeTransitions: null,
          detail: [],
        }, meta)
      );
      const components = [strategyComponentRow({
        method: "equal",
        component: "rsi",
        pnl: 0.1,
        share: NaN,
        meanWeight: 0.2,
        oosSharpe: 0.3,
      }, "st-1")];
      await saveStrategiesRun(
        db,
        { runs, components },
        "2026-01-01T00:00:00.000Z",
      );
      const back = await readLatestStrategyRuns(db, "ensemble", "SP500");
      assert.deepEqual(back.map((r) => r.name), ["equal", "sharpe"]);
      assert.equal(back[0].sharpe, 0.5);
      const comps = await readStrategyComponents(db, "st-1");
      assert.equal(comps[0].share, null);
      assert.equal(comps[0].mean_weight, 0.2);

      assert.deepEqual(await readLatestPreflight(db), []);
      await savePreflightChecks(db, [
        { name: "data present", ok: true, detail: "x" },
        { name: "clock sane", ok: false, detail: "y" },
      ], "2026-01-01T00:00:00.000Z");
      const checks = await readLatestPreflight(db);
      assert.deepEqual(checks.map((c) => [c.name, c.ok]), [
        ["data present", true],
        ["clock sane", false],
      ]);

      assert.equal(await tableExists(db, "reconciliations"), false);
      assert.equal(await readLatestReconciliation(db, "s"), null);
      const row = reconciliationRow({
        sessionId: "s",
        from: "2020-01-02",
        to: "2020-01-10",
        paperReturn: 0.01,
        backtest: {
          research: 0.02,
          timing: 0.015,
          slippage: 0.014,
          costs: 0.013,
          killSwitch: 0.013,
          sessionHalt: 0.013,
        },
        halt: null,
        backtestHalt: null,
        haltsDiffer: false,
        breakdown: {
          timing: -0.005,
          slippage: -0.001,
          commission: -0.001,
          killSwitch: 0,
          halt: 0,
          fillsAndOther: -0.003,
        },
        relativeDifference: 0.003,
        withinTarget: true,
        target: 0.05,
        maxDailyDeviation: 0.001,
      }, "2026-01-01T00:00:00.000Z");
      await saveReconciliation(db, row);
      const r = await readLatestReconciliation(db, "s");
      assert.equal(r?.within_target, true);
      assert.equal(r?.halt_date, null);
      assert.equal(r?.paper_return, 0.01);
      assert.equal(r?.cause_halt, 0);

      // a store written before the halt columns gains them; its old rows read NULL
      await db.exec("DROP TABLE reconciliations");
      await db.exec(
        `CREATE TABLE reconciliations (session_id VARCHAR, checked_at VARCHAR,
          from_date VARCHAR, to_date VARCHAR, paper_return DOUBLE, research DOUBLE,
          timing DOUBLE, slippage DOUBLE, costs DOUBLE, kill_switch DOUBLE,
          cause_timing DOUBLE, cause_slippage DOUBLE, cause_commission DOUBLE,
          cause_kill_switch DOUBLE, cause_fills_other DOUBLE, halt_date VARCHAR,
          relative_difference DOUBLE, target DOUBLE, within_target BOOLEAN,
          max_daily_deviation DOUBLE)`,
      );
      await db.exec(
        "INSERT INTO reconciliations (session_id, checked_at) VALUES ('old', '2025')",
      );
      await saveReconciliation(db, row);
      assert.equal(
        (await readLatestReconciliation(db, "old"))?.cause_halt,
        null,
      );
      assert.equal(
        (await readLatestReconciliation(db, "s"))?.session_halt,
        0.013,
      );
    });
  });
}

Deno.test("withStore() closes the store when the work throws", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/s.duckdb`;
    await assert.rejects(
      () =>
        withStore(path, async (db) => {
          await db.exec("CREATE TABLE t (x INTEGER)");
          throw new Error("boom");
        }),
      /boom/,
    );
    // closed: a second process-level open of the same file works
    const db = await openDb(path);
    assert.equal(await tableExists(db, "t"), true);
    await db.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
