import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import {
  forwardLogReturns,
  runWalkForward,
  W1_FEATURES,
  type WalkForwardConfig,
} from "../../lib/walkforward/mod.ts";

const sp = await readSampleBars("SP500");
const aapl = await readSampleBars("AAPL");
const base: WalkForwardConfig = {
  features: W1_FEATURES,
  train: 252,
  test: 63,
  costBps: 1,
};

function head(b: Bars, n: number): Bars {
  return {
    symbol: b.symbol,
    dates: b.dates.slice(0, n),
    open: b.open.slice(0, n),
    high: b.high.slice(0, n),
    low: b.low.slice(0, n),
    close: b.close.slice(0, n),
    volume: b.volume.slice(0, n),
  };
}

Deno.test("runWalkForward() never looks ahead: cutting the data changes no earlier OOS prediction or position", () => {
  const configs: WalkForwardConfig[] = [
    base,
    { ...base, anchored: true, gap: 5, stride: 70, labelHorizon: 3 },
    {
      ...base,
      position: {
        kind: "volTarget",
        targetVolAnnual: 0.1,
        windowDays: 20,
        cap: 2,
      },
    },
    { ...base, position: { kind: "threshold", threshold: 0.0005 } },
  ];
  for (const config of configs) {
    const full = runWalkForward(sp, config);
    const cut = runWalkForward(head(sp, 2500), config);
    const m = cut.oos.dates.length;
    assert.ok(m > 0 && m < full.oos.dates.length);
    assert.deepEqual(cut.oos.dates, full.oos.dates.slice(0, m));
    assert.deepEqual(cut.oos.predictions, full.oos.predictions.subarray(0, m));
    assert.deepEqual(cut.oos.positions, full.oos.positions.subarray(0, m));
    assert.deepEqual(cut.oos.returns, full.oos.returns.subarray(0, m));
    assert.deepEqual(
      cut.folds.map((f) => f.coefficients),
      full.folds.slice(0, cut.folds.length).map((f) => f.coefficients),
    );
  }
});

Deno.test("runWalkForward() fits each fold on its training rows only", () => {
  const y = forwardLogReturns(aapl.close, 1);
  const r0 = runWalkForward(aapl, base, { labels: y });
  const f0 = r0.folds[0];
  const y2 = y.slice();
  // labels of the first fold's test rows (and everything after) are not its training data
  for (let t = f0.testStart; t < y2.length - 1; t++) y2[t] = -y2[t] * 3;
  const r1 = runWalkForward(aapl, base, { labels: y2 });
  assert.deepEqual(
    r1.oos.predictions.subarray(0, 63),
    r0.oos.predictions.subarray(0, 63),
  );
  assert.notDeepEqual(
    r1.oos.predictions.subarray(63, 126),
    r0.oos.predictions.subarray(63, 126),
  );
  // a label inside the training window does change the fold
  const y3 = y.slice();
  y3[f0.trainEnd - 1] += 0.05;
  const r3 = runWalkForward(aapl, base, { labels: y3 });
  assert.notDeepEqual(
    r3.oos.predictions.subarray(0, 63),
    r0.oos.predictions.subarray(0, 63),
  );
});

Deno.test("runWalkForward() starts flat and keeps positions continuous across folds", () => {
  const r = runWalkForward(aapl, base);
  const { positions: p, returns: s, rows } = r.oos;
  for (let i = 0; i < p.length; i++) {
    const fwd = aapl.close[rows[i] + 1] / aapl.close[rows[i]] - 1;
    const prev = i === 0 ? 0 : p[i - 1];
    // === (not Object.is): the kernel stores 0 where p * fwd is -0
    assert.ok(s[i] === p[i] * fwd - 0.0001 * Math.abs(p[i] - prev), `day ${i}`);
  }
  assert.equal(r.folds[1].testStart, r.folds[0].testEnd);
  assert.equal(r.folds[0].testStartDate, aapl.dates[r.folds[0].testStart]);
  assert.equal(r.folds[0].trainEndDate, aapl.dates[r.folds[0].trainEnd - 1]);
  const eq = s.reduce((a, x) => a * (1 + x), 1);
  assert.equal(r.oos.equity[s.length - 1], eq);
  assert.equal(r.metrics.folds, 12);
  assert.equal(r.folds[0].metrics.days, 63);
});

Deno.test("runWalkForward() is bit-identical on rerun, also for a seeded random model, and mutates nothing", () => {
  const close = aapl.close.slice();
  const config: WalkForwardConfig = {
    ...base,
    model: "rf",
    modelOptions: { nTrees: 5, maxDepth: 3 },
    seed: 7,
  };
  const a = runWalkForward(aapl, config);
  const b = runWalkForward(aapl, config);
  assert.deepEqual(a, b);
  assert.deepEqual(aapl.close, close);
  assert.equal(a.folds[0].coefficients, null);
  assert.equal(a.folds[0].importance.length, 12);
  const c = runWalkForward(aapl, { ...config, seed: 8 });
  assert.notDeepEqual(c.oos.predictions, a.oos.predictions);
});

Deno.test("runWalkForward() reports progress and timings through injected hooks", () => {
  const seen: number[] = [];
  let clock = 0;
  const r = runWalkForward(aapl, base, {
    onFold: (p) => {
      assert.equal(p.total, 12);
      seen.push(p.done);
    },
    now: () => (clock += 1),
  });
  assert.deepEqual(seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.deepEqual(r.folds[0].ms, { fit: 1, predict: 1 });
});

Deno.test("runWalkForward() says how many rows one fold needs and how many there are", () => {
  // 500 bars: first usable row 199 and the last row has no label -> 300 usable rows
  assert.throws(
    () => runWalkForward(head(aapl, 500), base),
    /need 515 bars \(first usable row 199 \+ train 252 \+ gap 0 \+ test 63 \+ label horizon 1\), got 500/,
  );
  assert.throws(
    () => runWalkForward(aapl, { ...base, stride: 10 }),
    /Stride must be >= test/,
  );
});

Deno.test("runWalkForward() rejects a feature that is missing after its first usable row", () => {
  const volume = aapl.volume.slice();
  volume[600] = NaN;
  assert.throws(
    () => runWalkForward({ ...aapl, volume }, base),
    /Feature "vol_z20" is not finite on \d{4}-\d\d-\d\d \(row 600\)/,
  );
});
