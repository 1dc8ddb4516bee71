import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import {
  barsDataset,
  compareModels,
  DATASET_FEATURES,
  foldDrift,
  runTraining,
  spearman,
  summariseOos,
} from "../../lib/ml/mod.ts";
import { readSampleBars } from "../../lib/data/mod.ts";
import { randomWalkBars } from "../../lib/walkforward/mod.ts";

function randomBars(n: number, seed: number): Bars {
  const z = createNormal(createRng(seed));
  const close = new Float64Array(n), volume = new Float64Array(n);
  let c = 100;
  for (let i = 0; i < n; i++) {
    close[i] = c *= Math.exp(0.01 * z());
    volume[i] = 1e6 * Math.exp(0.3 * z());
  }
  return {
    symbol: "RW",
    dates: Array.from(
      { length: n },
      (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10),
    ),
    open: close.slice(),
    high: close.map((v) => v * 1.01),
    low: close.map((v) => v * 0.99),
    close,
    volume,
  };
}

Deno.test("barsDataset() features at t ignore bars after t; the label is the next return", () => {
  const bars = randomBars(400, 1);
  const d = barsDataset(bars);
  assert.deepEqual(d.names, [...DATASET_FEATURES]);
  assert.equal(d.names[0], "ret_1");
  // dist_sma200 is the longest lookback (199 prior bars); the last bar has no label
  assert.equal(d.dates[0], bars.dates[199]);
  assert.equal(d.x.rows, 400 - 199 - 1);
  assert.ok(
    Math.abs(d.y[0] - (bars.close[200] / bars.close[199] - 1)) < 1e-15,
  );
  assert.ok(
    Math.abs(d.x.data[0] - Math.log(bars.close[199] / bars.close[198])) <
      1e-15,
  );
  const t = 300,
    changed = {
      ...bars,
      close: bars.close.slice(),
      high: bars.high.slice(),
      low: bars.low.slice(),
      volume: bars.volume.slice(),
    };
  for (let i = t + 1; i < 400; i++) {
    changed.close[i] *= 1.5;
    changed.high[i] *= 1.5;
    changed.low[i] *= 1.5;
    changed.volume[i] *= 3;
  }
  const e = barsDataset(changed), row = t - 199, p = d.x.cols;
  assert.deepEqual(
    e.x.data.slice(0, (row + 1) * p),
    d.x.data.slice(0, (row + 1) * p),
  );
  assert.deepEqual(e.y.slice(0, row), d.y.slice(0, row)); // labels up to t-1 use closes <= t
  assert.throws(() => barsDataset(bars, { horizon: 0 }), RangeError);
});

Deno.test("runTraining() reports warm vs cold on the same folds and stability", () => {
  const d = barsDataset(randomBars(1100, 2));
  const r = runTraining(d, {
    model: "ridge",
    modelOptions: { lambda: 300 },
    trainLen: 300,
    testLen: 100,
    warmStart: true,
    permutationRepeats: 1,
  });
  assert.equal(r.fits.length, 5);
  assert.ok(r.warmEffect);
  assert.deepEqual(r.warmEffect.cold.folds, 5);
  assert.deepEqual(r.fits.map((f) => f.startedFrom), [
    "cold",
    "fold:0",
    "fold:1",
    "fold:2",
    "fold:3",
  ]);
  assert.deepEqual(r.warmStartFrom, []);
  // shrinking toward the previous fold moves coefficients less than shrinking toward zero
  assert.ok(
    r.warmEffect.warm.drift < r.warmEffect.cold.drift,
    `${r.warmEffect.warm.drift} vs ${r.warmEffect.cold.drift}`,
  );
  assert.equal(r.stability.features.length, DATASET_FEATURES.length);
  assert.equal(r.stability.pass, r.stability.stableShare > 0.7);
  const again = runTraining(d, {
    model: "ridge",
    modelOptions: { lambda: 300 },
    trainLen: 300,
    testLen: 100,
    warmStart: true,
    permutationRepeats: 1,
  });
  assert.deepEqual(
    again.fits.map((f) => f.checkpoint),
    r.fits.map((f) => f.checkpoint),
  );
  const second = runTraining(d, {
    model: "ridge",
    trainLen: 300,
    testLen: 100,
    warmStart: true,
    permutationRepeats: 1,
  }, {
    checkpoints: r.fits.map((f) => ({ ...f.checkpoint, runId: "first" })),
  });
  assert.deepEqual(second.warmStartFrom, ["first"]);
  assert.throws(
    () => runTraining(d, { model: "ridge", trainLen: 5000, testLen: 10 }),
    /no fold/,
  );
});

