import assert from "node:assert/strict";
import {
  regimeScaledPositions,
  regimeTransitions,
  transitionMatrix,
  trendRegime,
  volatilityRegime,
} from "../../lib/regime/mod.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

const z = createNormal(createRng(17));
const returns = Float64Array.from(
  { length: 1500 },
  (_, t) => (Math.floor(t / 300) % 2 ? 0.03 : 0.008) * z(),
);

Deno.test("volatilityRegime() flags the high-vol blocks and is causal", () => {
  const l = volatilityRegime(returns, { windowDays: 21, lookbackDays: 252 });
  assert.ok(l.subarray(0, 251).every((v) => v === -1));
  // well inside a high-vol block (300..599 high, started > 21 days ago) vs early in a calm block
  let high = 0;
  for (let t = 700; t < 900; t++) high += l[t] === 2 ? 1 : 0; // 600..899 is calm -> few highs after the switch
  let high2 = 0;
  for (let t = 930; t < 980; t++) high2 += l[t] === 2 ? 1 : 0; // 900..1199 high: fresh rise ranks top
  assert.ok(high2 > 40 && high < 60, `${high2} ${high}`);
  const changed = Float64Array.from(returns);
  changed.fill(0.5, 1000);
  const l2 = volatilityRegime(changed, { windowDays: 21, lookbackDays: 252 });
  assert.deepEqual(l2.subarray(0, 1000), l.subarray(0, 1000));
  assert.throws(
    () =>
      volatilityRegime(returns, { lowPercentile: 0.9, highPercentile: 0.5 }),
    /Percentiles/,
  );
});

Deno.test("trendRegime() labels up/down/sideways from SMA and slope, causally", () => {
  const n = 400;
  const close = Float64Array.from(
    { length: n },
    (_, t) => (t < 200 ? 100 + t : 300 - (t - 200) * 1.5),
  );
  const l = trendRegime(close, { smaDays: 50, slopeDays: 10 });
  assert.equal(l[58], -1);
  assert.equal(l[59], 2);
  assert.equal(l[150], 2);
  assert.equal(l[390], 0);
  // right after the top: price below a still-rising SMA -> sideways
  assert.equal(l[215], 1);
  assert.equal(l[225], 0);
  const c2 = Float64Array.from(close);
  c2.fill(1, 300);
  assert.deepEqual(
    trendRegime(c2, { smaDays: 50, slopeDays: 10 }).subarray(0, 300),
    l.subarray(0, 300),
  );
  const nan = Float64Array.from(close);
  nan[100] = NaN;
  assert.equal(trendRegime(nan, { smaDays: 50, slopeDays: 10 })[120], -1);
});

Deno.test("regimeTransitions() and transitionMatrix() on a hand-counted sequence", () => {
  const labels = Int8Array.from([0, 0, 1, 1, 2, 2, 2, 0, -1, 0, 1]);
  const dates = Array.from({ length: 11 }, (_, i) => `d${i}`);
  assert.deepEqual(regimeTransitions(labels, dates), [
    { date: "d2", from: 0, to: 1 },
    { date: "d4", from: 1, to: 2 },
    { date: "d7", from: 2, to: 0 },
    { date: "d10", from: 0, to: 1 },
  ]);
  const m = transitionMatrix(labels, 3);
  // pairs: 00 01 11 12 22 22 20 (0,-1 skipped) (-1,0 skipped) 01
  assert.deepEqual([...m.data], [
    1 / 3,
    2 / 3,
    0,
    0,
    0.5,
    0.5,
    1 / 3,
    0,
    2 / 3,
  ]);
  assert.ok(
    transitionMatrix(Int8Array.from([0, 0]), 2).data.subarray(2).every(
      Number.isNaN,
    ),
  );
  assert.throws(() => regimeTransitions(labels, dates.slice(1)), /same length/);
});

Deno.test("regimeScaledPositions() mixes scales by probability or label", () => {
  const probs = {
    rows: 3,
    cols: 3,
    data: new Float64Array([1, 0, 0, 0.2, 0.5, 0.3, 0, 0, 1]),
  };
  const p = regimeScaledPositions(new Float64Array([1, 2, -1]), probs, [
    1,
    0.5,
    0,
  ]);
  assert.deepEqual([...p], [1, 2 * (0.2 + 0.25), -0]);
  const l = regimeScaledPositions(
    new Float64Array([1, 1, 1]),
    Int8Array.from([0, -1, 2]),
    [1, 0.5, 0.1],
  );
  assert.deepEqual([...l], [1, 0, 0.1]);
  assert.throws(
    () => regimeScaledPositions(new Float64Array(2), probs, [1, 0.5, 0]),
    /Expected 2 x 3/,
  );
});
