import assert from "node:assert/strict";
import * as m from "../../lib/metrics/mod.ts";
import { close, golden } from "./_golden.ts";

Deno.test("tradeStats() counts zero-P&L trades as non-wins", () => {
  const pnl = new Float64Array([100, -50, 0, 300, -150, NaN]);
  const days = new Float64Array([2, 4, 1, 10, 3, 99]);
  const s = m.tradeStats(pnl, days);
  assert.equal(s.trades, 5);
  assert.equal(s.winRate, 2 / 5);
  assert.equal(s.avgWin, 200);
  assert.equal(s.avgLoss, -100);
  assert.equal(s.payoffRatio, 2);
  assert.equal(s.profitFactor, 2);
  assert.equal(s.expectancy, 40);
  assert.equal(s.avgHoldingDays, 4);
  assert.ok(Object.isFrozen(s));
  assert.equal(m.tradeStats(new Float64Array([1, 2])).profitFactor, Infinity);
  assert.ok(
    Number.isNaN(m.tradeStats(new Float64Array([1, 2])).avgHoldingDays),
  );
  assert.ok(Number.isNaN(m.tradeStats(new Float64Array([0, 0])).profitFactor));
});

Deno.test("drawdownDuration() measures the longest and current spells under water", () => {
  // values: 1.1 peak, 1.045, 0.99, 1.1 (back to the peak: not under water), 1.21, 1.1
  const r = new Float64Array([
    0.1,
    -0.05,
    -0.0526315789473684,
    0.1111111111111111,
    0.1,
    -0.0909,
  ]);
  const d = m.drawdownDuration(r);
  assert.equal(d.maxDurationDays, 2);
  assert.equal(d.currentDurationDays, 1);
  assert.equal(d.underwaterFraction, 3 / 6);
  // agrees with drawdownSeries() on every period
  const dd = m.drawdownSeries(r);
  assert.equal(dd.filter((v) => v < 0).length, 3);
});

Deno.test("turnover() is the mean absolute position change; annualTurnover() scales it", () => {
  const p = new Float64Array([0, 0.5, 0.5, -0.5, NaN, 0]);
  // |0.5| + 0 + |-1| over 3 valid pairs (pairs touching NaN skipped)
  assert.equal(m.turnover(p), 0.5);
  assert.equal(m.annualTurnover(p), 126);
});

Deno.test("exposure() and hitRate() count periods", () => {
  const e = m.exposure(new Float64Array([1, 0, -1, 0.5, NaN]));
  assert.deepEqual({ ...e }, {
    timeInMarket: 0.75,
    longFraction: 0.5,
    shortFraction: 0.25,
    meanGross: 0.625,
    meanNet: 0.125,
  });
  assert.equal(
    m.hitRate(new Float64Array([0.01, 0, 0, -0.01, 0.02, 0.03])),
    0.75,
  );
  assert.ok(Number.isNaN(m.hitRate(new Float64Array([0, 0]))));
});

Deno.test("deflatedSharpeRatio() reproduces Bailey & Lopez de Prado's example (DSR 0.90039683)", async () => {
  const g = golden.dsr.paper;
  const r = m.deflatedSharpeRatio(2.5, {
    annualized: true,
    periodsPerYear: 250,
    nObs: 1250,
    trials: 100,
    trialSharpeVariance: 0.5,
    skew: -3,
    excessKurtosis: 7, // Pearson kurtosis 10
  });
  close(r.dsr, g.dsr, 1e-12, "dsr");
  close(r.psr, g.psr, 1e-12, "psr");
  close(r.expectedMaxSharpe / Math.sqrt(250), g.sr0, 1e-12, "sr0 per period");
  assert.equal(r.dsr.toFixed(8), "0.90039683"); // the paper's figure, to 8 digits
  const scipy = JSON.parse(
    await Deno.readTextFile(
      new URL("../golden/sharpe_inference.json", import.meta.url),
    ),
  ).dsrPaper;
  close(r.dsr, scipy.dsr, 1e-13, "dsr vs scipy");
  // the same numbers given per period
  const p = m.deflatedSharpeRatio(2.5 / Math.sqrt(250), {
    nObs: 1250,
    trials: 100,
    trialSharpeVariance: 0.5 / 250,
    skew: -3,
    excessKurtosis: 7,
  });
  close(p.dsr, g.dsr, 1e-12, "per-period dsr");
  close(p.expectedMaxSharpe, g.sr0, 1e-12, "per-period sr0");
});

Deno.test("deflatedSharpeRatio() takes N and V from the trial Sharpes", () => {
  const g = golden.dsr.fromTrials;
  const r = m.deflatedSharpeRatio(g.observed, {
    trials: Float64Array.from(golden.dsr.trials),
    nObs: g.nObs,
    skew: g.skew,
    excessKurtosis: g.excessKurtosis,
  });
  close(r.expectedMaxSharpe, g.sr0, 1e-12, "sr0");
  close(r.dsr, g.dsr, 1e-12, "dsr");
  close(r.psr, g.psr, 1e-12, "psr");
  // one trial means no selection: DSR = PSR
  const one = m.deflatedSharpeRatio(0.05, { trials: 1, nObs: 200 });
  assert.equal(one.expectedMaxSharpe, 0);
  assert.equal(one.dsr, one.psr);
  // more trials can only deflate more
  const v = { nObs: 500, trialSharpeVariance: 0.001 };
  assert.ok(
    m.deflatedSharpeRatio(0.1, { ...v, trials: 1000 }).dsr <
      m.deflatedSharpeRatio(0.1, { ...v, trials: 10 }).dsr,
  );
});

Deno.test("probabilisticSharpeRatio() matches the golden and is 0.5 at the benchmark", () => {
  close(
    m.probabilisticSharpeRatio(0.08, {
      benchmarkSharpe: 0.03,
      nObs: 300,
      skew: 0.2,
      excessKurtosis: 1.5,
    }),
    golden.dsr.psrBenchmark,
    1e-12,
    "psr",
  );
  assert.equal(
    m.probabilisticSharpeRatio(1, {
      benchmarkSharpe: 1,
      nObs: 50,
      annualized: true,
    }),
    0.5,
  );
  assert.ok(Number.isNaN(m.probabilisticSharpeRatio(1, { nObs: 50, skew: 5 })));
});

Deno.test("skewness() and kurtosis() use scipy's biased Fisher convention", () => {
  const x = new Float64Array([1, 2, 3, 10, NaN]);
  // mean 4; deviations -3 -2 -1 6; m2 = 12.5, m3 = 45, m4 = 348.5
  close(m.skewness(x), 45 / 12.5 ** 1.5, 1e-15, "skew");
  close(m.kurtosis(x), 348.5 / 12.5 ** 2 - 3, 1e-15, "kurtosis");
});
