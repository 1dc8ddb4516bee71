/**
 * The arquero forms of the lib readers (lib/report/frames.ts): each frame holds the same
 * values as the reader's rows, typed arrays are shared (no copy), number columns are
 * Float64Arrays, and a frame shows through the one renderer with its columns' units.
 */
import assert from "node:assert/strict";
import {
  columnsFrame,
  columnTitle,
  escape,
  foldsFrame,
  frameCells,
  frameHtml,
  frameNumbers,
  importanceFrame,
  journalFrame,
  oosFrame,
  op,
  paperEquityFrame,
  rowsFrame,
  runsFrame,
  stressFrame,
  trialsFrame,
} from "../../lib/report/mod.ts";
import {
  listRuns,
  loadImportanceHistory,
  loadRun,
  optimizeRecords,
  readFeatureImportanceRows,
  readJournal,
  readLatestOptimize,
  readLatestStress,
  readPaperEquity,
} from "../../lib/store/mod.ts";
import { optimizeWalkForward } from "../../lib/optimize/mod.ts";
import {
  memoryDb,
  seedMl,
  seedOptimize,
  seedPaper,
  seedStress,
  seedWalkForward,
} from "./_fixtures.ts";

const FOLD_SHARPES = [1.2, -0.4, 0.7];

Deno.test("runs, folds and out-of-sample frames hold the stored run's values", async () => {
  const db = await memoryDb();
  try {
    const id = await seedWalkForward(db, {
      symbol: "SP500",
      foldSharpes: FOLD_SHARPES,
      maxDrawdown: -0.12,
      sharpe: 0.5,
      winRate: 0.55,
    });
    const runs = runsFrame(await listRuns(db));
    assert.deepEqual(runs.array("runId"), [id]);
    assert.equal(runs.get("sharpe", 0), 0.5);
    assert.equal(runs.get("winRate", 0), 0.55);
    assert.equal(runs.get("maxDrawdown", 0), -0.12);
    assert.ok(runs.column("trades") instanceof Float64Array);

    const run = await loadRun(db, id);
    const folds = foldsFrame(run.folds);
    assert.equal(folds.numRows(), 3);
    assert.deepEqual(frameNumbers(folds, "fold"), [0, 1, 2]);
    assert.deepEqual(frameNumbers(folds, "sharpe"), FOLD_SHARPES);
    assert.deepEqual(
      frameNumbers(folds, "maxDrawdown"),
      run.folds.map((f) => f.metrics.maxDrawdown as number),
    );
    assert.deepEqual(
      folds.array("testStart"),
      run.folds.map((f) => f.testStart),
    );
    // coefficients are an object per fold: JSON text, not spread
    assert.equal(typeof folds.get("coefficients", 0), "string");
    // arquero verbs on the reader's numbers
    assert.equal(folds.filter((d) => d.sharpe > 0).numRows(), 2);
    const mean = folds.rollup({ m: (d) => op.mean(d.sharpe) }).get("m", 0);
    assert.ok(Math.abs(mean - 1.5 / 3) < 1e-12);

    const oos = oosFrame(run.oos);
    assert.equal(oos.numRows(), 140);
    assert.equal(oos.column("ret"), run.oos.returns);
    assert.equal(oos.column("equity"), run.oos.equity);
    assert.equal(oos.column("position"), run.oos.positions);
    assert.equal(oos.column("prediction"), run.oos.predictions);
    assert.deepEqual(oos.array("date"), run.oos.dates);
  } finally {
    await db.close();
  }
});

Deno.test("the importance frame is the stored importance history, one row per run, fold and feature", async () => {
  const db = await memoryDb();
  try {
    await seedMl(db);
    const history = await loadImportanceHistory(db);
    const t = importanceFrame(history);
    const run = history[0];
    assert.equal(t.numRows(), run.features.length * run.records.length);
    for (const [i, rec] of run.records.entries()) {
      const rows = t.filter(
        escape((d: { fold: number }) => d.fold === rec.fold),
      );
      assert.deepEqual(rows.array("feature"), run.features);
      assert.deepEqual(
        frameNumbers(rows, "importance"),
        Array.from(rec.importance),
      );
      assert.deepEqual(frameNumbers(rows, "sign"), Array.from(rec.sign));
      assert.deepEqual(
        frameNumbers(rows, "permutation").map((v) =>
          Number.isNaN(v) ? null : v
        ),
        run.permutation[i].map((v) => (Number.isNaN(v) ? null : v)),
      );
    }
    assert.ok(t.column("importance") instanceof Float64Array);
  } finally {
    await db.close();
  }
});

Deno.test("the stress frame holds the stored rows; a NULL number is NaN", async () => {
  const db = await memoryDb();
  try {
    await seedStress(db);
    const rows = await readLatestStress(db);
    const t = stressFrame(rows);
    assert.equal(t.numRows(), 3);
    assert.deepEqual(t.array("scenario"), rows.map((r) => r.scenario));
    assert.ok(t.column("pnl") instanceof Float64Array);
    assert.deepEqual(frameNumbers(t, "pnl").slice(0, 2), [-0.3391, -0.45]);
    assert.ok(Number.isNaN(t.get("pnl", 2)));
    assert.equal(rows[2].pnl, null);
    assert.deepEqual(t.column("days"), Float64Array.from(rows, (r) => r.days));
  } finally {
    await db.close();
  }
});

