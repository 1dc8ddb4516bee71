import assert from "node:assert/strict";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import * as m from "../../lib/metrics/mod.ts";

function series(n: number, seed: number, nanEvery = 0): Float64Array {
  const z = createNormal(createRng(seed));
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = nanEvery > 0 && i % nanEvery === 3 ? NaN : 0.0003 + 0.01 * z();
  }
  return out;
}

const bytes = (x: Float64Array) => new Uint8Array(x.buffer.slice(0));

Deno.test("no metric mutates its inputs", () => {
  const r = series(300, 1, 17), f = series(300, 2, 23);
  const rf = new Float64Array(300).fill(0.0001);
  const pos = series(300, 3, 29);
  const before = [r, f, rf, pos].map(bytes);
  const o = { riskFree: rf, window: 20, requiredReturn: rf };
  const calls: Array<() => unknown> = [
    () => m.cumReturns(r, { startingValue: 100 }),
    () => m.cumReturnsFinal(r),
    () => m.drawdownSeries(r),
    () => m.maxDrawdown(r),
    () => m.drawdownDuration(r),
    () => m.annualReturn(r),
    () => m.cagr(r),
    () => m.annualVolatility(r),
    () => m.calmarRatio(r),
    () => m.omegaRatio(r, { riskFree: rf }),
    () => m.sharpeRatio(r, o),
    () => m.excessSharpe(r, f),
    () => m.downsideRisk(r, o),
    () => m.sortinoRatio(r, o),
    () => m.alpha(r, f, o),
    () => m.beta(r, f, o),
    () => m.alphaBeta(r, f, o),
    () => m.upAlphaBeta(r, f, o),
    () => m.downAlphaBeta(r, f, o),
    () => m.stabilityOfTimeseries(r),
    () => m.tailRatio(r),
    () => m.valueAtRisk(r),
    () => m.conditionalValueAtRisk(r),
    () => m.capture(r, f),
    () => m.upCapture(r, f),
    () => m.downCapture(r, f),
    () => m.upDownCapture(r, f),
    () => m.rollMaxDrawdown(r, o),
    () => m.rollSharpeRatio(r, o),
    () => m.rollAlphaBeta(r, f, o),
    () => m.rollUpCapture(r, f, o),
    () => m.rollDownCapture(r, f, o),
    () => m.rollUpDownCapture(r, f, o),
    () => m.tradeStats(r, pos),
    () => m.turnover(pos),
    () => m.annualTurnover(pos),
    () => m.exposure(pos),
    () => m.hitRate(r),
    () => m.skewness(r),
    () => m.kurtosis(r),
    () => m.deflatedSharpeRatio(0.1, { trials: f, nObs: 300 }),
    () =>
      m.probabilityOfBacktestOverfitting({ data: r, rows: 150, cols: 2 }, {
        partitions: 6,
      }),
  ];
  for (const call of calls) call();
  [r, f, rf, pos].forEach((x, i) => assert.deepEqual(bytes(x), before[i]));
});

Deno.test("changing returns after t never changes path metrics at t", () => {
  const r = series(200, 5, 13), f = series(200, 6);
  const t = 120;
  const r2 = r.slice(), f2 = f.slice();
  for (let i = t + 1; i < r2.length; i++) r2[i] = -r2[i] * 3, f2[i] = 0.05;
  const same = (a: ArrayLike<number>, b: ArrayLike<number>, upto: number) => {
    for (let i = 0; i <= upto; i++) {
      assert.ok(Object.is(a[i], b[i]), `index ${i}`);
    }
  };
  same(m.cumReturns(r), m.cumReturns(r2), t);
  same(m.drawdownSeries(r), m.drawdownSeries(r2), t);
  const w = 30, last = t - w + 1; // window ending at t
  same(
    m.rollMaxDrawdown(r, { window: w }),
    m.rollMaxDrawdown(r2, { window: w }),
    last,
  );
  same(
    m.rollSharpeRatio(r, { window: w }),
    m.rollSharpeRatio(r2, { window: w }),
    last,
  );
  same(
    m.rollAlphaBeta(r, f, { window: w }).beta,
    m.rollAlphaBeta(r2, f2, { window: w }).beta,
    last,
  );
  same(
    m.rollUpDownCapture(r, f, { window: w }),
    m.rollUpDownCapture(r2, f2, { window: w }),
    last,
  );
  // and a window's value is the scalar statistic of exactly that slice
  assert.equal(
    m.rollSharpeRatio(r, { window: w })[last],
    m.sharpeRatio(r.slice(t - w + 1, t + 1)),
  );
  assert.notEqual(
    m.rollSharpeRatio(r, { window: w })[last + 1],
    m.rollSharpeRatio(r2, { window: w })[last + 1],
  );
});

Deno.test("the same inputs give bit-identical results", () => {
  const a = series(500, 9), b = series(500, 9);
  assert.deepEqual(bytes(a), bytes(b));
  assert.ok(Object.is(m.sharpeRatio(a), m.sharpeRatio(b)));
  assert.deepEqual(
    bytes(m.rollSharpeRatio(a, { window: 50 })),
    bytes(m.rollSharpeRatio(b, { window: 50 })),
  );
});

Deno.test("riskFree as a per-period array equals the scalar when constant", () => {
  const r = series(400, 11, 19), f = series(400, 12);
  const k = 0.00015, arr = new Float64Array(400).fill(k);
  const rel = (a: number, b: number) =>
    Math.abs(a - b) <= 1e-13 * Math.max(1, Math.abs(b));
  assert.ok(
    rel(m.sharpeRatio(r, { riskFree: arr }), m.sharpeRatio(r, { riskFree: k })),
  );
  assert.ok(
    rel(m.alpha(r, f, { riskFree: arr }), m.alpha(r, f, { riskFree: k })),
  );
  assert.ok(rel(m.beta(r, f, { riskFree: arr }), m.beta(r, f)));
  assert.ok(
    rel(m.omegaRatio(r, { riskFree: arr }), m.omegaRatio(r, { riskFree: k })),
  );
  assert.ok(
    rel(
      m.sortinoRatio(r, { requiredReturn: arr }),
      m.sortinoRatio(r, { requiredReturn: k }),
    ),
  );
  // and a varying one is used row by row: rf = r leaves zero excess everywhere
  assert.ok(Number.isNaN(m.sharpeRatio(r, { riskFree: r })));
});

Deno.test("sharpeRatio() is mean / std(ddof 1) * sqrt(ppy), ignoring NaN rows", () => {
  const r = new Float64Array([0.01, NaN, 0.03, -0.02, 0.02]);
  const v = [0.01, 0.03, -0.02, 0.02];
  const mean = v.reduce((s, x) => s + x) / 4;
  const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / 3);
  assert.ok(Math.abs(m.sharpeRatio(r) - (mean / sd) * Math.sqrt(252)) < 1e-12);
  assert.ok(
    Math.abs(
      m.annualVolatility(r, { periodsPerYear: 12 }) - sd * Math.sqrt(12),
    ) < 1e-15,
  );
});
