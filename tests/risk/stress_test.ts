import assert from "node:assert/strict";
import {
  DEFAULT_SCENARIOS,
  parseRiskLimits,
  runStress,
  type StressResult,
  StressScenarioFileSchema,
} from "../../lib/risk/mod.ts";
import { parseConfig } from "../../lib/_shared/config.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";

const limits = parseRiskLimits(
  { maxDrawdown: 0.2, dailyLossLimit: 0.05 },
  "test",
);

const pick = (res: readonly StressResult[], name: string, scope: string) => {
  const r = res.find((x) => x.name === name && x.scope === scope);
  assert.ok(r, `${name} ${scope}`);
  return r;
};

/** numpy's default (linear) quantile, written out independently of lib/metrics. */
function numpyQuantile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p, lo = Math.floor(h);
  return s[lo] + (h - lo) * (s[Math.min(lo + 1, s.length - 1)] - s[lo]);
}

Deno.test("runStress() replays dot-com, GFC and COVID on SP500's own history next to AAPL, and skips what AAPL cannot cover", async () => {
  const sp = await readSampleBars("SP500");
  const aapl = await readSampleBars("AAPL");
  const res = runStress([sp, aapl], [0.5, 0.5], DEFAULT_SCENARIOS, { limits });
  assert.equal(res.length, DEFAULT_SCENARIOS.length * 3);
  for (
    const [name, start, end] of [
      ["dot-com", "2000-03-01", "2002-10-31"],
      ["gfc", "2007-10-01", "2009-03-31"],
      ["covid-crash", "2020-02-19", "2020-03-23"],
    ]
  ) {
    const r = pick(res, name, "SP500");
    assert.equal(r.skipped, "");
    // independent: close of the last day in the window / close before the first - 1
    const a = sp.dates.findIndex((d) => d >= start);
    const b = sp.dates.findLastIndex((d) => d <= end);
    assert.equal(r.start, sp.dates[a]);
    assert.equal(r.end, sp.dates[b]);
    assert.equal(r.days, b - a + 1);
    assert.ok(Math.abs(r.pnl - (sp.close[b] / sp.close[a - 1] - 1)) < 1e-12);
    let peak = sp.close[a - 1], dd = 0;
    for (let t = a; t <= b; t++) {
      peak = Math.max(peak, sp.close[t]);
      dd = Math.max(dd, 1 - sp.close[t] / peak);
    }
    assert.ok(Math.abs(r.maxDrawdown - dd) < 1e-12, name);
    assert.match(
      pick(res, name, "AAPL").skipped,
      /data starts 2013-05-13|no data/,
    );
    assert.match(
      pick(res, name, "portfolio").skipped,
      /^needs every member's data \(AAPL: /,
    );
  }
  const dotcom = pick(res, "dot-com", "SP500");
  assert.ok(dotcom.pnl < -0.3 && dotcom.maxDrawdown > 0.4);
  assert.ok(pick(res, "gfc", "SP500").maxDrawdown > 0.5);
  const covid = pick(res, "covid-crash", "SP500");
  assert.ok(covid.pnl < -0.3 && covid.killSwitchDate > "2020-02-19");
  assert.ok(covid.breachRules.includes("max-drawdown"));
  // correlation-one needs two assets: only the portfolio runs it
  assert.match(pick(res, "correlation-one", "SP500").skipped, /one asset/);
  assert.equal(pick(res, "correlation-one", "portfolio").skipped, "");
});

Deno.test("runStress() takes VaR from the returns before the path, says why when there are too few, and never looks at the path", async () => {
  const sp = await readSampleBars("SP500");
  const aapl = await readSampleBars("AAPL");
  const taper = [{
    name: "taper",
    kind: "historical" as const,
    start: "2013-05-20",
    end: "2013-06-24",
  }];
  const [spT, aaplT] = runStress([sp, aapl], [0.5, 0.5], taper, { limits });
  // AAPL starts 2013-05-13: 4 returns before 2013-05-20
  assert.equal(aaplT.varNote, "needs 20 returns, has 4");
  assert.ok(Number.isNaN(aaplT.var) && Number.isNaN(aaplT.varBreaches));
  // SP500: the 250 returns before the first path day, numpy's quantile
  const a = sp.dates.indexOf(spT.start);
  const pre = Array.from(
    { length: 250 },
    (_, k) => sp.close[a - 250 + k] / sp.close[a - 251 + k] - 1,
  );
  assert.equal(spT.varObservations, 250);
  assert.ok(Math.abs(spT.var - -numpyQuantile(pre, 0.01)) < 1e-12);
  // perturbing the path (and everything after it) leaves the VaR unchanged
  const bumped = {
    ...sp,
    close: sp.close.map((c, t) => (t >= a ? c * (1 + 0.05 * Math.sin(t)) : c)),
  };
  const [again] = runStress([bumped], [1], taper, { limits });
  assert.equal(again.var, spT.var);
  assert.notEqual(again.pnl, spT.pnl);
  // the dot-com window has only the 39 returns of 2000 before it
  const [dot] = runStress([sp], [1], DEFAULT_SCENARIOS.slice(0, 1), { limits });
  assert.equal(dot.varObservations, 39);
  assert.equal(dot.varNote, "");
});

Deno.test("runStress() shocks demeaned returns: a stress never reads as a gain, even after a year that rose 50%", () => {
  const z = createNormal(createRng(3));
  const n = 600;
  const f = Float64Array.from({ length: n }, () => z());
  const mk = (k: number, drift: number) => {
    const c = new Float64Array(n);
    let p = 100;
    for (let t = 0; t < n; t++) {
      c[t] = p *= 1 + drift + 0.01 * (0.3 * f[t] + (k + 1) * 0.5 * z());
    }
    return c;
  };
  const dates = Array.from(
    { length: n },
    (_, t) => new Date(Date.UTC(2015, 0, 1 + t)).toISOString().slice(0, 10),
  );
  const assets = [
    { symbol: "A", dates, close: mk(0, 0.0016) },
    { symbol: "B", dates, close: mk(1, 0.0018) },
  ];
  const scen = [
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
  const res = runStress(assets, [0.5, 0.5], scen, { limits });
  const port = (name: string) => pick(res, name, "portfolio");
  // the base window rose by about half, and that drift is reported, not shown as P&L
  assert.ok(port("base").driftRemoved > 0.4, `${port("base").driftRemoved}`);
  for (const r of res.filter((x) => !x.skipped)) {
    assert.ok(r.pnl <= 1e-12, `${r.name} ${r.scope} ${r.pnl}`);
  }
  assert.ok(port("shock").pnl <= -0.1 + 1e-12);
  // factor 1 is the demeaned base itself; the shock compounds its day 1
  assert.ok(
    Math.abs(port("shock").pnl - ((1 + port("base").pnl) * 0.9 - 1)) < 1e-12,
  );
  assert.ok(port("vol3").maxDrawdown > port("base").maxDrawdown);
  assert.ok(port("corr1").maxDrawdown > port("base").maxDrawdown * 0.9);
  assert.equal(port("long").skipped, "needs 1000 returns, has 599");
  // ex-ante VaR of a shock: the returns before its base window
  assert.equal(port("vol3").varObservations, 250);
  assert.equal(port("vol3").var, port("base").var);
});

Deno.test("runStress() needs one weight per symbol", () => {
  const a = {
    symbol: "A",
    dates: ["2020-01-01", "2020-01-02"],
    close: Float64Array.of(1, 2),
  };
  assert.throws(() => runStress([a], [0.5, 0.5], [], { limits }), RangeError);
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
