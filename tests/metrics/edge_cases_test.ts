import assert from "node:assert/strict";
import * as m from "../../lib/metrics/mod.ts";

const E = new Float64Array(0);
const ALL_NAN = new Float64Array([NaN, NaN, NaN]);
const ONE = new Float64Array([-0.1]);
const CONST = new Float64Array(252).fill(0.001);

const isNaN = (x: number, label: string) =>
  assert.ok(Number.isNaN(x), `${label}: expected NaN, got ${x}`);

Deno.test("unary ratios are NaN on empty, single-row and all-NaN input", () => {
  const fns: Record<string, (r: Float64Array) => number> = {
    annualVolatility: m.annualVolatility,
    sharpeRatio: m.sharpeRatio,
    sortinoRatio: m.sortinoRatio,
    omegaRatio: m.omegaRatio,
    stabilityOfTimeseries: m.stabilityOfTimeseries,
    skewness: m.skewness,
    kurtosis: m.kurtosis,
  };
  for (const [name, fn] of Object.entries(fns)) {
    isNaN(fn(E), `${name}(empty)`);
    isNaN(fn(ALL_NAN), `${name}(all NaN)`);
    isNaN(fn(ONE), `${name}(one row)`);
  }
  for (const fn of [m.cumReturnsFinal, m.maxDrawdown, m.annualReturn]) {
    isNaN(fn(E), `${fn.name}(empty)`);
  }
  for (
    const fn of [
      m.downsideRisk,
      m.tailRatio,
      m.valueAtRisk,
      m.conditionalValueAtRisk,
      m.calmarRatio,
      m.hitRate,
    ]
  ) {
    isNaN(fn(E), `${fn.name}(empty)`);
    isNaN(fn(ALL_NAN), `${fn.name}(all NaN)`);
  }
});

Deno.test("NaN returns compound as 0: all-NaN input is flat, not missing", () => {
  assert.deepEqual(Array.from(m.cumReturns(ALL_NAN)), [0, 0, 0]);
  assert.equal(m.cumReturnsFinal(ALL_NAN), 0);
  assert.equal(m.maxDrawdown(ALL_NAN), 0);
  assert.equal(m.annualReturn(ALL_NAN), 0);
  assert.deepEqual(Array.from(m.drawdownSeries(ALL_NAN)), [0, 0, 0]);
  assert.deepEqual(
    { ...m.drawdownDuration(ALL_NAN) },
    { maxDurationDays: 0, currentDurationDays: 0, underwaterFraction: 0 },
  );
});

Deno.test("annualReturn() counts NaN periods as time", () => {
  const r = new Float64Array([0.1, NaN]);
  assert.ok(
    Math.abs(m.annualReturn(r, { periodsPerYear: 1 }) - (Math.sqrt(1.1) - 1)) <
      1e-15,
  );
});

Deno.test("a constant series has zero spread exactly, so Sharpe is infinite", () => {
  assert.equal(m.annualVolatility(CONST), 0);
  assert.equal(m.sharpeRatio(CONST), Infinity);
  assert.equal(m.sharpeRatio(CONST.map((v) => -v)), -Infinity);
  isNaN(m.sharpeRatio(new Float64Array(10)), "sharpe of zeros");
  // riskFree equal to the return leaves 0 / 0
  isNaN(m.sharpeRatio(CONST, { riskFree: 0.001 }), "sharpe net of rf");
  assert.equal(m.sortinoRatio(CONST), Infinity);
  assert.equal(m.downsideRisk(CONST), 0);
  isNaN(m.omegaRatio(CONST), "omega with nothing below the threshold");
  assert.equal(m.maxDrawdown(CONST), 0);
  isNaN(m.calmarRatio(CONST), "calmar without drawdown");
  assert.ok(Math.abs(m.stabilityOfTimeseries(CONST) - 1) < 1e-12);
  assert.equal(m.stabilityOfTimeseries(new Float64Array(5)), 0);
  assert.equal(m.tailRatio(CONST), 1);
  assert.equal(m.valueAtRisk(CONST), 0.001);
  assert.equal(m.conditionalValueAtRisk(CONST), 0.001);
  isNaN(m.skewness(CONST), "skew");
  isNaN(m.kurtosis(CONST), "kurtosis");
  assert.equal(m.hitRate(CONST), 1);
  assert.ok(Math.abs(m.cagr(CONST) - (1.001 ** 252 - 1)) < 1e-13);
});

