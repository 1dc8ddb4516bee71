import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { createRng } from "../../lib/_shared/seed.ts";
import {
  alignAsOf,
  atrNormalised,
  buildFeatures,
  FEATURES,
  macdHist,
  obvSlope,
  rollingExtreme,
  rollingKurt,
  rollingSkew,
  rollingSum,
  rollingZScore,
  rsiWilder,
  stochasticK,
  W1_FEATURES,
} from "../../lib/features/mod.ts";

const f64 = (xs: number[]) => new Float64Array(xs);

function bars(
  close: number[],
  extra: Partial<Record<"high" | "low" | "volume", number[]>> = {},
): Bars {
  const n = close.length;
  return {
    symbol: "T",
    dates: close.map((_, i) =>
      new Date(Date.UTC(2020, 0, 1) + i * 864e5).toISOString().slice(0, 10)
    ),
    open: f64(close),
    high: f64(extra.high ?? close),
    low: f64(extra.low ?? close),
    close: f64(close),
    volume: f64(extra.volume ?? new Array(n).fill(100)),
  };
}

Deno.test("rsiWilder() is 100 on all gains, 0 on all losses, NaN before the 14th change", () => {
  const up = Array.from({ length: 20 }, (_, i) => 10 + i);
  const r = rsiWilder(f64(up), 14);
  assert.ok(r.slice(0, 14).every(Number.isNaN));
  assert.deepEqual([...r.slice(14)], new Array(6).fill(100));
  assert.deepEqual(
    [...rsiWilder(f64([...up].reverse()), 14).slice(14)],
    new Array(6).fill(0),
  );
});

Deno.test("rsiWilder() seeds with the simple mean, then smooths by (avg*(n-1)+x)/n", () => {
  // changes +2, -1 (seed n=2: gain 1, loss 0.5), then +1: gain 1, loss 0.25
  const r = rsiWilder(f64([10, 12, 11, 12]), 2);
  assert.equal(r[2], 100 - 100 / (1 + 1 / 0.5));
  assert.equal(r[3], 100 - 100 / (1 + 1 / 0.25));
});

Deno.test("atrNormalised() uses the true range with the previous close and Wilder smoothing", () => {
  const high = f64([10, 11, 15, 12]);
  const low = f64([9, 10, 12, 8]);
  const close = f64([9.5, 10.5, 14, 9]);
  // TR[1] = max(1, |11-9.5|, |10-9.5|) = 1.5; TR[2] = max(3, 4.5, 1.5) = 4.5;
  // TR[3] = max(4, 2, 6) = 6. n=2: atr[2] = 3, atr[3] = (3 + 6) / 2 = 4.5
  const a = atrNormalised(high, low, close, 2);
  assert.ok(Number.isNaN(a[1]));
  assert.equal(a[2], 3 / 14);
  assert.equal(a[3], 4.5 / 9);
});

Deno.test("stochasticK() is 0 at the window low, 100 at the high and 50 on a flat window", () => {
  const k = stochasticK(
    f64([5, 6, 7, 7]),
    f64([4, 5, 6, 7]),
    f64([4, 6, 6.5, 7]),
    2,
  );
  assert.ok(Number.isNaN(k[0]));
  assert.equal(k[1], 100); // close 6 = max high 6, low 4
  assert.equal(k[2], 100 * (6.5 - 5) / (7 - 5));
  assert.equal(stochasticK(f64([3, 3]), f64([3, 3]), f64([3, 3]), 2)[1], 50);
});

Deno.test("obvSlope() is the least-squares slope of OBV in average volumes per day", () => {
  const s = obvSlope(f64([1, 2, 1, 2, 1]), f64([10, 10, 10, 10, 10]), 4);
  // OBV 0, 10, 0, 10, 0; window [10, 0, 10, 0] on x - 1.5 = [-1.5, -0.5, 0.5, 1.5]:
  // sxy = -15 + 5 = -10, sxx = 5, slope -2, over mean volume 10 = -0.2
  assert.ok(Math.abs(s[4] - -0.2) < 1e-15);
  assert.ok(Number.isNaN(s[2]));
  assert.ok(Number.isNaN(obvSlope(f64([1, 2, 3]), f64([0, 0, 0]), 3)[2]));
});

Deno.test("rolling moments are the sample-adjusted G1/G2 and NaN on a constant window", () => {
  // [1, 2, 3, 10]: mean 4, central moments m2 = 12.5, m3 = 45, m4 = 348.5
  const x = f64([1, 2, 3, 10]);
  const g1 = 45 / 12.5 ** 1.5 * Math.sqrt(12) / 2;
  assert.ok(Math.abs(rollingSkew(x, 4)[3] - g1) < 1e-14);
  // G2 = (5 * (348.5 / 156.25 - 3) + 6) * 3 / 2 = 3.228
  assert.ok(Math.abs(rollingKurt(x, 4)[3] - 3.228) < 1e-14);
  assert.ok(Number.isNaN(rollingSkew(x, 4)[2]));
  assert.ok(Number.isNaN(rollingSkew(f64([2, 2, 2, 2]), 4)[3]));
  assert.ok(Number.isNaN(rollingKurt(f64([2, 2, 2, 2]), 4)[3]));
});

