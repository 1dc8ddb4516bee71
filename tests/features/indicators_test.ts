import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/samples.ts";
import {
  atr,
  atrNormalised,
  bollinger,
  ema,
  macd,
  rollingStd,
  stochastic,
  trueRange,
  wilderSmooth,
} from "../../lib/features/mod.ts";

const sp = await readSampleBars("SP500");
const head = (n: number) => ({
  high: sp.high.slice(0, n),
  low: sp.low.slice(0, n),
  close: sp.close.slice(0, n),
});

Deno.test("indicators are causal: values up to t ignore every bar after t", () => {
  const t = 300, short = head(t + 1);
  const cut = (x: Float64Array, full: Float64Array) =>
    assert.deepEqual(x.subarray(0, t + 1), full.subarray(0, t + 1));
  cut(ema(short.close, 30), ema(sp.close, 30));
  cut(
    ema(short.close, 30, { seed: "first" }),
    ema(sp.close, 30, { seed: "first" }),
  );
  cut(macd(short.close).histogram, macd(sp.close).histogram);
  cut(atr(short, 14), atr(sp, 14));
  cut(bollinger(short.close).upper, bollinger(sp.close).upper);
  cut(stochastic(short).d, stochastic(sp).d);
});

Deno.test("indicators never mutate their inputs", () => {
  const b = head(400), copy = structuredClone(b);
  ema(b.close, 10);
  wilderSmooth(b.close, 10);
  macd(b.close);
  trueRange(b);
  atr(b, 14);
  bollinger(b.close);
  stochastic(b);
  assert.deepEqual(b, copy);
});

Deno.test("ema() and wilderSmooth() treat leading NaNs as warm-up and propagate later NaNs", () => {
  const x = new Float64Array([NaN, NaN, 1, 2, 3, NaN, 5]);
  assert.deepEqual([...ema(x, 2)], [NaN, NaN, NaN, 1.5, 2.5, NaN, NaN]);
  assert.deepEqual([...ema(x, 2, { seed: "first" })].slice(0, 3), [
    NaN,
    NaN,
    1,
  ]);
  assert.deepEqual([...wilderSmooth(x, 3)], [NaN, NaN, NaN, NaN, 2, NaN, NaN]);
  assert.deepEqual([...ema(new Float64Array(0), 3)], []);
  assert.deepEqual([...ema(new Float64Array([1, 2]), 3)], [NaN, NaN]);
});

Deno.test("macd() with a seeded fast EMA differs from ema(close, fast) exactly as TA-Lib's convention says", () => {
  const m = macd(sp.close, { fast: 12, slow: 26, signal: 9 });
  const slow = ema(sp.close, 26);
  let seed = 0;
  for (let i = 14; i <= 25; i++) seed += sp.close[i];
  const fast = ema(sp.close.subarray(14), 12); // starts at row 14, first value at row 25
  assert.equal(fast[11], seed / 12);
  assert.equal(m.line[33], fast[33 - 14] - slow[33]);
  assert.notEqual(m.line[33], ema(sp.close, 12)[33] - slow[33]);
});

Deno.test("atr() is Wilder's smoothing of the true range and atrNormalised() divides it by the close", () => {
  const a = atr(sp, 14);
  assert.deepEqual(a, wilderSmooth(trueRange(sp), 14));
  assert.deepEqual(
    atrNormalised(sp.high, sp.low, sp.close, 14),
    a.map((v, t) => v / sp.close[t]),
  );
  assert.deepEqual(atr(sp, 1).subarray(1), trueRange(sp).subarray(1));
});

Deno.test("bollinger() uses the population std and stochastic() gives 0 on a flat window", () => {
  const b = bollinger(sp.close, { period: 20, stdDevsUp: 1, stdDevsDown: 3 });
  const sd = rollingStd(sp.close, 20, { ddof: 0 });
  assert.equal(b.upper[100], b.middle[100] + sd[100]);
  assert.equal(b.lower[100], b.middle[100] - 3 * sd[100]);
  const flat = new Float64Array(8).fill(5);
  const s = stochastic({ high: flat, low: flat, close: flat }, { kPeriod: 3 });
  assert.deepEqual([...s.k].slice(6), [0, 0]);
});

Deno.test("indicators name a bad argument", () => {
  assert.throws(() => ema(sp.close, 0), /integer period >= 1, got 0/);
  assert.throws(() => ema(sp.close, 2.5), RangeError);
  assert.throws(
    () => ema([1, 2] as unknown as Float64Array, 2),
    /expected a Float64Array input, got Array/,
  );
  assert.throws(
    () => ema(sp.close, 3, { seed: "zero" as "sma" }),
    /"seed" expected "sma" or "first"/,
  );
  assert.throws(() => macd(sp.close, { fast: 26, slow: 12 }), /fast < slow/);
  assert.throws(
    () => atr({ high: sp.high, low: sp.low.subarray(1), close: sp.close }, 14),
    /"low" of length 5104 \(close has 5105\)/,
  );
  assert.throws(
    () => bollinger(sp.close, { stdDevsUp: NaN }),
    /"stdDevsUp" expected a finite number/,
  );
  assert.throws(() => stochastic(sp, { dPeriod: 0 }), /dPeriod/);
  assert.throws(() => rollingStd(sp.close, 1), /window >= 2/);
});
