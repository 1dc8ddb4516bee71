import assert from "node:assert/strict";
import {
  backtestOverfitting,
  deflatedSharpe,
  normalInv,
  selectionBias,
} from "../../lib/optimize/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(new URL("../golden/selection.json", import.meta.url)),
);
const cols = (golden.columns as number[][]).map((c) => Float64Array.from(c));

Deno.test("deflatedSharpe() matches the plain-python golden", () => {
  const d = deflatedSharpe(cols[2], golden.trialSharpes);
  assert.ok(Math.abs(d.sharpe - golden.dsr.sharpe) < 1e-12);
  assert.ok(
    Math.abs(d.expectedMaxSharpe - golden.dsr.expectedMaxSharpe) < 1e-8,
  );
  assert.ok(
    Math.abs(d.dsr - golden.dsr.dsr) < 1e-6,
    `${d.dsr} vs ${golden.dsr.dsr}`,
  );
  assert.equal(d.trials, 5);
});

Deno.test("backtestOverfitting() matches the plain-python CSCV golden", () => {
  const r = backtestOverfitting(cols, { partitions: 6 });
  assert.equal(r.splits, 20);
  assert.equal(r.pbo, golden.pbo6.pbo);
  // the same 20 splits; lib/metrics enumerates them in another order than itertools
  const mine = Array.from(r.logits).sort((a, b) => a - b);
  const want = [...golden.pbo6.logits as number[]].sort((a, b) => a - b);
  for (let i = 0; i < 20; i++) {
    assert.ok(Math.abs(mine[i] - want[i]) < 1e-12);
  }
});

Deno.test("backtestOverfitting() rejects odd partitions and too few rows", () => {
  assert.throws(() => backtestOverfitting(cols, { partitions: 5 }), /even/);
  assert.throws(
    () => backtestOverfitting([cols[0].slice(0, 10), cols[1].slice(0, 10)]),
    /rows/,
  );
});

Deno.test("normalInv() inverts known quantiles", () => {
  assert.ok(Math.abs(normalInv(0.5)) < 1e-12);
  assert.ok(Math.abs(normalInv(0.01) + 2.3263478740408408) < 1e-8);
  assert.ok(Math.abs(normalInv(0.999) - 3.090232306167813) < 1e-8);
  assert.equal(normalInv(0), -Infinity);
  assert.throws(() => normalInv(1.5), RangeError);
});

Deno.test("selectionBias() picks the hindsight-best and deflates it against zero and against the benchmark like the plain-python golden", () => {
  const g = golden.selectionBias;
  const b = selectionBias(cols, Float64Array.from(golden.benchmark), {
    partitions: 6,
  });
  assert.equal(b.bestIndex, g.best);
  for (const [mine, want] of [[b.best, g.zero], [b.excess, g.excess]]) {
    assert.ok(Math.abs(mine.sharpe - want.sharpe) < 1e-12);
    assert.ok(Math.abs(mine.expectedMaxSharpe - want.expectedMaxSharpe) < 1e-8);
    assert.ok(
      Math.abs(mine.dsr - want.dsr) < 1e-6,
      `${mine.dsr} vs ${want.dsr}`,
    );
    assert.equal(mine.trials, 5);
  }
  assert.ok(Math.abs(b.benchmarkSharpe - g.benchmarkSharpe) < 1e-12);
  assert.equal(b.pbo?.pbo, golden.pbo6.pbo);
});
