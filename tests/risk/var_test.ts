import assert from "node:assert/strict";
import {
  breachTests,
  chiSquareCdf,
  chiSquarePValue,
  cornishFisherQuantile,
  ewmaVariance,
  ledoitWolf,
  portfolioVar,
  rollingVar,
  valueAtRisk,
  VAR_METHODS,
  varBacktest,
} from "../../lib/risk/mod.ts";
import { normalCdf, normalInv } from "../../lib/metrics/mod.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

const golden = JSON.parse(
  await Deno.readTextFile(new URL("../golden/risk.json", import.meta.url)),
);

function normalSample(
  n: number,
  seed: number,
  mu = 0,
  sd = 0.01,
): Float64Array {
  const z = createNormal(createRng(seed));
  return Float64Array.from({ length: n }, () => mu + sd * z());
}

Deno.test("normalInv() inverts normalCdf() and matches known quantiles", () => {
  for (const p of [1e-6, 0.001, 0.01, 0.05, 0.3, 0.5, 0.8, 0.975, 0.999]) {
    assert.ok(
      Math.abs(normalCdf(normalInv(p)) - p) < 1e-13 * Math.max(1, p / 1e-6),
    );
  }
  assert.ok(Math.abs(normalInv(0.99) - 2.3263478740408408) < 1e-12);
  assert.ok(Math.abs(normalCdf(-1) - 0.15865525393145707) < 1e-14);
});

Deno.test("chiSquareCdf() matches closed forms for 1 and 2 degrees of freedom", () => {
  for (const x of [0.01, 0.5, 1, 3.84, 7, 15, 30]) {
    // dof 1: erf(sqrt(x/2)) = 2 Phi(sqrt(x)) - 1 ; dof 2: 1 - exp(-x/2)
    assert.ok(
      Math.abs(chiSquareCdf(x, 1) - (2 * normalCdf(Math.sqrt(x)) - 1)) < 1e-9,
    );
    assert.ok(Math.abs(chiSquareCdf(x, 2) - (1 - Math.exp(-x / 2))) < 1e-12);
  }
  assert.equal(chiSquareCdf(0, 1), 0);
  // tiny upper tails do not cancel to 0 (python: math.erfc(math.sqrt(50)), math.exp(-60))
  assert.ok(
    Math.abs(chiSquarePValue(100, 1) / 1.5239706048320995e-23 - 1) < 1e-8,
  );
  assert.ok(
    Math.abs(chiSquarePValue(120, 2) / 8.75651076269652e-27 - 1) < 1e-9,
  );
});

Deno.test("valueAtRisk() of a large seeded normal sample is near the normal quantile", () => {
  const sd = 0.01, n = 200_000;
  const r = normalSample(n, 7, 0, sd);
  const q = sd * normalInv(0.99);
  // sampling std of the 1% quantile: sqrt(p(1-p)/n)/phi(z) ~ 0.0084 sd for n = 2e5
  for (const method of ["historical", "normal", "cornish-fisher"] as const) {
    const v = valueAtRisk(r, { method, confidence: 0.99 });
    assert.ok(
      Math.abs(v.var - q) < 4 * 0.0084 * sd,
      `${method} ${v.var} vs ${q}`,
    );
    assert.ok(v.cvar > v.var);
  }
  const es = sd * Math.exp(-0.5 * normalInv(0.99) ** 2) /
    Math.sqrt(2 * Math.PI) / 0.01;
  const h = valueAtRisk(r, { method: "historical", confidence: 0.99 });
  assert.ok(Math.abs(h.cvar - es) < 0.03 * es);
  // FHS rescales the standardised quantile by the current EWMA vol
  const f = valueAtRisk(r, { method: "fhs", confidence: 0.99 });
  const v = ewmaVariance(r);
  const z = Float64Array.from(
    { length: n - 1 },
    (_, t) => r[t + 1] / Math.sqrt(v[t]),
  ).sort();
  const k = (n - 2) * 0.01, lo = Math.floor(k);
  const zq = z[lo] + (k - lo) * (z[lo + 1] - z[lo]);
  assert.ok(Math.abs(f.var - -zq * Math.sqrt(v[n - 1])) < 1e-14);
  // standardising by an estimated vol fattens the tails a little, never a lot
  assert.ok(-zq > normalInv(0.99) && -zq < 2.6, `fhs z ${zq}`);
  const e = valueAtRisk(r, { method: "ewma", confidence: 0.99 });
  assert.ok(Math.abs(e.var - Math.sqrt(v[n - 1]) * normalInv(0.99)) < 1e-15);
});