Deno.test("journal frames hold the journal rows; the equity frame shares the reader's arrays", async () => {
  const db = await memoryDb();
  try {
    await seedPaper(db, "paper-test");
    for (const table of ["orders", "fills", "alerts", "events"] as const) {
      const rows = await readJournal(db, table, "paper-test");
      const t = journalFrame(rows);
      assert.equal(t.numRows(), rows.length, table);
      if (rows.length === 0) continue;
      assert.deepEqual(t.columnNames(), Object.keys(rows[0]), table);
      for (const name of t.columnNames()) {
        const want = rows.map((r) => r[name]);
        const got = Array.from(t.array(name));
        if (want.every((v) => typeof v === "number" || v === null)) {
          assert.deepEqual(
            got.map((v) => (Number.isNaN(v) ? null : v)),
            want,
            `${table}.${name}`,
          );
        } else {
          assert.deepEqual(got, want, `${table}.${name}`);
        }
      }
    }
    const e = await readPaperEquity(db, "paper-test");
    const eq = paperEquityFrame(e);
    assert.equal(eq.numRows(), e.dates.length);
    assert.equal(eq.column("equity"), e.equity);
    assert.equal(eq.column("drawdown"), e.drawdown);
    assert.deepEqual(eq.array("halted"), e.halted);
  } finally {
    await db.close();
  }
});

Deno.test("the trials frame holds a search's trials, stored or in memory", () => {
  const close = Float64Array.from(
    { length: 400 },
    (_, i) => 100 + Math.sin(i / 7) + i / 50,
  );
  const bars = {
    symbol: "X",
    dates: Array.from({ length: 400 }, (_, i) => `d${1000 + i}`),
    open: close,
    high: close,
    low: close,
    close,
    volume: close,
  };
  const r = optimizeWalkForward(bars, {
    strategy: "rsi",
    train: 200,
    test: 100,
    partitions: 4,
  });
  const live = trialsFrame(r.trials);
  assert.equal(live.numRows(), r.trials.length);
  assert.ok(!live.columnNames().includes("testReturns"));
  assert.deepEqual(
    live.array("params"),
    r.trials.map((t) => JSON.stringify(t.params)),
  );
  assert.deepEqual(
    frameNumbers(live, "testSharpe"),
    r.trials.map((t) => t.testSharpe),
  );
  const stored = trialsFrame(
    optimizeRecords(r, {
      runId: "optimize-x",
      symbols: ["X"],
      config: {},
      dataHash: "0",
    }).trials,
  );
  assert.equal(stored.numRows(), r.trials.length);
  assert.deepEqual(
    stored.array("selected"),
    r.trials.map((t) => t.selected),
  );
  assert.equal(
    stored.filter((d) => d.selected).numRows(),
    r.folds.length,
  );
});

Deno.test("rowsFrame: a spread key that is already a column keeps its prefix; series are left out", () => {
  const t = rowsFrame([
    { days: 10, metrics: { days: 9, sharpe: 1 }, series: [1, 2] },
  ]);
  assert.deepEqual(t.columnNames(), ["days", "metrics.days", "sharpe"]);
  assert.equal(t.get("metrics.days", 0), 9);
});

Deno.test("columnsFrame refuses columns of different lengths, naming the column", () => {
  assert.throws(
    () => columnsFrame({ a: [1, 2], b: Float64Array.of(1) }),
    /column "b" has 1 values, expected 2 like "a"/,
  );
});

Deno.test("frameHtml shows counts as integers, returns as percents and ratios to 2 decimals, with titles in words", () => {
  const t = columnsFrame({
    symbol: ["SP500"],
    days: [4599],
    totalReturn: [-0.3731],
    sharpe: [-0.0512],
    halted: [true],
  });
  const html = frameHtml(t);
  assert.ok(html.includes(">4,599</td>"));
  assert.ok(html.includes(">-37.31%</td>"));
  assert.ok(html.includes(">-0.05</td>"));
  assert.ok(html.includes(">yes</td>"));
  assert.ok(html.includes(">total return</th>"));
  assert.deepEqual(frameCells(t), [["SP500", 4599, -0.3731, -0.0512, "yes"]]);
  assert.equal(columnTitle("annualVolatility"), "annual volatility");
  assert.throws(() => frameNumbers(t, "nope"), /has symbol, days/);
});

Deno.test("rowsFrame takes the other row readers as they are (optimize runs, feature importance rows)", async () => {
  const db = await memoryDb();
  try {
    await seedOptimize(db);
    const runs = await readLatestOptimize(db);
    const t = rowsFrame(runs);
    assert.equal(t.numRows(), runs.length);
    assert.ok(t.column("oos_sharpe") instanceof Float64Array);
    assert.deepEqual(
      frameNumbers(t, "oos_sharpe"),
      runs.map((r) => r.oos_sharpe),
    );
    assert.deepEqual(t.array("strategy"), runs.map((r) => r.strategy));
    await seedMl(db);
    const rows = await readFeatureImportanceRows(db);
    const imp = rowsFrame(rows);
    assert.equal(imp.numRows(), rows.length);
    assert.deepEqual(
      frameNumbers(imp, "importance"),
      rows.map((r) => Number(r.importance)),
    );
  } finally {
    await db.close();
  }
});
