import assert from "node:assert/strict";
import {
  ewmaVariance,
  fixedFractionSize,
  kellyFraction,
  rollingStd,
  scaleToTargetVol,
  volTargetScale,
} from "../../lib/risk/mod.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

Deno.test("fixedFractionSize() sizes by risk per stop and caps the weight", () => {
  assert.deepEqual(
    fixedFractionSize(50_000, 20, { riskFraction: 0.02, stopFraction: 0.1 }),
    { shares: 500, weight: 0.2 },
  );
  assert.deepEqual(
    fixedFractionSize(50_000, 20, {
      riskFraction: 0.02,
      stopFraction: 0.01,
      maxWeight: 0.5,
    }),
    { shares: 1250, weight: 0.5 },
  );
  assert.equal(fixedFractionSize(1000, 300, { riskFraction: 0.1 }).shares, 0);
  assert.throws(() => fixedFractionSize(0, 10), /Equity and price/);
});

Deno.test("kellyFraction() is fraction * mu / sigma^2, capped both ways", () => {
  assert.ok(
    Math.abs(kellyFraction(0.0004, 0.01, { fraction: 0.25, cap: 10 }) - 1) <
      1e-12,
  );
  assert.equal(kellyFraction(-1, 0.1, { fraction: 1, cap: 2 }), -2);
  assert.equal(kellyFraction(0.1, 0), 0);
  assert.equal(kellyFraction(NaN, 0.1), 0);
});

Deno.test("ewmaVariance() follows the recursion and is causal", () => {
  const z = createNormal(createRng(1));
  const r = Float64Array.from({ length: 300 }, () => 0.01 * z());
  const v = ewmaVariance(r, { lambda: 0.9, warmupDays: 5 });
  let s = 0;
  for (let t = 0; t < 5; t++) s += r[t] ** 2;
  assert.ok(Math.abs(v[4] - s / 5) < 1e-18);
  assert.ok(Math.abs(v[5] - (0.9 * v[4] + 0.1 * r[5] ** 2)) < 1e-18);
  const changed = Float64Array.from(r);
  changed.fill(0.3, 200);
  const w = ewmaVariance(changed, { lambda: 0.9, warmupDays: 5 });
  for (let t = 0; t < 200; t++) assert.ok(Object.is(v[t], w[t]));
  assert.ok(Number.isNaN(ewmaVariance(new Float64Array([NaN, NaN]))[1]));
});

Deno.test("rollingStd() matches a direct sample std and is NaN on incomplete windows", () => {
  const r = new Float64Array([0.01, -0.02, 0.03, NaN, 0.01, 0.02, 0.0]);
  const s = rollingStd(r, 3);
  const direct = (a: number[]) => {
    const m = a.reduce((x, y) => x + y) / a.length;
    return Math.sqrt(a.reduce((x, y) => x + (y - m) ** 2, 0) / (a.length - 1));
  };
  assert.ok(Math.abs(s[2] - direct([0.01, -0.02, 0.03])) < 1e-15);
  assert.ok(Number.isNaN(s[3]) && Number.isNaN(s[5]));
  assert.ok(Math.abs(s[6] - direct([0.01, 0.02, 0])) < 1e-15);
});

Deno.test("volTargetScale() delivers roughly the target vol out of sample on regime-switching data", () => {
  const z = createNormal(createRng(4));
  const r = Float64Array.from(
    { length: 4000 },
    (_, t) => (Math.floor(t / 500) % 2 ? 0.025 : 0.006) * z(),
  );
  const scale = volTargetScale(r, { targetVolAnnual: 0.1, maxLeverage: 10 });
  // position decided at t earns r[t+1]
  const pnl = Float64Array.from(
    { length: 3999 },
    (_, t) => scale[t] * r[t + 1],
  );
  const sd = Math.sqrt(pnl.reduce((a, v) => a + v * v, 0) / pnl.length) *
    Math.sqrt(252);
  assert.ok(Math.abs(sd - 0.1) < 0.02, `realised ${sd}`);
  const raw = Math.sqrt(r.reduce((a, v) => a + v * v, 0) / r.length) *
    Math.sqrt(252);
  assert.ok(raw > 0.25);
  const changed = Float64Array.from(r);
  changed.fill(-0.5, 3000);
  const s2 = volTargetScale(changed, { targetVolAnnual: 0.1, maxLeverage: 10 });
  for (let t = 0; t < 3000; t++) assert.equal(s2[t], scale[t]);
});

Deno.test("scaleToTargetVol() gives correlated books less gross exposure than uncorrelated ones", () => {
  const cov = (rho: number) => ({
    rows: 2,
    cols: 2,
    data: new Float64Array([1e-4, rho * 1e-4, rho * 1e-4, 1e-4]),
  });
  const w0 = new Float64Array([0.5, 0.5]);
  const a = scaleToTargetVol(w0, cov(0), {
    targetVolAnnual: 0.1,
    maxLeverage: 100,
  });
  const b = scaleToTargetVol(w0, cov(0.9), {
    targetVolAnnual: 0.1,
    maxLeverage: 100,
  });
  assert.ok(b[0] < a[0]);
  // closed form: k = 0.1 / sqrt(252 * w'Sw)
  const k = 0.1 / Math.sqrt(252 * 0.25 * 1e-4 * (2 + 2 * 0.9));
  assert.ok(Math.abs(b[0] - 0.5 * k) < 1e-12);
  const capped = scaleToTargetVol(w0, cov(0), {
    targetVolAnnual: 10,
    maxLeverage: 1.5,
  });
  assert.ok(Math.abs(capped[0] + capped[1] - 1.5) < 1e-12);
  assert.deepEqual([
    ...scaleToTargetVol(w0, { rows: 2, cols: 2, data: new Float64Array(4) }),
  ], [0, 0]);
});
