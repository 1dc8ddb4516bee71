import assert from "node:assert/strict";
import {
  DEFAULT_SCENARIOS,
  parseRiskLimits,
  runStress,
  StressScenarioFileSchema,
} from "../../lib/risk/mod.ts";
import { parseConfig } from "../../lib/_shared/config.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

const limits = parseRiskLimits(
  { maxDrawdown: 0.2, dailyLossLimit: 0.05 },
  "test",
);

Deno.test("runStress() replays the built-in crises on the S&P 500 sample", async () => {
  const sp = await readSampleBars("SP500");
  const prices = { symbols: ["SP500"], dates: sp.dates, close: [sp.close] };
  const res = runStress(prices, new Float64Array([1]), DEFAULT_SCENARIOS, {
    limits,
  });
  const by = Object.fromEntries(res.map((r) => [r.name, r]));
  // independent check of the COVID window: close 2020-03-23 / close 2020-02-18 - 1
  const i0 = sp.dates.indexOf("2020-02-18"),
    i1 = sp.dates.indexOf("2020-03-23");
  assert.ok(i0 > 0 && i1 > i0);
  assert.ok(
    Math.abs(by["covid-crash"].pnl - (sp.close[i1] / sp.close[i0] - 1)) < 1e-12,
  );
  assert.ok(by["covid-crash"].pnl < -0.3);
  assert.equal(by["covid-crash"].start, "2020-02-19");
  assert.ok(by["gfc"].maxDrawdown > 0.4 && by["dot-com"].maxDrawdown > 0.4);
  assert.ok(by["covid-crash"].killSwitchDate > "2020-02-19");
  assert.ok(by["covid-crash"].varBreaches > 3);
  assert.ok(by["covid-crash"].breachRules.includes("max-drawdown"));
  assert.ok(Math.abs(by["price-shock-20"].worstDay) >= 0.2 - 0.05);
  for (const r of res) assert.equal(r.skipped, "");
});

Deno.test("runStress() skips windows without data and applies hypothetical shocks as documented", () => {
  const z = createNormal(createRng(3));
  const n = 300;
  const f = Float64Array.from({ length: n }, () => z());
  const mk = (k: number) => {
    const c = new Float64Array(n);
    let p = 100;
    for (let t = 0; t < n; t++) {
      c[t] = p *= 1 + 0.01 * (0.3 * f[t] + (k + 1) * 0.5 * z());
    }
    return c;
  };
  const dates = Array.from(
    { length: n },
    (_, t) => new Date(Date.UTC(2015, 0, 1 + t)).toISOString().slice(0, 10),
  );
  const prices = { symbols: ["A", "B"], dates, close: [mk(0), mk(1)] };
  const w = new Float64Array([0.5, 0.5]);
  const scen = [
    {
      name: "gfc",
      kind: "historical" as const,
      start: "2007-10-01",
      end: "2009-03-31",
    },
    { name: "base", kind: "vol-scale" as const, factor: 1, windowDays: 252 },
    { name: "vol3", kind: "vol-scale" as const, factor: 3, windowDays: 252 },
    { name: "corr1", kind: "correlation-one" as const, windowDays: 252 },
    {
      name: "shock",
      kind: "price-shock" as const,
      shock: -0.1,
      windowDays: 252,
    },
    { name: "long", kind: "vol-scale" as const, factor: 2, windowDays: 1000 },
  ];
  const [gfc, base, vol3, corr1, shock, long] = runStress(prices, w, scen, {
    limits,
  });
  assert.match(gfc.skipped, /no data/);
  assert.match(long.skipped, /needs 1000 returns/);
  assert.ok(vol3.maxDrawdown > base.maxDrawdown);
  // correlation one: portfolio vol rises to the average vol (weights equal)
  assert.ok(corr1.maxDrawdown > base.maxDrawdown * 0.9);
  // price shock compounds day 1
  const r0 = (1 + base.pnl) * 0.9 - 1;
  assert.ok(Math.abs(shock.pnl - r0) < 1e-12);
});

Deno.test("StressScenarioFileSchema parses the example file and names bad fields", async () => {
  const raw = JSON.parse(
    await Deno.readTextFile(
      new URL("../../config/stress_scenarios.json", import.meta.url),
    ),
  );
  const f = parseConfig(
    StressScenarioFileSchema,
    raw,
    "config/stress_scenarios.json",
  );
  assert.ok(f.scenarios.length >= 4);
  assert.throws(
    () => parseConfig(StressScenarioFileSchema, { scenarios: [] }, "x.json"),
    /scenarios/,
  );
});
