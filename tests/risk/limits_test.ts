import assert from "node:assert/strict";
import {
  applyLimits,
  checkOrder,
  checkPortfolio,
  correlationClusters,
  createRiskGuard,
  parseRiskLimits,
  type RiskLimits,
  updateRiskGuard,
} from "../../lib/risk/mod.ts";
import { ConfigError } from "../../lib/_shared/errors.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

const limits = (raw: Record<string, unknown> = {}): RiskLimits =>
  parseRiskLimits(raw, "test");

Deno.test("parseRiskLimits() resolves defaults and names the offending field", () => {
  const d = limits();
  assert.equal(d.maxDrawdown, 0.2);
  assert.equal(d.maxLeverage, 2);
  assert.equal(d.maxOrderShares, undefined);
  for (
    const [raw, field] of [
      [{ maxDrawdown: -0.1 }, "maxDrawdown"],
      [{ maxDrawdown: 1.5 }, "maxDrawdown"],
      [{ maxPositionWeight: "0.5" }, "maxPositionWeight"],
      [{ maxOrderShares: 1.5 }, "maxOrderShares"],
      [{ correlationThreshold: 2 }, "correlationThreshold"],
    ] as const
  ) {
    assert.throws(
      () => parseRiskLimits(raw, "config/risk_limits.json"),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.equal(e.path, field);
        assert.match(e.message, /config\/risk_limits\.json/);
        return true;
      },
    );
  }
  assert.throws(
    () => parseRiskLimits({ maxDrawDown: 0.1 }, "x"),
    /maxDrawDown/,
  );
});

Deno.test("the example config/risk_limits.json parses", async () => {
  const raw = JSON.parse(
    await Deno.readTextFile(
      new URL("../../config/risk_limits.json", import.meta.url),
    ),
  );
  const l = parseRiskLimits(raw, "config/risk_limits.json");
  assert.ok(l.maxDrawdown > 0 && l.maxDrawdown < 1);
});

function randomCase(rng: () => number, z: () => number) {
  const n = 1 + Math.floor(rng() * 6);
  const sym = Array.from({ length: n }, (_, i) => `S${i}`);
  const target: Record<string, number> = {},
    current: Record<string, number> = {};
  for (const s of sym) {
    target[s] = z() * 0.8;
    current[s] = rng() < 0.3 ? 0 : z() * 0.8;
  }
  const l = limits({
    maxPositionWeight: 0.1 + rng(),
    maxGrossExposure: 0.2 + 2 * rng(),
    maxNetExposure: rng(),
    maxLeverage: 0.2 + 2 * rng(),
    maxOrderFraction: 0.05 + rng() * 0.5,
    maxCorrelatedWeight: 0.1 + rng(),
    allowShort: rng() < 0.7,
  });
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      data[i * n + j] = i === j ? 1 : (i + j) % 3 === 0 ? 0.9 : 0.1;
    }
  }
  return {
    sym,
    target,
    current,
    l,
    correlation: { symbols: sym, matrix: { rows: n, cols: n, data } },
  };
}

