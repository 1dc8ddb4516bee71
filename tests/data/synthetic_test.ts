import assert from "node:assert/strict";
import {
  generateCointegratedPair,
  generateSynthetic,
  generateSyntheticMarket,
} from "../../lib/data/mod.ts";

function logReturns(c: Float64Array): Float64Array {
  const r = new Float64Array(c.length - 1);
  for (let t = 1; t < c.length; t++) r[t - 1] = Math.log(c[t] / c[t - 1]);
  return r;
}
function corr(x: Float64Array, y: Float64Array): number {
  let mx = 0, my = 0;
  for (let i = 0; i < x.length; i++) (mx += x[i]), (my += y[i]);
  mx /= x.length;
  my /= y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

Deno.test("generateSynthetic() gives identical bits for the same seed and different for another", () => {
  const a = generateSynthetic({ symbols: 3, days: 300, seed: 11 });
  const b = generateSynthetic({ symbols: 3, days: 300, seed: 11 });
  const c = generateSynthetic({ symbols: 3, days: 300, seed: 12 });
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(a[i].close, b[i].close);
    assert.deepEqual(a[i].volume, b[i].volume);
    assert.deepEqual(a[i].dates, b[i].dates);
  }
  assert.notDeepEqual(a[0].close, c[0].close);
});

Deno.test("generateSynthetic() bars are consistent OHLC with positive volume on weekdays", () => {
  const bars = generateSynthetic({
    symbols: 4,
    days: 1000,
    seed: 3,
    gapProbability: 0.05,
  });
  for (const x of bars) {
    assert.equal(x.dates.length, 1000);
    for (let t = 0; t < 1000; t++) {
      assert.ok(x.low[t] <= Math.min(x.open[t], x.close[t]));
      assert.ok(x.high[t] >= Math.max(x.open[t], x.close[t]));
      assert.ok(x.low[t] > 0 && x.volume[t] > 0);
      const dow = new Date(x.dates[t] + "T00:00:00Z").getUTCDay();
      assert.ok(dow >= 1 && dow <= 5, x.dates[t]);
      if (t > 0) assert.ok(x.dates[t] > x.dates[t - 1]);
    }
  }
  assert.equal(bars[0].dates[0], "2010-01-04");
  assert.equal(bars[0].dates[5], "2010-01-11");
});

Deno.test("generateSyntheticMarket() correlates symbols and makes turbulent days more volatile", () => {
  const m = generateSyntheticMarket({
    symbols: 2,
    days: 4000,
    seed: 5,
    correlation: 0.6,
    gapProbability: 0,
  });
  const r0 = logReturns(m.bars[0].close), r1 = logReturns(m.bars[1].close);
  const rho = corr(r0, r1);
  assert.ok(rho > 0.5 && rho < 0.7, `correlation ${rho}`);
  let s0 = 0, n0 = 0, s1 = 0, n1 = 0;
  for (let t = 1; t < 4000; t++) {
    if (m.regimes[t] === 0) (s0 += r0[t - 1] ** 2), n0++;
    else (s1 += r0[t - 1] ** 2), n1++;
  }
  assert.ok(n0 > 100 && n1 > 100, `regime days ${n0} ${n1}`);
  assert.ok(s1 / n1 > 3 * (s0 / n0));
  const calm = generateSyntheticMarket({
    symbols: 1,
    days: 500,
    seed: 5,
    regimes: false,
  });
  assert.ok(calm.regimes.every((s) => s === 0));
});

Deno.test("generateSynthetic() accepts symbol names and rejects bad arguments", () => {
  const bars = generateSynthetic({ symbols: ["X", "Y"], days: 5, seed: 1 });
  assert.deepEqual(bars.map((b) => b.symbol), ["X", "Y"]);
  assert.throws(
    () => generateSynthetic({ symbols: 1, days: -1, seed: 1 }),
    RangeError,
  );
  assert.throws(
    () => generateSynthetic({ symbols: 1, days: 5, seed: 1, correlation: 1 }),
    /correlation/,
  );
  assert.deepEqual(
    generateSynthetic({ symbols: 1, days: 0, seed: 1 })[0].close.length,
    0,
  );
});

Deno.test("generateCointegratedPair() recovers the hedge ratio and a mean-reverting spread", () => {
  const p = generateCointegratedPair({
    days: 3000,
    seed: 9,
    hedgeRatio: 1.5,
    halfLife: 10,
  });
  const n = 3000;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    (x[t] = Math.log(p.b.close[t])), (y[t] = Math.log(p.a.close[t]));
  }
  let mx = 0, my = 0;
  for (let t = 0; t < n; t++) (mx += x[t]), (my += y[t]);
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0;
  for (let t = 0; t < n; t++) {
    (sxy += (x[t] - mx) * (y[t] - my)), (sxx += (x[t] - mx) ** 2);
  }
  assert.ok(Math.abs(sxy / sxx - 1.5) < 0.05, `beta ${sxy / sxx}`);
  // AR(1) coefficient of the spread is near 2^(-1/10)
  let num = 0, den = 0;
  for (let t = 1; t < n; t++) {
    (num += p.spread[t] * p.spread[t - 1]), (den += p.spread[t - 1] ** 2);
  }
  assert.ok(Math.abs(num / den - Math.pow(2, -0.1)) < 0.03, `phi ${num / den}`);
  for (const leg of [p.a, p.b]) {
    for (let t = 0; t < n; t++) {
      assert.ok(leg.low[t] <= Math.min(leg.open[t], leg.close[t]));
      assert.ok(leg.high[t] >= Math.max(leg.open[t], leg.close[t]));
    }
  }
  const q = generateCointegratedPair({
    days: 3000,
    seed: 9,
    hedgeRatio: 1.5,
    halfLife: 10,
  });
  assert.deepEqual(q.a.close, p.a.close);
});
