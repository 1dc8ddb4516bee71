import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import {
  blockBootstrapBars,
  CONTROL_KINDS,
  randomWalkBars,
  runControls,
  runWalkForward,
  shiftedLabels,
  shuffledLabels,
  w1Config,
} from "../../lib/walkforward/mod.ts";

const sp = await readSampleBars("SP500");
const aapl = await readSampleBars("AAPL");

Deno.test("runControls() shows no edge on real data: shuffled and block-shifted labels, bootstrapped signals and random walks, every one gated", () => {
  for (const bars of [sp, aapl]) {
    const c = runControls(bars, w1Config, { seeds: [1, 2, 3, 4, 5, 6] });
    assert.equal(c.runs.length, 6 * CONTROL_KINDS.length);
    for (const r of c.runs) {
      assert.ok(r.gated, `${r.kind} is gated`);
      assert.ok(Number.isFinite(r.tStat), `${r.kind} ${r.seed}: t ${r.tStat}`);
      assert.ok(
        Math.abs(r.tStat) < 3,
        `${bars.symbol} ${r.kind} seed ${r.seed} shows an edge: Sharpe ${r.sharpe}, t ${r.tStat}`,
      );
    }
    assert.equal(c.noEdge, true);
  }
});

/** Bars whose daily returns follow an AR(1) with phi 0.3: yesterday's return predicts today's. */
function autocorrelatedBars(n: number, seed: number): Bars {
  const z = createNormal(createRng(seed));
  const close = new Float64Array(n);
  let p = 100, r = 0;
  for (let t = 0; t < n; t++) {
    r = 0.3 * r + 0.01 * z();
    close[t] = p *= Math.exp(r);
  }
  const dates = Array.from(
    { length: n },
    (_, t) => new Date(Date.UTC(2001, 0, 1 + t)).toISOString().slice(0, 10),
  );
  return {
    symbol: "AR1",
    dates,
    open: close,
    high: close,
    low: close,
    close,
    volume: Float64Array.from(
      { length: n },
      (_, t) => 1e6 * (1.5 + Math.sin(t * 0.7)),
    ),
  };
}

Deno.test("runControls() stays at zero edge where the run itself has a real edge: the controls do not mirror the run", () => {
  const bars = autocorrelatedBars(3000, 9);
  const run = runWalkForward(bars, w1Config);
  const t = (run.metrics.sharpe / Math.sqrt(252)) * Math.sqrt(run.metrics.days);
  assert.ok(t > 5, `the run finds the planted edge: t ${t}`);
  const c = runControls(bars, w1Config, { seeds: [1, 2, 3] });
  for (const r of c.runs) {
    assert.ok(Math.abs(r.tStat) < 3, `${r.kind} ${r.seed}: t ${r.tStat}`);
  }
  // signals from a bootstrapped path learn the same AR(1) but trade it on another path
  const boot = runWalkForward(blockBootstrapBars(bars, 1), w1Config);
  assert.ok(
    boot.metrics.sharpe > 1,
    "the bootstrapped path keeps the dependence",
  );
});

Deno.test("runControls() fails closed: a threshold no run can meet fails the verdict", () => {
  const strict = runControls(aapl, w1Config, { seeds: [1], maxAbsT: 0 });
  assert.equal(strict.noEdge, false);
});

Deno.test("shiftedLabels() shifts every label by the same seeded block of at least minShift rows", () => {
  const y = Float64Array.from({ length: 2000 }, (_, i) => (i === 7 ? NaN : i));
  const s = shiftedLabels(y, 4);
  assert.ok(Number.isNaN(s[7]));
  const lab = [...y.keys()].filter((i) => i !== 7);
  const m = lab.length;
  const pos = new Map(lab.map((t, i) => [t, i]));
  const k = (pos.get(s[0])! - pos.get(0)! + m) % m;
  assert.ok(k >= 252 && k < m - 252, `shift ${k}`);
  lab.forEach((t, i) => assert.equal(s[t], y[lab[(i + k) % m]]));
  assert.deepEqual(shiftedLabels(y, 4), s);
  assert.notDeepEqual(shiftedLabels(y, 5), s);
  assert.throws(() => shiftedLabels(y.slice(0, 400), 1), /at least 252 rows/);
});

Deno.test("blockBootstrapBars() resamples blocks of 21 real returns, seeded, with the real dates and first close", () => {
  const b = blockBootstrapBars(sp, 3);
  assert.deepEqual(b.dates, sp.dates);
  assert.equal(b.close[0], sp.close[0]);
  assert.deepEqual(blockBootstrapBars(sp, 3).close, b.close);
  const real = new Set<string>();
  for (let t = 1; t < sp.close.length; t++) {
    real.add(Math.log(sp.close[t] / sp.close[t - 1]).toPrecision(10));
  }
  for (let t = 1; t < b.close.length; t++) {
    const r = Math.log(b.close[t] / b.close[t - 1]).toPrecision(10);
    assert.ok(real.has(r), `day ${t}: ${r} is not a real return`);
  }
  // inside a block the returns are consecutive real returns
  const lr = (c: Float64Array, t: number) => Math.log(c[t + 1] / c[t]);
  const first = Array.from({ length: sp.close.length - 1 }, (_, t) => t)
    .find((t) => Math.abs(lr(sp.close, t) - lr(b.close, 0)) < 1e-15)!;
  for (let j = 1; j < 21; j++) {
    assert.ok(Math.abs(lr(b.close, j) - lr(sp.close, first + j)) < 1e-12);
  }
});

Deno.test("control data generators are seeded, shape-preserving and do not mutate", () => {
  const close = sp.close.slice();
  const a = randomWalkBars(sp, 3), b = randomWalkBars(sp, 3);
  assert.deepEqual(a.close, b.close);
  assert.notDeepEqual(randomWalkBars(sp, 4).close, a.close);
  assert.equal(a.close.length, sp.close.length);
  assert.equal(a.close[0], sp.close[0]);
  const y = new Float64Array([0.1, 0.2, 0.3, 0.4, NaN]);
  const s = shuffledLabels(y, 1);
  assert.deepEqual(Array.from(s.subarray(0, 4)).sort(), [0.1, 0.2, 0.3, 0.4]);
  assert.deepEqual(shuffledLabels(y, 1), s);
  blockBootstrapBars(sp, 1);
  assert.deepEqual(sp.close, close);
});
