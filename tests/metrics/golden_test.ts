import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/samples.ts";
import * as m from "../../lib/metrics/mod.ts";
import { close, closeArray, golden } from "./_golden.ts";

type Fn = (r: Float64Array, f: Float64Array, rf: Float64Array) => number;

/** Golden key -> the call that must reproduce it. */
const SCALARS: Record<string, Fn> = {
  cumReturnsFinal: (r) => m.cumReturnsFinal(r),
  cumReturnsFinal100: (r) => m.cumReturnsFinal(r, { startingValue: 100 }),
  maxDrawdown: (r) => m.maxDrawdown(r),
  annualReturn: (r) => m.annualReturn(r),
  annualReturn12: (r) => m.cagr(r, { periodsPerYear: 12 }),
  annualVolatility: (r) => m.annualVolatility(r),
  calmarRatio: (r) => m.calmarRatio(r),
  omegaRatio: (r) => m.omegaRatio(r),
  omegaRatioReq: (r) =>
    m.omegaRatio(r, { riskFree: 0.0001, requiredReturn: 0.05 }),
  omegaRatioPpy1: (r) =>
    m.omegaRatio(r, { requiredReturn: 0.001, periodsPerYear: 1 }),
  sharpeRatio: (r) => m.sharpeRatio(r),
  sharpeRatioRf: (r) => m.sharpeRatio(r, { riskFree: 0.0002 }),
  sharpeRatioRfArray: (r, _f, rf) => m.sharpeRatio(r, { riskFree: rf }),
  sharpeRatio52: (r) => m.sharpeRatio(r, { periodsPerYear: 52 }),
  downsideRisk: (r) => m.downsideRisk(r),
  downsideRiskReq: (r) => m.downsideRisk(r, { requiredReturn: 0.001 }),
  sortinoRatio: (r) => m.sortinoRatio(r),
  sortinoRatioReq: (r) => m.sortinoRatio(r, { requiredReturn: 0.001 }),
  excessSharpe: (r, f) => m.excessSharpe(r, f),
  correlation: (r, f) => m.correlation(r, f),
  alpha: (r, f) => m.alpha(r, f),
  alphaRf: (r, f) => m.alpha(r, f, { riskFree: 0.0001 }),
  alphaRfArray: (r, f, rf) => m.alphaBeta(r, f, { riskFree: rf }).alpha,
  beta: (r, f) => m.beta(r, f),
  betaRfArray: (r, f, rf) => m.beta(r, f, { riskFree: rf }),
  upAlpha: (r, f) => m.upAlphaBeta(r, f).alpha,
  upBeta: (r, f) => m.upAlphaBeta(r, f).beta,
  downAlpha: (r, f) => m.downAlphaBeta(r, f).alpha,
  downBeta: (r, f) => m.downAlphaBeta(r, f).beta,
  stabilityOfTimeseries: (r) => m.stabilityOfTimeseries(r),
  tailRatio: (r) => m.tailRatio(r),
  valueAtRisk: (r) => m.valueAtRisk(r),
  valueAtRisk10: (r) => m.valueAtRisk(r, { cutoff: 0.1 }),
  conditionalValueAtRisk: (r) => m.conditionalValueAtRisk(r),
  conditionalValueAtRisk10: (r) => m.conditionalValueAtRisk(r, { cutoff: 0.1 }),
  valueAtRisk0: (r) => m.valueAtRisk(r, { cutoff: 0 }),
  valueAtRisk1: (r) => m.valueAtRisk(r, { cutoff: 1 }),
  conditionalValueAtRisk0: (r) => m.conditionalValueAtRisk(r, { cutoff: 0 }),
  conditionalValueAtRisk1: (r) => m.conditionalValueAtRisk(r, { cutoff: 1 }),
  capture: (r, f) => m.capture(r, f),
  upCapture: (r, f) => m.upCapture(r, f),
  downCapture: (r, f) => m.downCapture(r, f),
  upDownCapture: (r, f) => m.upDownCapture(r, f),
  skewness: (r) => m.skewness(r),
  kurtosis: (r) => m.kurtosis(r),
};

function checkScalars(
  expected: Record<string, number>,
  r: Float64Array,
  f: Float64Array,
  rf: Float64Array,
  tol: number,
  label: string,
): void {
  assert.deepEqual(Object.keys(expected).sort(), Object.keys(SCALARS).sort());
  for (const [key, fn] of Object.entries(SCALARS)) {
    close(fn(r, f, rf), expected[key], tol, `${label} ${key}`);
  }
}

const sp = await readSampleBars("SP500");
const spReturns = new Float64Array(sp.close.length - 1);
for (let t = 1; t < sp.close.length; t++) {
  spReturns[t - 1] = sp.close[t] / sp.close[t - 1] - 1;
}

Deno.test("every scalar metric matches the independent golden on a small series with NaN", () => {
  const s = golden.small;
  const r = Float64Array.from(s.returns), f = Float64Array.from(s.factor);
  checkScalars(s.scalars, r, f, Float64Array.from(s.riskFree), 1e-12, "small");
});

