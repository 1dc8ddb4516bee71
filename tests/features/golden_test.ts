import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/samples.ts";
import {
  buildFeatures,
  FEATURES,
  W1_FEATURES,
} from "../../lib/features/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(
    new URL("../golden/features_sp500.json", import.meta.url),
  ),
);
const sp = await readSampleBars("SP500");
const aapl = await readSampleBars("AAPL");

function near(a: number, b: number, rel: number, what: string): void {
  assert.ok(
    Math.abs(a - b) <= rel * Math.abs(b),
    `${what}: ${a} vs golden ${b} (rel ${Math.abs(a - b) / Math.abs(b)})`,
  );
}

Deno.test("buildFeatures() matches the plain-python golden on the S&P 500 to 1e-10 relative", () => {
  const names = Object.keys(FEATURES).filter((n) =>
    !FEATURES[n].needsBenchmark
  );
  const f = buildFeatures(sp, names);
  let checked = 0;
  for (const [row, values] of Object.entries(golden.sp500.rows)) {
    const t = Number(row);
    assert.equal(f.dates[t], golden.sp500.dates[row]);
    for (const [name, v] of Object.entries(values as Record<string, number>)) {
      const c = names.indexOf(name);
      near(f.matrix.data[t * f.matrix.cols + c], v, 1e-10, `${name} @ ${row}`);
      checked++;
    }
  }
  assert.ok(checked >= 6 * 18, `only ${checked} golden values checked`);
});

Deno.test("buildFeatures() W1 set starts at row 199 on the S&P 500, as the SPEC says", () => {
  const f = buildFeatures(sp, W1_FEATURES);
  assert.equal(f.firstUsableRow, 199);
  assert.deepEqual(f.names, W1_FEATURES);
  const row198 = f.matrix.data.subarray(198 * 12, 199 * 12);
  assert.ok(Number.isNaN(row198[10]), "dist_sma200 is undefined at row 198");
  assert.equal(row198.filter(Number.isFinite).length, 11);
});

Deno.test("cross-asset features match the golden (AAPL vs S&P 500 as of each date)", () => {
  const names = ["bench_ret_1", "beta_60", "corr_60"];
  const f = buildFeatures(aapl, names, { benchmark: sp });
  assert.equal(f.firstUsableRow, 60);
  for (const [row, values] of Object.entries(golden.aapl_vs_sp500.rows)) {
    const t = Number(row);
    assert.equal(f.dates[t], golden.aapl_vs_sp500.dates[row]);
    names.forEach((name, c) =>
      near(
        f.matrix.data[t * 3 + c],
        (values as Record<string, number>)[name],
        1e-10,
        `${name} @ ${row}`,
      )
    );
  }
});

Deno.test("vol_20 equals a direct two-pass sample std on every S&P 500 row to 1e-12", () => {
  const v = FEATURES.vol_20.compute(sp, {});
  const c = sp.close;
  for (let t = 20; t < c.length; t++) {
    let m = 0;
    for (let i = t - 19; i <= t; i++) m += Math.log(c[i] / c[i - 1]);
    m /= 20;
    let ss = 0;
    for (let i = t - 19; i <= t; i++) {
      ss += (Math.log(c[i] / c[i - 1]) - m) ** 2;
    }
    const ref = Math.sqrt(ss / 19);
    assert.ok(
      Math.abs(v[t] - ref) <= 1e-12 * ref,
      `row ${t}: ${v[t]} vs ${ref}`,
    );
  }
});

Deno.test("dist_sma200 equals a direct window mean on every S&P 500 row to 1e-13 absolute", () => {
  const d = FEATURES.dist_sma200.compute(sp, {});
  const c = sp.close;
  for (let t = 199; t < c.length; t++) {
    let s = 0;
    for (let i = t - 199; i <= t; i++) s += c[i];
    const ref = c[t] / (s / 200) - 1;
    assert.ok(Math.abs(d[t] - ref) <= 1e-13, `row ${t}: ${d[t]} vs ${ref}`);
  }
});
