import assert from "node:assert/strict";
import { runWalkForward, w1Config } from "../../lib/walkforward/mod.ts";
import { buildManifest, hashBars } from "../../lib/_shared/manifest.ts";
import {
  latestRun,
  listRuns,
  loadRun,
  saveComparison,
  saveRun,
} from "../../lib/store/mod.ts";
import { openDb, readSampleBars } from "../../lib/data/mod.ts";

/** The run store works the same on both DuckDB engines. */
const ENGINES = ["native", "wasm"] as const;

const bars = await readSampleBars("AAPL");
const result = runWalkForward(bars, w1Config);
const manifest = (startedAt: string) =>
  buildManifest({
    kind: "walkforward",
    config: { ...w1Config, symbol: "AAPL" },
    dataHash: hashBars(bars),
    codeVersion: "0.1.0+test",
    seed: 42,
    startedAt,
    endedAt: startedAt,
    timings: { total: 0.01 },
  });

for (const engine of ENGINES) {
  Deno.test(`saveRun() and loadRun() round-trip a run bit for bit [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const m = manifest("2026-01-01T00:00:00.000Z");
      await saveRun(db, m, result, { extraMetrics: { note: "x" } });
      const back = await loadRun(db, m.runId);
      assert.deepEqual(back.manifest, JSON.parse(JSON.stringify(m)));
      assert.equal(back.summary.symbol, "AAPL");
      assert.equal(back.summary.metrics.note, "x");
      assert.equal(back.summary.metrics.sharpe, result.metrics.sharpe);
      assert.equal(back.folds.length, result.folds.length);
      assert.equal(back.folds[0].testStart, result.folds[0].testStartDate);
      assert.deepEqual(
        back.folds[3].coefficients?.coefficients,
        result.folds[3].coefficients,
      );
      assert.deepEqual(back.oos.dates, result.oos.dates);
      assert.deepEqual(back.oos.predictions, result.oos.predictions);
      assert.deepEqual(back.oos.positions, result.oos.positions);
      assert.deepEqual(back.oos.returns, result.oos.returns);
      assert.deepEqual(back.oos.equity, result.oos.equity);
    } finally {
      await db.close();
    }
  });
}

for (const engine of ENGINES) {
  Deno.test(`saveRun() replaces a run saved twice and latestRun()/listRuns() order by start [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const a = manifest("2026-01-01T00:00:00.000Z");
      const b = manifest("2026-02-01T00:00:00.000Z");
      await saveRun(db, a, result);
      await saveRun(db, a, result);
      await saveRun(db, b, result);
      const runs = await listRuns(db);
      assert.deepEqual(runs.map((r) => r.runId), [b.runId, a.runId]);
      assert.equal(
        (await latestRun(db, { symbol: "AAPL" }))?.manifest.runId,
        b.runId,
      );
      assert.equal(await latestRun(db, { symbol: "MSFT" }), null);
      assert.equal(await latestRun(db, { kind: "train" }), null);
      const n = await db.query("SELECT count(*) AS n FROM oos");
      assert.equal(n[0].n, 2 * result.oos.dates.length);
      // same config and data: the run ids differ only by the start stamp
      assert.equal(a.runId.slice(-8), b.runId.slice(-8));
    } finally {
      await db.close();
    }
  });
}

for (const engine of ENGINES) {
  Deno.test(`saveRun() is all or nothing and loadRun() names a missing run [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const m = manifest("2026-01-01T00:00:00.000Z");
      const broken = {
        ...result,
        oos: { ...result.oos, dates: result.oos.dates.map(() => "same") },
      };
      await assert.rejects(() => saveRun(db, m, broken), /Cannot save run/);
      assert.deepEqual(await listRuns(db), []);
      await assert.rejects(() => loadRun(db, "nope"), /Cannot load run "nope"/);
    } finally {
      await db.close();
    }
  });
}

for (const engine of ENGINES) {
  Deno.test(`saveComparison() stores one multi-symbol row listed with the runs [${engine}]`, async () => {
    const db = await openDb({ engine, path: ":memory:" });
    try {
      const m = buildManifest({
        kind: "multi-symbol",
        config: { symbols: ["AAPL"] },
        dataHash: hashBars(bars),
        codeVersion: "0.1.0+test",
        seed: 42,
        startedAt: "2026-01-03T00:00:00.000Z",
        endedAt: "2026-01-03T00:00:00.000Z",
        timings: {},
      });
      const row = {
        symbol: "AAPL",
        runId: "walkforward-x",
        sharpe: NaN,
        totalReturn: 0.1,
        maxDrawdown: -0.2,
        hitRate: 0.5,
        winRate: 0.4,
        folds: 12,
      };
      await saveComparison(db, m, [row]);
      await saveComparison(db, m, [row]);
      const runs = await listRuns(db);
      assert.equal(runs.length, 1);
      assert.equal(runs[0].kind, "multi-symbol");
      assert.equal(runs[0].symbol, null);
      assert.deepEqual(runs[0].metrics, {
        symbols: [{ ...row, sharpe: null }],
      });
    } finally {
      await db.close();
    }
  });
}
