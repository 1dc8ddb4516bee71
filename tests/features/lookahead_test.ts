import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { createRng } from "../../lib/_shared/seed.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import { buildFeatures, FEATURES } from "../../lib/features/mod.ts";

const sp = await readSampleBars("SP500");
const aapl = await readSampleBars("AAPL");
const ALL = Object.keys(FEATURES);
const COLS = ["open", "high", "low", "close", "volume"] as const;

function cut(b: Bars, n: number): Bars {
  const out: Record<string, unknown> = {
    symbol: b.symbol,
    dates: b.dates.slice(0, n),
  };
  for (const c of COLS) out[c] = b[c].slice(0, n);
  return out as unknown as Bars;
}

/** Replace every bar after index t with random (positive, OHLC-consistent) values. */
function scramble(b: Bars, t: number, rng: () => number): Bars {
  const out: Record<string, unknown> = { symbol: b.symbol, dates: b.dates };
  for (const c of COLS) out[c] = b[c].slice();
  const o = out as unknown as Bars;
  for (let i = t + 1; i < b.close.length; i++) {
    const c = 1 + 5000 * rng();
    o.close[i] = c;
    o.open[i] = c * (0.9 + 0.2 * rng());
    o.high[i] = Math.max(c, o.open[i]) * (1 + rng() * 0.1);
    o.low[i] = Math.min(c, o.open[i]) * (1 - rng() * 0.1);
    o.volume[i] = 1e9 * rng();
  }
  return o;
}

/** Index of the last benchmark bar dated at or before `date`. */
function asOf(b: Bars, date: string): number {
  let j = -1;
  while (j + 1 < b.dates.length && b.dates[j + 1] <= date) j++;
  return j;
}

function sameUpTo(
  a: Float64Array,
  b: Float64Array,
  t: number,
  cols: number,
  what: string,
) {
  for (let i = 0; i < (t + 1) * cols; i++) {
    assert.ok(
      Object.is(a[i], b[i]) || (Number.isNaN(a[i]) && Number.isNaN(b[i])),
      `${what}: row ${Math.floor(i / cols)}, ${ALL[i % cols]}: ${a[i]} vs ${
        b[i]
      }`,
    );
  }
}

Deno.test("every feature at t is unchanged when bars after t are altered or deleted", () => {
  const rng = createRng(20240601);
  const base = buildFeatures(aapl, ALL, { benchmark: sp }).matrix.data;
  for (let k = 0; k < 8; k++) {
    const t = 1 + Math.floor(rng() * (aapl.close.length - 2));
    const date = aapl.dates[t];
    const j = asOf(sp, date);
    const altered = buildFeatures(scramble(aapl, t, rng), ALL, {
      benchmark: scramble(sp, j, rng),
    }).matrix.data;
    sameUpTo(base, altered, t, ALL.length, `altered after ${date}`);
    const deleted = buildFeatures(cut(aapl, t + 1), ALL, {
      benchmark: cut(sp, j + 1),
    }).matrix.data;
    sameUpTo(base, deleted, t, ALL.length, `deleted after ${date}`);
  }
});

Deno.test("early cut points (inside every lookback) also see no future data", () => {
  const rng = createRng(7);
  const names = ALL.filter((n) => !FEATURES[n].needsBenchmark);
  const base = buildFeatures(sp, names).matrix.data;
  for (const t of [0, 1, 13, 14, 19, 59, 60, 198, 199, 251]) {
    const a = buildFeatures(scramble(sp, t, rng), names).matrix.data;
    const d = buildFeatures(cut(sp, t + 1), names).matrix.data;
    for (let i = 0; i < (t + 1) * names.length; i++) {
      assert.ok(Object.is(a[i], base[i]), `altered, t=${t}, cell ${i}`);
      assert.ok(Object.is(d[i], base[i]), `deleted, t=${t}, cell ${i}`);
    }
  }
});

Deno.test("buildFeatures() leaves its inputs untouched and is bit-for-bit repeatable", () => {
  const copy = (b: Bars) => COLS.map((c) => b[c].slice());
  const before = copy(aapl), beforeSp = copy(sp);
  const a = buildFeatures(aapl, ALL, { benchmark: sp });
  const b = buildFeatures(aapl, ALL, { benchmark: sp });
  assert.deepEqual(copy(aapl), before);
  assert.deepEqual(copy(sp), beforeSp);
  assert.deepEqual(a.matrix.data, b.matrix.data);
});