Deno.test("macdHist() is 0 on a constant series and negative after a drop", () => {
  assert.ok(macdHist(f64([4, 4, 4, 4])).every((v) => v === 0));
  assert.ok(macdHist(f64([4, 4, 4, 2]))[3] < 0);
  assert.equal(macdHist(f64([])).length, 0);
});

Deno.test("rolling kernels turn NaN only for windows that hold a NaN", () => {
  const x = f64([1, 2, NaN, 4, 5, 6]);
  assert.deepEqual([...rollingSum(x, 2)], [NaN, 3, NaN, NaN, 9, 11]);
  assert.deepEqual([...rollingExtreme(x, 2, 1)], [NaN, 2, NaN, NaN, 5, 6]);
  assert.ok(
    Number.isNaN(rollingZScore(f64([5, 5, 5]), 3)[2]),
    "constant window",
  );
  assert.throws(() => rollingSum(x, 0), RangeError);
});

Deno.test("rollingExtreme() equals a brute-force max/min on random data", () => {
  const rng = createRng(3);
  const x = new Float64Array(500).map(() => Math.floor(rng() * 20));
  for (const k of [1, 3, 17]) {
    const hi = rollingExtreme(x, k, 1), lo = rollingExtreme(x, k, -1);
    for (let t = k - 1; t < x.length; t++) {
      const w = [...x.subarray(t - k + 1, t + 1)];
      assert.equal(hi[t], Math.max(...w));
      assert.equal(lo[t], Math.min(...w));
    }
  }
});

Deno.test("rollingSum() stays exact over a long series of large values", () => {
  const x = new Float64Array(100_000).map((_, i) => 1e8 + (i % 7) * 0.1);
  const s = rollingSum(x, 3);
  for (let t = 2; t < x.length; t += 997) {
    const ref = x[t - 2] + x[t - 1] + x[t];
    assert.ok(Math.abs(s[t] - ref) <= 1e-15 * ref * 4, `${s[t]} vs ${ref}`);
  }
});

Deno.test("alignAsOf() never takes a benchmark value dated after the target date", () => {
  const a = alignAsOf(
    ["2020-01-02", "2020-01-03", "2020-01-06"],
    ["2020-01-01", "2020-01-03", "2020-01-04", "2020-01-07"],
    f64([1, 2, 3, 4]),
  );
  assert.deepEqual([...a], [1, 2, 3]);
});

Deno.test("buildFeatures() handles empty, single-row, all-NaN and constant bars", () => {
  const empty = buildFeatures(bars([]), W1_FEATURES);
  assert.equal(empty.matrix.rows, 0);
  assert.equal(empty.firstUsableRow, 0);
  const one = buildFeatures(bars([5]), W1_FEATURES);
  assert.equal(one.firstUsableRow, 1);
  const nan = buildFeatures(bars(new Array(300).fill(NaN)), [
    "ret_1",
    "rsi_14",
  ]);
  assert.equal(nan.firstUsableRow, 300);
  const flat = buildFeatures(bars(new Array(300).fill(7)), [
    "ret_5",
    "rsi_14",
    "vol_z20",
  ]);
  assert.equal(flat.matrix.data[299 * 3], 0);
  assert.equal(flat.matrix.data[299 * 3 + 1], 100, "no loss: RSI 100");
  assert.ok(
    Number.isNaN(flat.matrix.data[299 * 3 + 2]),
    "constant volume: z undefined",
  );
});

Deno.test("buildFeatures() puts NaN before each lookback and values from it on", () => {
  const n = 400, rng = createRng(11);
  const c = Array.from({ length: n }, () => 100 + rng());
  const b = bars(c, {
    high: c.map((v) => v + 1),
    low: c.map((v) => v - 1),
    volume: c.map(() => 1e6 * (1 + rng())),
  });
  const names = Object.keys(FEATURES);
  const f = buildFeatures(b, names, { benchmark: b });
  names.forEach((name, j) => {
    const lb = FEATURES[name].lookback;
    if (lb > 0) {
      assert.ok(Number.isNaN(f.matrix.data[(lb - 1) * names.length + j]), name);
    }
    assert.ok(
      Number.isFinite(f.matrix.data[lb * names.length + j]),
      `${name} at ${lb}`,
    );
  });
  assert.equal(f.firstUsableRow, 251);
});

Deno.test("buildFeatures() rejects unknown names and cross-asset names without a benchmark", () => {
  assert.throws(() => buildFeatures(bars([1, 2]), ["ret_1", "nope"]), {
    name: "RangeError",
    message: /Unknown feature "nope": expected one of ret_1/,
  });
  assert.throws(
    () => buildFeatures(bars([1, 2]), ["beta_60"]),
    /expected a benchmark/,
  );
});