Deno.test("applyLimits() never exceeds any limit (property over random targets)", () => {
  const rng = createRng(2024), z = createNormal(createRng(99));
  for (let k = 0; k < 2000; k++) {
    const { sym, target, current, l, correlation } = randomCase(rng, z);
    const dailyLossHit = rng() < 0.1;
    const { weights, decisions } = applyLimits(target, l, {
      currentWeights: current,
      correlation,
      dailyLossHit,
    });
    let gross = 0, net = 0;
    for (const s of sym) {
      const w = weights[s];
      assert.ok(Math.abs(w) <= l.maxPositionWeight + 1e-12);
      if (!l.allowShort) assert.ok(w >= 0);
      gross += Math.abs(w);
      net += w;
      // never trades beyond the target, never flips against it
      assert.ok(
        Math.abs(w) <= Math.abs(target[s]) + 1e-12 ||
          (dailyLossHit && Math.abs(w) <= Math.abs(current[s]) + 1e-12),
      );
      const up = Math.sign(w) !== Math.sign(current[s])
        ? Math.abs(w)
        : Math.abs(w) - Math.abs(current[s]);
      assert.ok(up <= l.maxOrderFraction + 1e-12, `order ${up}`);
      if (dailyLossHit) assert.ok(up <= 1e-12);
    }
    assert.ok(gross <= Math.min(l.maxGrossExposure, l.maxLeverage) + 1e-12);
    assert.ok(Math.abs(net) <= l.maxNetExposure + 1e-12);
    for (const cl of correlationClusters(correlation, l.correlationThreshold)) {
      assert.ok(
        cl.reduce((a, s) => a + Math.abs(weights[s]), 0) <=
          l.maxCorrelatedWeight + 1e-12,
      );
    }
    const check = checkPortfolio({
      equity: 1,
      peakEquity: 1,
      dayStartEquity: 1,
      weights,
      correlation,
    }, l);
    assert.deepEqual(check.breaches, []);
    assert.equal(decisions.length, sym.length);
  }
});

Deno.test("applyLimits() decisions: ALLOW within limits, CLIP partial, DENY blocked; inputs not mutated", () => {
  const l = limits({
    maxPositionWeight: 0.5,
    allowShort: false,
    maxGrossExposure: 2,
    maxLeverage: 2,
    maxNetExposure: 2,
  });
  const target = Object.freeze({ A: 0.3, B: 0.9, C: -0.4 });
  const r = applyLimits(target, l, { currentWeights: { A: 0, B: 0, C: 0 } });
  assert.deepEqual(r.weights, { A: 0.3, B: 0.5, C: 0 });
  assert.deepEqual(r.decisions.map((d) => [d.action, d.rule]), [
    ["ALLOW", "none"],
    ["CLIP", "max-position"],
    ["DENY", "no-short"],
  ]);
  const halted = applyLimits({ A: 0.3 }, l, {
    currentWeights: { A: 0.2 },
    halted: true,
  });
  assert.deepEqual(halted.weights, { A: 0 });
  assert.equal(halted.decisions[0].rule, "kill-switch");
  const gross = applyLimits(
    { A: 0.5, B: 0.5, C: 0.5 },
    limits({ maxGrossExposure: 1 }),
  );
  for (const v of Object.values(gross.weights)) {
    assert.ok(Math.abs(v - 1 / 3) < 1e-15);
  }
});

Deno.test("checkOrder() allows reductions, clips at the tightest bound, denies when nothing fits", () => {
  const l = limits({
    maxPositionWeight: 0.2,
    maxGrossExposure: 1,
    maxOrderShares: 500,
    maxOrderFraction: 0.5,
  });
  const state = {
    equity: 100_000,
    positions: { A: 100, B: 300 },
    prices: { A: 100, B: 200 },
  };
  // A at 10%: buying 300 more at 100 -> 40% > 20%: clip to 100 shares
  assert.deepEqual(
    checkOrder({ symbol: "A", quantity: 300, price: 100 }, state, l),
    {
      action: "CLIP",
      quantity: 100,
      reason: "|weight| above maxPositionWeight 0.2",
      rule: "max-position",
    },
  );
  assert.equal(
    checkOrder({ symbol: "A", quantity: -100, price: 100 }, state, l).action,
    "ALLOW",
  );
  assert.equal(
    checkOrder({ symbol: "A", quantity: -50, price: 100 }, {
      ...state,
      halted: true,
    }, l).rule,
    "reduces-exposure",
  );
  const halted = checkOrder({ symbol: "A", quantity: 10, price: 100 }, {
    ...state,
    halted: true,
  }, l);
  assert.deepEqual([halted.action, halted.quantity, halted.rule], [
    "DENY",
    0,
    "kill-switch",
  ]);
  // flip from +100 to -900 while halted: only the reduction to 0 is allowed
  const flip = checkOrder({ symbol: "A", quantity: -1000, price: 100 }, {
    ...state,
    halted: true,
  }, l);
  assert.deepEqual([flip.action, flip.quantity], ["CLIP", -100]);
  const shares = checkOrder(
    { symbol: "C", quantity: 800, price: 10 },
    state,
    l,
  );
  assert.deepEqual([shares.action, shares.quantity, shares.rule], [
    "CLIP",
    500,
    "max-order-shares",
  ]);
  const bad = checkOrder({ symbol: "C", quantity: 10, price: NaN }, state, l);
  assert.deepEqual([bad.action, bad.rule], ["DENY", "invalid"]);
  // gross: A 10% + B 60% = 70%; with a 0.8 cap C can add 10% (1,000 at 10 = 10,000)
  const g = checkOrder(
    { symbol: "C", quantity: 1500, price: 10 },
    state,
    limits({ maxGrossExposure: 0.8, maxPositionWeight: 1 }),
  );
  assert.deepEqual([g.action, g.quantity, g.rule], ["CLIP", 1000, "max-gross"]);
});

