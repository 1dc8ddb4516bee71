import assert from "node:assert/strict";
import { runGuardedBacktest } from "../../lib/backtest/mod.ts";
import { parseRiskLimits, type RiskLimits } from "../../lib/risk/mod.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

const limits = (raw: Record<string, unknown> = {}): RiskLimits =>
  parseRiskLimits(raw, "test");

function randomPrices(n: number, m: number, seed: number, drift = 0) {
  const z = createNormal(createRng(seed));
  const close = Array.from({ length: m }, () => new Float64Array(n));
  for (let i = 0; i < m; i++) {
    let p = 100;
    for (let t = 0; t < n; t++) close[i][t] = p *= Math.exp(drift + 0.02 * z());
  }
  const dates = Array.from(
    { length: n },
    (_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10),
  );
  return {
    symbols: Array.from({ length: m }, (_, i) => `S${i}`),
    dates,
    close,
  };
}

Deno.test("runGuardedBacktest() halts and flattens on the first close at the drawdown limit", () => {
  const prices = randomPrices(600, 2, 3, -0.002);
  const targets = [
    new Float64Array(600).fill(0.8),
    new Float64Array(600).fill(0.8),
  ];
  const l = limits({
    maxDrawdown: 0.15,
    dailyLossLimit: 1,
    maxGrossExposure: 2,
    maxPositionWeight: 1,
    maxNetExposure: 2,
  });
  const r = runGuardedBacktest(prices, targets, l, { costBps: 5 });
  const h = prices.dates.indexOf(r.guard.haltedOn);
  assert.ok(h > 0, "the kill switch must trip on this falling market");
  // drawdowns before the halt stay under the limit, the halt bar reaches it
  let peak = 1;
  for (let t = 0; t < h; t++) {
    peak = Math.max(peak, r.equity[t]);
    assert.ok(1 - r.equity[t] / peak < 0.15);
  }
  // after the halt: flat book, flat equity, halted stays
  for (let t = h; t < 600; t++) {
    assert.equal(r.weights[0][t], 0);
    assert.equal(r.weights[1][t], 0);
  }
  for (let t = h + 1; t < 600; t++) assert.equal(r.equity[t], r.equity[h]);
  assert.equal(
    r.guard.breaches.filter((b) => b.rule === "max-drawdown").length,
    1,
  );
  assert.ok(r.guard.breaches[0].value >= 0.15);
  const halts = r.decisions.filter((d) => d.action === "HALT");
  assert.deepEqual(halts.map((d) => [d.date, d.rule]), [[
    r.guard.haltedOn,
    "max-drawdown",
  ]]);
  assert.match(
    halts[0].reason,
    /^drawdown \d+\.\d\d% reached the 15\.00% limit$/,
  );
});

Deno.test("runGuardedBacktest() never holds weights beyond the limits (random targets)", () => {
  const rng = createRng(5), z = createNormal(createRng(6));
  for (let k = 0; k < 20; k++) {
    const m = 1 + Math.floor(rng() * 4), n = 200;
    const prices = randomPrices(n, m, 100 + k);
    const targets = Array.from(
      { length: m },
      () => Float64Array.from({ length: n }, () => 1.5 * z()),
    );
    const l = limits({
      maxPositionWeight: 0.2 + rng(),
      maxGrossExposure: 0.5 + rng(),
      maxNetExposure: 0.2 + rng(),
      maxOrderFraction: 0.1 + rng(),
      dailyLossLimit: 0.03,
      maxDrawdown: 0.3,
    });
    const copy = targets.map((t) => Float64Array.from(t));
    const r = runGuardedBacktest(prices, targets, l, { costBps: 1 });
    assert.deepEqual(targets, copy);
    for (let t = 0; t < n; t++) {
      let g = 0, net = 0;
      for (let i = 0; i < m; i++) {
        const w = r.weights[i][t];
        assert.ok(Math.abs(w) <= l.maxPositionWeight + 1e-12);
        g += Math.abs(w);
        net += w;
      }
      assert.ok(g <= Math.min(l.maxGrossExposure, l.maxLeverage) + 1e-12);
      assert.ok(Math.abs(net) <= l.maxNetExposure + 1e-12);
    }
    const total = r.decisionCounts.ALLOW + r.decisionCounts.CLIP +
      r.decisionCounts.DENY;
    assert.equal(total, n * m);
  }
});

Deno.test("runGuardedBacktest() with loose limits equals a plain daily-rebalanced backtest", () => {
  const prices = randomPrices(50, 1, 8);
  const target = Float64Array.from({ length: 50 }, (_, t) => (t % 7) / 10);
  const r = runGuardedBacktest(
    prices,
    [target],
    limits({ maxDrawdown: 1, dailyLossLimit: 1 }),
    { costBps: 10 },
  );
  let eq = 1, w = 0;
  const c = prices.close[0];
  for (let t = 0; t < 50; t++) {
    if (t > 0) {
      const ret = c[t] / c[t - 1] - 1;
      eq *= 1 + w * ret;
      w = w * (1 + ret) / (1 + w * ret);
    }
    eq *= 1 - 10e-4 * Math.abs(target[t] - w);
    w = target[t];
    assert.ok(Math.abs(r.equity[t] - eq) < 1e-12);
  }
});