Deno.test("a single losing row: the start counts as a peak", () => {
  assert.ok(Math.abs(m.maxDrawdown(ONE) + 0.1) < 1e-15);
  assert.deepEqual(Array.from(m.drawdownSeries(ONE), (v) => +v.toFixed(12)), [
    -0.1,
  ]);
  assert.ok(Math.abs(m.cumReturnsFinal(ONE) + 0.1) < 1e-15);
  assert.ok(Math.abs(m.downsideRisk(ONE) - 0.1 * Math.sqrt(252)) < 1e-12);
  assert.ok(
    Math.abs(m.calmarRatio(ONE) - (0.9 ** 252 - 1) / 0.1) < 1e-9,
  );
  assert.equal(m.valueAtRisk(ONE), -0.1);
  assert.equal(m.conditionalValueAtRisk(ONE), -0.1);
  assert.equal(m.tailRatio(ONE), 1);
  assert.equal(m.hitRate(ONE), 0);
  assert.deepEqual({ ...m.drawdownDuration(ONE) }, {
    maxDurationDays: 1,
    currentDurationDays: 1,
    underwaterFraction: 1,
  });
});

Deno.test("factor metrics are NaN on empty, single-row, all-NaN and flat-benchmark input", () => {
  const fns: Record<string, (r: Float64Array, f: Float64Array) => number> = {
    excessSharpe: m.excessSharpe,
    alpha: m.alpha,
    beta: m.beta,
    capture: m.capture,
    upCapture: m.upCapture,
    downCapture: m.downCapture,
    upDownCapture: m.upDownCapture,
    upBeta: (r, f) => m.upAlphaBeta(r, f).beta,
    downAlpha: (r, f) => m.downAlphaBeta(r, f).alpha,
  };
  for (const [name, fn] of Object.entries(fns)) {
    isNaN(fn(E, E), `${name}(empty)`);
    isNaN(fn(ALL_NAN, ALL_NAN), `${name}(all NaN)`);
    // capture ratios annualise a single row like annualReturn does
    if (!/apture/.test(name)) isNaN(fn(ONE, ONE), `${name}(one row)`);
  }
  assert.equal(m.capture(ONE, ONE), 1);
  isNaN(m.upCapture(ONE, ONE), "upCapture without an up row");
  assert.equal(m.downCapture(ONE, ONE), 1);
  const flat = new Float64Array(5).fill(0.01);
  const r = new Float64Array([0.01, 0.02, -0.01, 0.03, 0]);
  isNaN(m.beta(r, flat), "beta against a flat benchmark");
  isNaN(m.alpha(r, flat), "alpha against a flat benchmark");
  // only one paired row left after dropping NaN
  isNaN(
    m.beta(new Float64Array([0.01, NaN]), new Float64Array([0.02, 0.01])),
    "beta one pair",
  );
  // a constant active return has zero tracking error
  const f = new Float64Array([0.5, 0.25, -0.25, 0.125]); // dyadic: r - f exact
  assert.equal(m.excessSharpe(f.map((v) => v + 0.5), f), Infinity);
});

Deno.test("rolling metrics are empty when the window is longer than the series", () => {
  const r = new Float64Array([0.01, 0.02, 0.03]);
  assert.equal(m.rollMaxDrawdown(E).length, 0);
  assert.equal(m.rollSharpeRatio(r, { window: 4 }).length, 0);
  assert.equal(m.rollAlphaBeta(r, r, { window: 4 }).alpha.length, 0);
  assert.equal(m.rollUpCapture(r, r).length, 0); // default window 10
  assert.equal(m.rollMaxDrawdown(r, { window: 3 }).length, 1);
  assert.equal(m.rollSharpeRatio(r, { window: 1 }).length, 3);
  isNaN(m.rollSharpeRatio(r, { window: 1 })[0], "Sharpe of one row");
});

Deno.test("trade, turnover, exposure and duration helpers handle empty and NaN input", () => {
  const t = m.tradeStats(E);
  assert.equal(t.trades, 0);
  for (
    const k of [
      "winRate",
      "payoffRatio",
      "profitFactor",
      "avgWin",
      "avgLoss",
      "expectancy",
      "avgHoldingDays",
    ] as const
  ) {
    isNaN(t[k], `tradeStats.${k}`);
  }
  assert.equal(m.tradeStats(ALL_NAN).trades, 0);
  isNaN(m.turnover(E), "turnover(empty)");
  isNaN(m.turnover(new Float64Array([1])), "turnover(one row)");
  isNaN(m.turnover(ALL_NAN), "turnover(all NaN)");
  assert.equal(m.turnover(new Float64Array(4).fill(0.5)), 0);
  for (const v of Object.values(m.exposure(ALL_NAN))) isNaN(v, "exposure");
  for (const v of Object.values(m.drawdownDuration(E))) isNaN(v, "duration");
});