Deno.test("checkOrder() agrees with applyLimits() on a single symbol's position cap", () => {
  const l = limits({ maxPositionWeight: 0.25 });
  const o = checkOrder({ symbol: "A", quantity: 1000, price: 50 }, {
    equity: 100_000,
    positions: {},
    prices: {},
  }, l);
  const w = applyLimits({ A: 0.5 }, l, {}).weights.A;
  assert.equal(o.quantity * 50 / 100_000, w);
});

Deno.test("checkPortfolio() reports each breach with value and limit", () => {
  const l = limits({
    maxDrawdown: 0.3,
    dailyLossLimit: 0.02,
    maxPositionWeight: 0.5,
    maxGrossExposure: 1,
    maxLeverage: 1.2,
    maxNetExposure: 0.5,
  });
  const r = checkPortfolio({
    date: "2020-03-16",
    equity: 97,
    peakEquity: 100,
    dayStartEquity: 100,
    weights: { A: 0.7, B: 0.6 },
  }, l);
  assert.equal(r.killSwitch, false);
  assert.deepEqual(r.breaches.map((b) => b.rule), [
    "daily-loss",
    "max-position:A",
    "max-position:B",
    "max-gross",
    "max-leverage",
    "max-net",
  ]);
  assert.ok(Math.abs(r.breaches[0].value - 0.03) < 1e-12);
  assert.equal(r.breaches[0].date, "2020-03-16");
});

Deno.test("updateRiskGuard() tracks peak and day start by value and resets the daily flag each day", () => {
  const l = limits({ maxDrawdown: 0.5, dailyLossLimit: 0.05 });
  const g0 = createRiskGuard(100);
  const g1 = updateRiskGuard(
    g0,
    { date: "2020-01-02T15:00:00Z", equity: 110 },
    l,
  );
  const g2 = updateRiskGuard(
    g1,
    { date: "2020-01-03T10:00:00Z", equity: 100 },
    l,
  );
  assert.equal(g0.peakEquity, 100); // not mutated
  assert.equal(g2.peakEquity, 110);
  assert.equal(g2.dayStartEquity, 110);
  assert.equal(g2.dailyLossHit, true);
  const g3 = updateRiskGuard(
    g2,
    { date: "2020-01-03T15:00:00Z", equity: 101 },
    l,
  );
  assert.equal(g3.dailyLossHit, true); // same day: sticky
  const g4 = updateRiskGuard(
    g3,
    { date: "2020-01-06T10:00:00Z", equity: 101 },
    l,
  );
  assert.equal(g4.dailyLossHit, false);
  assert.equal(g4.dayStartEquity, 101);
  assert.deepEqual(g4.breaches.map((b) => b.rule), [
    "daily-loss",
    "daily-loss",
  ]);
});
