import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { readSampleBars } from "../../lib/data/samples.ts";
import {
  atr,
  bollinger,
  ema,
  FEATURES,
  macd,
  rollingMean,
  rsiWilder,
  stochastic,
  trueRange,
  wilderSmooth,
} from "../../lib/features/mod.ts";

interface Output {
  begin: number;
  first: number[];
  values: (number | null)[];
}
interface Sample {
  rows: number[];
  outputs: Record<string, Output>;
}
const golden: Record<string, Sample> = JSON.parse(
  await Deno.readTextFile(new URL("../golden/talib.json", import.meta.url)),
);
const samples: Record<string, Bars> = {
  sp500: await readSampleBars("SP500"),
  aapl: await readSampleBars("AAPL"),
};

/** Every indicator output by the name the TA-Lib harness prints. */
function indicatorOutputs(b: Bars): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const n of [2, 10, 30, 200]) out[`ema_${n}`] = ema(b.close, n);
  for (const n of [50, 200]) out[`sma_${n}`] = rollingMean(b.close, n);
  for (const n of [10, 30]) {
    out[`ema_first_${n}`] = ema(b.close, n, { seed: "first" });
  }
  for (const [fast, slow, signal] of [[12, 26, 9], [5, 35, 5], [3, 10, 16]]) {
    const m = macd(b.close, { fast, slow, signal });
    const k = `macd_${fast}_${slow}_${signal}`;
    [out[`${k}_line`], out[`${k}_signal`], out[`${k}_hist`]] = [
      m.line,
      m.signal,
      m.histogram,
    ];
  }
  out.trange = trueRange(b);
  for (const n of [1, 14, 50]) out[`atr_${n}`] = atr(b, n);
  const v = b.volume.slice();
  v[0] = NaN; // the harness smooths TR = volume from row 1 on
  for (const n of [5, 14]) out[`wilder_${n}`] = wilderSmooth(v, n);
  out.rsi_14 = rsiWilder(b.close, 14);
  for (const [period, up, down] of [[20, 2, 2], [5, 1.5, 2.5], [50, 2, 2]]) {
    const bb = bollinger(b.close, { period, stdDevsUp: up, stdDevsDown: down });
    const k = `bb_${period}_${up}_${down}`;
    [out[`${k}_upper`], out[`${k}_middle`], out[`${k}_lower`]] = [
      bb.upper,
      bb.middle,
      bb.lower,
    ];
  }
  for (
    const [kPeriod, kSmoothing, dPeriod] of [
      [5, 3, 3],
      [14, 3, 3],
      [14, 1, 1],
      [9, 5, 2],
    ]
  ) {
    const s = stochastic(b, { kPeriod, kSmoothing, dPeriod });
    const k = `stoch_${kPeriod}_${kSmoothing}_${dPeriod}`;
    [out[`${k}_k`], out[`${k}_d`]] = [s.k, s.d];
  }
  return out;
}

/** |a - b| <= 1e-9 max(1, |b|): absolute below 1, relative above (prices ~1,000). */
function near(a: number, b: number, what: string): void {
  assert.ok(
    Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)),
    `${what}: ${a} vs TA-Lib ${b} (diff ${Math.abs(a - b)})`,
  );
}

for (const name of ["sp500", "aapl"]) {
  const g = golden[name];
  Deno.test(`indicators match TA-Lib 0.6 on ${name} (${samples[name].close.length} bars) to 1e-9`, () => {
    const ours = indicatorOutputs(samples[name]);
    assert.deepEqual(Object.keys(ours).sort(), Object.keys(g.outputs).sort());
    for (const [key, o] of Object.entries(g.outputs)) {
      const x = ours[key];
      assert.equal(x.length, samples[name].close.length);
      // undefined exactly where TA-Lib has no output yet; "first" seeding is defined
      // from row 0 (TA-Lib's METASTOCK mode computes those rows but prints from n - 1)
      const warm = key.startsWith("ema_first");
      for (let t = 0; t < o.begin; t++) {
        assert.equal(Number.isNaN(x[t]), !warm, `${key}[${t}]`);
      }
      o.first.forEach((v, i) =>
        near(x[o.begin + i], v, `${key}[${o.begin + i}]`)
      );
      g.rows.forEach((row, i) => {
        const v = o.values[i];
        if (v !== null) near(x[row], v, `${key}[${row}]`);
        else assert.equal(Number.isNaN(x[row]), !warm, `${key}[${row}]`);
      });
    }
  });
}

Deno.test("every catalogue feature names its convention", () => {
  for (const [name, f] of Object.entries(FEATURES)) {
    assert.ok(f.convention.length > 10, `${name} has no convention`);
  }
  assert.match(FEATURES.macd_hist.convention, /NOT TA-Lib's MACD/);
  assert.match(FEATURES.bb_z20.convention, /ddof 1/);
});
