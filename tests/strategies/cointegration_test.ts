import assert from "node:assert/strict";
import {
  engleGranger,
  halfLife,
  kalmanHedgeRatio,
  pairsPositions,
  rollingHedgeRatio,
} from "../../lib/strategies/mod.ts";
import { cointegratedPair, randomWalkBars } from "./_fixtures.ts";

Deno.test("engleGranger() finds a simulated cointegrated pair and recovers the hedge ratio", () => {
  let found = 0;
  for (let seed = 1; seed <= 20; seed++) {
    const { a, b } = cointegratedPair(750, seed, 1.5, 0.9);
    const r = engleGranger(a, b);
    if (r.cointegrated) found++;
    assert.ok(
      Math.abs(r.hedgeRatio - 1.5) < 0.1,
      `seed ${seed}: beta ${r.hedgeRatio}`,
    );
  }
  assert.ok(found >= 19, `found ${found} of 20`);
});

Deno.test("engleGranger() rejects in about 5% of independent random-walk pairs", () => {
  let rejected = 0;
  for (let seed = 0; seed < 50; seed++) {
    const a = randomWalkBars(500, 1000 + seed).close;
    const b = randomWalkBars(500, 5000 + seed).close;
    if (engleGranger(a, b).pValue < 0.05) rejected++;
  }
  // nominal size 5%: 2.5 expected of 50; P(Binomial(50, 0.05) >= 8) < 0.2%
  assert.ok(rejected <= 7, `rejected ${rejected} of 50`);
});

Deno.test("halfLife() recovers -ln2/ln(phi) of a long AR(1)", () => {
  const { a, b } = cointegratedPair(5000, 3, 1, 0.9);
  const s = a.map((v, i) => Math.log(v) - Math.log(b[i]) - 0.2);
  const h = halfLife(s);
  assert.ok(Math.abs(h - Math.LN2 / -Math.log(0.9)) < 1.5, `half-life ${h}`);
  assert.ok(Number.isNaN(halfLife(new Float64Array([1, 2]))));
  assert.ok(
    Number.isNaN(
      halfLife(Float64Array.from({ length: 50 }, (_, i) => 1.1 ** i)),
    ),
  );
});

Deno.test("rollingHedgeRatio() equals a direct OLS on each window and is causal", () => {
  const { a, b } = cointegratedPair(120, 9);
  const y = a.map(Math.log), x = b.map(Math.log);
  const w = 30;
  const r = rollingHedgeRatio(y, x, w);
  for (const t of [29, 60, 119]) {
    let mx = 0, my = 0;
    for (let i = t - w + 1; i <= t; i++) (mx += x[i] / w, my += y[i] / w);
    let sxy = 0, sxx = 0;
    for (let i = t - w + 1; i <= t; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) ** 2;
    }
    assert.ok(Math.abs(r.beta[t] - sxy / sxx) < 1e-8);
    assert.ok(Math.abs(r.alpha[t] - (my - (sxy / sxx) * mx)) < 1e-8);
  }
  assert.ok(Number.isNaN(r.beta[28]));
  const y2 = y.slice();
  y2.fill(9, 70);
  const r2 = rollingHedgeRatio(y2, x, w);
  assert.deepEqual(r2.beta.slice(0, 70), r.beta.slice(0, 70));
});

Deno.test("kalmanHedgeRatio() tracks a constant hedge ratio and is causal", () => {
  const { a, b } = cointegratedPair(1000, 4, 1.5, 0.5);
  const y = a.map(Math.log), x = b.map(Math.log);
  const k = kalmanHedgeRatio(y, x);
  assert.ok(Math.abs(k.beta[999] - 1.5) < 0.25, `beta ${k.beta[999]}`);
  const y2 = y.slice();
  y2[600] = 0;
  assert.deepEqual(
    kalmanHedgeRatio(y2, x).beta.slice(0, 600),
    k.beta.slice(0, 600),
  );
});

Deno.test("pairsPositions() cointegration gate opens on a cointegrated pair, mostly stays shut on random walks, and is causal", () => {
  const { a, b } = cointegratedPair(800, 31, 1.2, 0.85);
  const g = pairsPositions(a, b, { gateWindowDays: 252 }).gate;
  const open = g.slice(251).reduce((s, v) => s + v, 0) / (800 - 251);
  assert.ok(open > 0.9, `open ${open}`);
  assert.ok(g.slice(0, 251).every((v) => v === 0));
  let openRw = 0;
  for (let seed = 0; seed < 10; seed++) {
    const x = randomWalkBars(800, 200 + seed).close,
      y = randomWalkBars(800, 300 + seed).close;
    const p = pairsPositions(x, y, { gateWindowDays: 252 });
    openRw += p.gate.slice(251).reduce((s, v) => s + v, 0) / (800 - 251);
    p.state.forEach((s, t) => assert.ok(s === 0 || p.gate[t] === 1));
  }
  assert.ok(openRw / 10 < 0.3, `random walks gate open ${openRw / 10}`);
  const a2 = a.map((v, t) => (t > 500 ? v * 1.5 : v));
  const g2 = pairsPositions(a2, b, { gateWindowDays: 252 });
  assert.deepEqual(g2.gate.slice(0, 501), g.slice(0, 501));
});