Deno.test("summariseOos() and foldDrift() on hand-made folds", () => {
  assert.ok(Number.isNaN(foldDrift([])));
  const s = summariseOos([]);
  assert.equal(s.n, 0);
  assert.ok(Number.isNaN(s.sharpe));
});

Deno.test("compareModels() ranks every model x selection on the same test rows", () => {
  const d = barsDataset(randomBars(900, 3));
  const rows = compareModels(d, {
    models: ["ridge", "logistic", "gbt"],
    selections: [{ kind: "none" }, { kind: "topk", k: 3 }],
    trainLen: 250,
    testLen: 100,
    modelOptions: { gbt: { nTrees: 10 } },
  });
  assert.equal(rows.length, 6);
  assert.deepEqual(rows.map((r) => r.rank), [1, 2, 3, 4, 5, 6]);
  for (const r of rows) assert.equal(r.oos.n, rows[0].oos.n);
  for (let i = 1; i < rows.length; i++) {
    assert.ok(!(rows[i].oos.sharpe > rows[i - 1].oos.sharpe));
  }
  assert.deepEqual(
    new Set(rows.map((r) => `${r.model}/${r.selection}`)).size,
    6,
  );
});

Deno.test("the OOS information coefficient has expectation zero on driftless random walks (40 seeds), and finds a planted signal", async () => {
  const sp = await readSampleBars("SP500");
  const ics: number[] = [];
  for (let seed = 1; seed <= 40; seed++) {
    const r = runTraining(barsDataset(randomWalkBars(sp, seed)), {
      model: "ridge",
      trainLen: 756,
      testLen: 126,
      permutationRepeats: 0,
    });
    ics.push(r.oos.rankIc);
  }
  const m = ics.reduce((a, b) => a + b, 0) / ics.length;
  const sd = Math.sqrt(
    ics.reduce((a, b) => a + (b - m) ** 2, 0) / (ics.length - 1),
  );
  const t = m / (sd / Math.sqrt(ics.length));
  assert.ok(Math.abs(t) < 3, `mean rank IC ${m} over 40 random walks, t ${t}`);
  // the pooled rank IC by hand on one run
  const r = runTraining(barsDataset(randomWalkBars(sp, 1)), {
    model: "ridge",
    trainLen: 756,
    testLen: 126,
    permutationRepeats: 0,
  });
  const p = r.fits.flatMap((f) => [...f.predictions]);
  const y = r.fits.flatMap((f) => [...f.yTest]);
  assert.equal(r.oos.rankIc, spearman(p, y));
  // a planted signal: y = 0.5 x0 + noise
  const n = 600, z = createNormal(createRng(4));
  const x = {
    data: Float64Array.from({ length: n * 2 }, () => z()),
    rows: n,
    cols: 2,
  };
  const yp = Float64Array.from(
    { length: n },
    (_, i) => 0.5 * x.data[i * 2] + z(),
  );
  const dates = Array.from(
    { length: n },
    (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
  );
  const planted = runTraining({
    x,
    y: yp,
    dates,
    names: ["a", "b"],
    horizon: 1,
  }, {
    model: "ridge",
    trainLen: 200,
    testLen: 100,
    permutationRepeats: 0,
  });
  assert.ok(planted.oos.rankIc > 0.3, `${planted.oos.rankIc}`);
});