Deno.test("valueAtRisk() scales parametric VaR by sqrt(h) and historical by overlapping sums", () => {
  const r = normalSample(20_000, 3, 0, 0.01);
  const one = valueAtRisk(r, { method: "normal", confidence: 0.95 });
  const ten = valueAtRisk(r, {
    method: "normal",
    confidence: 0.95,
    horizonDays: 10,
  });
  let mu = 0;
  for (const v of r) mu += v / r.length;
  // VaR_h = -mu h + sigma sqrt(h) z  =>  VaR_10 = sqrt(10) (VaR_1 + mu) - 10 mu
  assert.ok(
    Math.abs(ten.var - (Math.sqrt(10) * (one.var + mu) - 10 * mu)) < 1e-15,
  );
  const hs = valueAtRisk(r, {
    method: "historical",
    confidence: 0.95,
    horizonDays: 10,
  });
  assert.ok(Math.abs(hs.var / one.var - Math.sqrt(10)) < 0.15);
  const hq = valueAtRisk(r, {
    method: "historical",
    confidence: 0.95,
    horizonDays: 10,
    historicalHorizon: "sqrt",
  });
  const h1 = valueAtRisk(r, { method: "historical", confidence: 0.95 });
  assert.ok(Math.abs(hq.var - h1.var * Math.sqrt(10)) < 1e-15);
});

Deno.test("valueAtRisk() historical uses linear interpolation and the tail mean (hand-computed)", () => {
  const r = new Float64Array([
    -0.05,
    -0.03,
    -0.01,
    0,
    0.01,
    0.02,
    0.03,
    0.04,
    0.05,
    0.06,
  ]);
  // quantile at p=0.1: h = 9*0.1 = 0.9 -> -0.05 + 0.9*0.02 = -0.032 ; tail = {-0.05}
  const v = valueAtRisk(r, { confidence: 0.9 });
  assert.ok(Math.abs(v.var - 0.032) < 1e-12);
  assert.ok(Math.abs(v.cvar - 0.05) < 1e-12);
});

Deno.test("cornishFisherQuantile() reduces to the normal quantile for zero skew and kurtosis", () => {
  for (const p of [0.001, 0.01, 0.05]) {
    const z = normalInv(p);
    assert.equal(cornishFisherQuantile(z, 0, 0), z);
  }
  // negative skew and fat tails push the left quantile further out
  assert.ok(cornishFisherQuantile(normalInv(0.01), -1, 5) < normalInv(0.01));
});

Deno.test("valueAtRisk() EWMA reacts to a recent volatility burst, normal does not", () => {
  const r = normalSample(1000, 11, 0, 0.01);
  for (let t = 980; t < 1000; t++) r[t] *= 4;
  const e = valueAtRisk(r, { method: "ewma" }).var;
  const nv = valueAtRisk(r, { method: "normal" }).var;
  assert.ok(e > 2 * nv, `${e} vs ${nv}`);
});

Deno.test("valueAtRisk() edge cases: empty, all-NaN, single value give NaN; bad options throw", () => {
  for (
    const x of [
      new Float64Array(0),
      new Float64Array([NaN, NaN]),
      new Float64Array([0.01]),
    ]
  ) {
    for (const method of VAR_METHODS) {
      assert.ok(Number.isNaN(valueAtRisk(x, { method }).var));
    }
  }
  assert.throws(
    () => valueAtRisk(new Float64Array(5), { confidence: 1 }),
    /Confidence/,
  );
  assert.throws(
    () => valueAtRisk(new Float64Array(5), { horizonDays: 0.5 }),
    /Horizon/,
  );
  assert.throws(
    () => valueAtRisk(new Float64Array(5), { method: "x" as "normal" }),
    /Unknown VaR method/,
  );
  const c = valueAtRisk(new Float64Array(10).fill(0.01), { method: "normal" });
  assert.ok(Math.abs(c.var + 0.01) < 1e-15); // constant gain: VaR is minus the gain
});

Deno.test("breachTests() matches the independent python goldens", () => {
  for (const g of golden.breachTests) {
    const r = breachTests(Float64Array.from(g.hits), g.confidence);
    assert.equal(r.breaches, g.breaches);
    assert.deepEqual([...r.transitions], g.transitions);
    for (
      const k of [
        "kupiecLR",
        "kupiecPValue",
        "christoffersenLR",
        "christoffersenPValue",
        "conditionalCoverageLR",
        "conditionalCoveragePValue",
      ] as const
    ) {
      assert.ok(Math.abs(r[k] - g[k]) < 1e-8, `${k}: ${r[k]} vs ${g[k]}`);
    }
  }
});