Deno.test("bad arguments throw TypeError / RangeError naming the field", () => {
  const r = new Float64Array([0.01, 0.02, 0.03]);
  assert.throws(
    () => m.sharpeRatio([0.01, 0.02] as unknown as Float64Array),
    (e: Error) =>
      e instanceof TypeError &&
      /"returns" expected a Float64Array, got Array/.test(e.message),
  );
  assert.throws(
    () => m.beta(r, new Float64Array(2)),
    (e: Error) =>
      e instanceof RangeError &&
      /"factorReturns" expected 3 rows/.test(e.message),
  );
  assert.throws(
    () => m.sharpeRatio(r, { riskFree: new Float64Array(2) }),
    (e: Error) =>
      e instanceof RangeError &&
      /"riskFree" expected a number or 3 per-period values, got 2/.test(
        e.message,
      ),
  );
  assert.throws(() => m.annualReturn(r, { periodsPerYear: 0 }), RangeError);
  assert.throws(() => m.rollSharpeRatio(r, { window: 0 }), RangeError);
  assert.throws(
    () => m.valueAtRisk(r, { cutoff: 1.5 }),
    /"cutoff" expected a number in \[0, 1\], got 1.5/,
  );
  assert.throws(
    () => m.conditionalValueAtRisk(r, { cutoff: -0.01 }),
    /"cutoff" expected a number in \[0, 1\]/,
  );
  assert.throws(() => m.valueAtRisk(r, { cutoff: NaN }), RangeError);
  assert.throws(() => m.normalInv(1.5), RangeError);
  assert.throws(() => m.probabilisticSharpeRatio(0.1, { nObs: 1 }), RangeError);
  assert.throws(
    () =>
      m.deflatedSharpeRatio(0.1, {
        nObs: 100,
        trials: 0,
        trialSharpeVariance: 1,
      }),
    RangeError,
  );
  assert.throws(
    () => m.deflatedSharpeRatio(0.1, { nObs: 100, trials: 10 }),
    RangeError,
  );
  assert.throws(
    () => m.tradeStats(r, new Float64Array(1)),
    (e: Error) => e instanceof RangeError && /"holdingDays"/.test(e.message),
  );
});

Deno.test("series functions return empty arrays on empty input and flat paths on constant input", () => {
  assert.equal(m.cumReturns(E).length, 0);
  assert.equal(m.drawdownSeries(E).length, 0);
  assert.equal(m.rollAlphaBeta(E, E).beta.length, 0);
  assert.equal(m.rollDownCapture(E, E).length, 0);
  assert.ok(m.drawdownSeries(CONST).every((v) => v === 0));
  assert.ok(m.rollMaxDrawdown(CONST).every((v) => v === 0));
  assert.ok(
    m.rollSharpeRatio(CONST, { window: 20 }).every((v) => v === Infinity),
  );
  const ab = m.rollAlphaBeta(CONST, CONST, { window: 20 });
  assert.ok(ab.beta.every(Number.isNaN)); // a flat benchmark has no beta
  assert.deepEqual({ ...m.drawdownDuration(CONST) }, {
    maxDurationDays: 0,
    currentDurationDays: 0,
    underwaterFraction: 0,
  });
  assert.deepEqual({ ...m.exposure(new Float64Array(3).fill(1)) }, {
    timeInMarket: 1,
    longFraction: 1,
    shortFraction: 0,
    meanGross: 1,
    meanNet: 1,
  });
});

Deno.test("valueAtRisk() and conditionalValueAtRisk() accept the closed cutoffs 0 and 1, as empyrical", () => {
  const r = new Float64Array([0.02, -0.03, NaN, 0.01, -0.01]);
  assert.equal(m.valueAtRisk(r, { cutoff: 0 }), -0.03);
  assert.equal(m.valueAtRisk(r, { cutoff: 1 }), 0.02);
  assert.equal(m.conditionalValueAtRisk(r, { cutoff: 0 }), -0.03);
  assert.equal(
    m.conditionalValueAtRisk(r, { cutoff: 1 }),
    (0.02 - 0.03 + 0.01 - 0.01) / 4,
  );
});
