import assert from "node:assert/strict";
import {
  allocate,
  ALLOCATION_METHODS,
  walkForwardAllocation,
} from "../../lib/portfolio/mod.ts";
import type { Matrix } from "../../lib/_shared/types.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

function basket(
  T: number,
  N: number,
  seed: number,
): { m: Matrix; dates: string[] } {
  const z = createNormal(createRng(seed));
  const data = new Float64Array(T * N);
  for (let t = 0; t < T; t++) {
    const f = 0.008 * z();
    for (let j = 0; j < N; j++) {
      data[t * N + j] = 0.0003 + f * (j % 2 ? 1 : 0.3) +
        (0.005 + 0.004 * j) * z();
    }
  }
  const dates = Array.from(
    { length: T },
    (_, t) => new Date(Date.UTC(2010, 0, 1 + t)).toISOString().slice(0, 10),
  );
  return { m: { data, rows: T, cols: N }, dates };
}

Deno.test("walkForwardAllocation() is causal: changing returns after t leaves weights and returns up to t", () => {
  const { m, dates } = basket(700, 4, 1);
  for (const method of ALLOCATION_METHODS) {
    const a = walkForwardAllocation(m, dates, {
      method,
      lookback: 200,
      rebalanceEvery: 50,
      costBps: 5,
    });
    const cut = 450;
    const data = Float64Array.from(m.data);
    for (let k = (cut + 1) * 4; k < data.length; k++) data[k] = -0.2;
    const b = walkForwardAllocation({ ...m, data }, dates, {
      method,
      lookback: 200,
      rebalanceEvery: 50,
      costBps: 5,
    });
    const s = dates.indexOf(a.dates[0]);
    for (let t = 0; t <= cut - s; t++) {
      assert.ok(Object.is(a.returns[t], b.returns[t]), `${method} t ${t}`);
    }
    for (const h of a.weightsHistory.filter((h) => h.date <= dates[cut])) {
      const hb = b.weightsHistory.find((x) => x.date === h.date)!;
      assert.deepEqual(hb.weights, h.weights);
    }
  }
});

Deno.test("walkForwardAllocation() decides at t0 = lookback - 1 and every rebalanceEvery days", () => {
  const { m, dates } = basket(400, 3, 2);
  const r = walkForwardAllocation(m, dates, {
    method: "equal",
    lookback: 100,
    rebalanceEvery: 60,
  });
  assert.deepEqual(
    r.weightsHistory.map((h) => h.date),
    [99, 159, 219, 279, 339].map((t) => dates[t]),
  );
  assert.equal(r.dates[0], dates[100]);
  assert.equal(r.returns.length, 300);
  // equal weights, first day: plain average of the asset returns
  const first = (m.data[300] + m.data[301] + m.data[302]) / 3;
  assert.ok(Math.abs(r.returns[0] - first) < 1e-15);
});

Deno.test("walkForwardAllocation() charges costBps on turnover exactly; thresholds trade less", () => {
  const { m, dates } = basket(800, 5, 3);
  const opts = { method: "minvar" as const, lookback: 150, rebalanceEvery: 10 };
  const free = walkForwardAllocation(m, dates, opts);
  const paid = walkForwardAllocation(m, dates, { ...opts, costBps: 25 });
  for (let t = 0; t < free.returns.length; t++) {
    assert.ok(
      Math.abs(free.returns[t] - paid.turnover[t] * 25e-4 - paid.returns[t]) <
        1e-15,
    );
  }
  assert.ok(paid.turnover[0] > 0.99); // initial purchase charged on day one
  assert.ok(paid.metrics.totalTurnover > 1);
  const thr = walkForwardAllocation(m, dates, {
    ...opts,
    costBps: 25,
    thresholdWeight: 0.05,
  });
  assert.ok(thr.metrics.totalTurnover < paid.metrics.totalTurnover);
  assert.ok(thr.metrics.rebalances < paid.metrics.rebalances);
  assert.ok(thr.weightsHistory.some((h) => !h.traded));
});

Deno.test("walkForwardAllocation() metrics follow the stated conventions", () => {
  const { m, dates } = basket(600, 3, 4);
  const r = walkForwardAllocation(m, dates, {
    method: "riskparity",
    lookback: 252,
    rebalanceEvery: 21,
  });
  const x = r.returns;
  const mean = x.reduce((a, v) => a + v, 0) / x.length;
  const sd = Math.sqrt(
    x.reduce((a, v) => a + (v - mean) ** 2, 0) / (x.length - 1),
  );
  assert.ok(Math.abs(r.metrics.sharpe - (mean / sd) * Math.sqrt(252)) < 1e-12);
  assert.ok(r.metrics.maxDrawdown <= 0);
  assert.throws(
    () => walkForwardAllocation(m, dates.slice(1)),
    /Expected 600 dates/,
  );
  assert.throws(
    () => walkForwardAllocation(m, dates, { lookback: 600 }),
    /more than lookback/,
  );
});

Deno.test("allocate() uses the shrunk covariance and long-only caps", () => {
  const { m } = basket(300, 6, 5);
  for (const method of ALLOCATION_METHODS) {
    const a = allocate(m, { method, maxWeight: 0.4 });
    assert.ok(
      Math.abs(a.weights.reduce((s, v) => s + v, 0) - 1) < 1e-9,
      method,
    );
    assert.ok(a.weights.every((v) => v >= -1e-12), method);
    if (method === "minvar" || method === "maxsharpe") {
      assert.ok(a.weights.every((v) => v <= 0.4 + 1e-12));
    }
    if (method !== "equal") assert.ok(a.shrinkage >= 0 && a.shrinkage <= 1);
  }
  assert.equal(
    allocate(m, { method: "minvar", shrinkage: "none" }).shrinkage,
    0,
  );
  assert.throws(
    () => allocate(m, { method: "x" as "hrp" }),
    /Unknown allocation method/,
  );
});