Deno.test("varBacktest() counts r < -VaR as a breach and skips NaN forecasts", () => {
  const r = new Float64Array([-0.02, -0.01, -0.03, 0.01]);
  const v = new Float64Array([0.015, 0.015, NaN, 0.015]);
  const bt = varBacktest(r, v, 0.99);
  assert.equal(bt.observations, 3);
  assert.equal(bt.breaches, 1);
  assert.throws(() => varBacktest(r, v.subarray(1), 0.99), /same length/);
});

Deno.test("rollingVar() for day t uses returns up to t - 1 only", () => {
  const r = normalSample(400, 5);
  for (const method of VAR_METHODS) {
    const a = rollingVar(r, { method, window: 100, confidence: 0.99 });
    const changed = Float64Array.from(r);
    for (let t = 300; t < 400; t++) changed[t] = -0.5;
    const b = rollingVar(changed, { method, window: 100, confidence: 0.99 });
    for (let t = 0; t <= 300; t++) {
      assert.ok(Object.is(a[t], b[t]), `${method} t=${t}`);
    }
    assert.notEqual(a[301], b[301]);
    assert.ok(Number.isNaN(a[99]) && Number.isFinite(a[100]));
  }
});

Deno.test("rollingVar() on i.i.d. normal data passes Kupiec (breach rate near 1%)", () => {
  const r = normalSample(3000, 21);
  const v = rollingVar(r, { method: "normal", window: 250, confidence: 0.99 });
  const bt = varBacktest(r, v, 0.99);
  assert.equal(bt.observations, 2750);
  assert.ok(
    bt.kupiecPValue > 0.01,
    `p = ${bt.kupiecPValue}, rate ${bt.breachRate}`,
  );
});

Deno.test("ledoitWolf() matches the python reference for both targets", () => {
  const X: number[][] = golden.ledoitWolf.returns;
  const m = {
    rows: X.length,
    cols: X[0].length,
    data: Float64Array.from(X.flat()),
  };
  for (
    const [target, g] of [
      ["constant-correlation", golden.ledoitWolf.constantCorrelation],
      ["identity", golden.ledoitWolf.identity],
    ] as const
  ) {
    const r = ledoitWolf(m, { target });
    assert.ok(r.shrinkage >= 0 && r.shrinkage <= 1);
    assert.ok(
      Math.abs(r.shrinkage - g.shrinkage) < 1e-10,
      `${target}: ${r.shrinkage} vs ${g.shrinkage}`,
    );
    const flat = (g.covariance as number[][]).flat();
    flat.forEach((v, k) =>
      assert.ok(Math.abs(r.covariance.data[k] - v) < 1e-15)
    );
  }
});

Deno.test("ledoitWolf() keeps shrinkage in [0, 1], drops NaN rows and does not mutate input", () => {
  const data = normalSample(300, 9);
  data[7] = NaN;
  const copy = Float64Array.from(data);
  const r = ledoitWolf({ data, rows: 100, cols: 3 });
  assert.equal(r.observations, 99);
  assert.ok(r.shrinkage >= 0 && r.shrinkage <= 1);
  assert.ok(
    Object.is(data[7], copy[7]) && data.every((v, i) => Object.is(v, copy[i])),
  );
  assert.throws(
    () => ledoitWolf({ data: new Float64Array(3), rows: 1, cols: 3 }),
    /at least 2/,
  );
});

Deno.test("portfolioVar() normal equals single-series normal VaR when one asset has all the weight", () => {
  const data = normalSample(2000, 13);
  const m = { data, rows: 1000, cols: 2 };
  const col0 = Float64Array.from({ length: 1000 }, (_, t) => data[2 * t]);
  const p = portfolioVar(m, new Float64Array([1, 0]), {
    method: "normal",
    confidence: 0.99,
  });
  const s = valueAtRisk(col0, { method: "normal", confidence: 0.99 });
  // LW keeps the diagonal (divisor T) -> sigma differs from the n - 1 std by sqrt((T-1)/T)
  assert.ok(Math.abs(p.var - s.var) / s.var < 2e-3);
  const h = portfolioVar(m, new Float64Array([0.5, 0.5]), {
    method: "historical",
  });
  assert.ok(Number.isNaN(h.shrinkage) && h.var > 0);
  assert.throws(
    () => portfolioVar(m, new Float64Array([1])),
    /one entry per column/,
  );
});