Deno.test("series metrics match the golden (cumReturns, drawdownSeries)", () => {
  const s = golden.small;
  const r = Float64Array.from(s.returns);
  closeArray(m.cumReturns(r), s.cumReturns, 1e-14, "cumReturns");
  closeArray(
    m.cumReturns(r, { startingValue: 100 }),
    s.cumReturns100,
    1e-14,
    "cumReturns100",
  );
  closeArray(m.drawdownSeries(r), s.drawdownSeries, 1e-14, "drawdownSeries");
});

Deno.test("rolling metrics match the golden and align to window ends", () => {
  const s = golden.small;
  const r = Float64Array.from(s.returns), f = Float64Array.from(s.factor);
  const rf = Float64Array.from(s.riskFree);
  closeArray(
    m.rollMaxDrawdown(r, { window: 5 }),
    s.rollMaxDrawdown5,
    1e-14,
    "rollMaxDrawdown",
  );
  closeArray(
    m.rollSharpeRatio(r, { window: 6 }),
    s.rollSharpeRatio6,
    1e-12,
    "rollSharpe",
  );
  closeArray(
    m.rollSharpeRatio(r, { window: 6, riskFree: rf }),
    s.rollSharpeRatioRf6,
    1e-12,
    "rollSharpeRf",
  );
  const ab = m.rollAlphaBeta(r, f, { window: 8 });
  closeArray(ab.alpha, s.rollAlpha8, 1e-12, "rollAlpha");
  closeArray(ab.beta, s.rollBeta8, 1e-12, "rollBeta");
  const w = { window: 10 };
  closeArray(m.rollUpCapture(r, f, w), s.rollUpCapture10, 1e-12, "rollUp");
  closeArray(
    m.rollDownCapture(r, f, w),
    s.rollDownCapture10,
    1e-12,
    "rollDown",
  );
  closeArray(
    m.rollUpDownCapture(r, f, w),
    s.rollUpDownCapture10,
    1e-12,
    "rollUpDown",
  );
});

Deno.test("maxDrawdown() of the S&P 500 is -0.5677538775 (2007-10-09 peak to 2009-03-09)", () => {
  assert.equal(spReturns.length, golden.sp500.n);
  const mdd = m.maxDrawdown(spReturns);
  assert.ok(Math.abs(mdd - -0.5677538775) < 1e-9, `${mdd}`);
  const dd = m.drawdownSeries(spReturns);
  let trough = 0;
  for (let t = 1; t < dd.length; t++) if (dd[t] < dd[trough]) trough = t;
  assert.equal(sp.dates[trough + 1], "2009-03-09");
  assert.equal(golden.sp500.maxDrawdownTrough, "2009-03-09");
  let peak = 0;
  for (let t = 0; t <= trough + 1; t++) {
    if (sp.close[t] > sp.close[peak]) peak = t;
  }
  assert.equal(sp.dates[peak], "2007-10-09");
  assert.equal(sp.close[peak].toFixed(2), "1565.15");
  assert.equal(sp.close[trough + 1].toFixed(2), "676.53");
});

Deno.test("every scalar metric matches the golden on the S&P 500 daily returns", () => {
  const f = spReturns.map((v) => v * 0.5 + 0.0001);
  const rf = new Float64Array(spReturns.length).fill(0.0001);
  checkScalars(golden.sp500.scalars, spReturns, f, rf, 1e-10, "sp500");
  close(
    m.rollSharpeRatio(spReturns, { window: 252 }).at(-1)!,
    golden.sp500.rollSharpe252Last,
    1e-10,
    "rollSharpe last",
  );
  const tail = spReturns.subarray(spReturns.length - 600);
  close(
    Math.min(...m.rollMaxDrawdown(tail, { window: 252 })),
    golden.sp500.rollMaxDrawdown252Min,
    1e-12,
    "rollMaxDrawdown min",
  );
});

Deno.test("factor metrics match the golden for AAPL against the S&P 500", async () => {
  const aapl = await readSampleBars("AAPL");
  const at = new Map(sp.dates.map((d, i) => [d, i]));
  const r: number[] = [], f: number[] = [];
  for (let i = 1; i < aapl.dates.length; i++) {
    const j = at.get(aapl.dates[i]), k = at.get(aapl.dates[i - 1]);
    if (j === undefined || k === undefined || j !== k + 1) continue;
    r.push(aapl.close[i] / aapl.close[i - 1] - 1);
    f.push(sp.close[j] / sp.close[k] - 1);
  }
  assert.equal(r.length, golden.aaplVsSp500.n);
  const rf = new Float64Array(r.length).fill(0.00005);
  checkScalars(
    golden.aaplVsSp500.scalars,
    Float64Array.from(r),
    Float64Array.from(f),
    rf,
    1e-10,
    "aapl",
  );
});

Deno.test("normalCdf() matches mpmath to 1e-14 relative and normalInv() matches scipy", () => {
  const g = golden.normal;
  g.x.forEach((x: number, i: number) => {
    const want = g.cdf[i];
    const got = m.normalCdf(x);
    const rel = Math.abs(got - want) / want;
    assert.ok(rel <= 1e-14, `normalCdf(${x}) = ${got}, want ${want} (${rel})`);
  });
  g.p.forEach((p: number, i: number) => {
    close(m.normalInv(p), g.inv[i], 1e-13, `normalInv(${p})`);
  });
});
