import assert from "node:assert/strict";
import {
  adfTest,
  engleGranger,
  mackinnonCrit,
  mackinnonP,
} from "../../lib/strategies/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(new URL("../golden/adf.json", import.meta.url)),
);

for (const c of golden.adf) {
  Deno.test(`adfTest() matches the plain-python golden: ${c.name}`, () => {
    const x = Float64Array.from(c.series as number[]);
    const opts = c.requestedLags === null
      ? { autolag: "AIC" as const }
      : { lags: c.requestedLags };
    const r = adfTest(x, opts);
    assert.equal(r.lags, c.lags);
    assert.equal(r.nobs, c.nobs);
    assert.ok(Math.abs(r.stat - c.stat) < 1e-8, `stat ${r.stat} vs ${c.stat}`);
    assert.ok(
      Math.abs(r.pValue - c.pValue) < 1e-6,
      `p ${r.pValue} vs ${c.pValue}`,
    );
    assert.ok(Math.abs(r.criticalValues["1%"] - c.crit[0]) < 1e-10);
    assert.ok(Math.abs(r.criticalValues["5%"] - c.crit[1]) < 1e-10);
    assert.ok(Math.abs(r.criticalValues["10%"] - c.crit[2]) < 1e-10);
  });
}

Deno.test("engleGranger() matches the plain-python golden (log: false)", () => {
  const g = golden.engleGranger;
  const r = engleGranger(Float64Array.from(g.a), Float64Array.from(g.b), {
    log: false,
  });
  assert.ok(Math.abs(r.hedgeRatio - g.hedgeRatio) < 1e-9);
  assert.ok(Math.abs(r.intercept - g.intercept) < 1e-8);
  assert.equal(r.lags, g.lags);
  assert.ok(Math.abs(r.stat - g.stat) < 1e-8);
  assert.ok(Math.abs(r.pValue - g.pValue) < 1e-9);
  assert.ok(Math.abs(r.criticalValues["5%"] - g.crit[1]) < 1e-10);
  assert.equal(r.cointegrated, true);
});

Deno.test("mackinnonP() is monotone in tau and near the 5% quantile at the asymptotic 5% value", () => {
  let prev = 0;
  for (let tau = -8; tau <= 2; tau += 0.25) {
    const p = mackinnonP(tau);
    assert.ok(p >= prev - 1e-12, `not monotone at ${tau}`);
    prev = p;
  }
  assert.ok(
    Math.abs(mackinnonP(mackinnonCrit(Infinity)["5%"]) - 0.05) < 0.003,
  );
  assert.ok(
    Math.abs(
      mackinnonP(mackinnonCrit(Infinity, { nSeries: 2 })["5%"], {
        nSeries: 2,
      }) - 0.05,
    ) < 0.003,
  );
  assert.equal(mackinnonP(-30), 0);
  assert.equal(mackinnonP(5), 1);
  assert.ok(Number.isNaN(mackinnonP(NaN)));
});

Deno.test("adfTest() rejects NaN input and too-short series", () => {
  assert.throws(
    () => adfTest(new Float64Array([1, NaN, 2, 3, 4, 5, 6, 7])),
    /index 1/,
  );
  assert.throws(
    () => adfTest(new Float64Array([1, 2, 3])),
    /more observations/,
  );
});

Deno.test("adfTest() does not mutate its input", () => {
  const x = Float64Array.from(golden.adf[0].series as number[]);
  const copy = x.slice();
  adfTest(x);
  assert.deepEqual(x, copy);
});

Deno.test("adfTest() gives NaN on a constant series and engleGranger() names a constant hedge leg", () => {
  const r = adfTest(new Float64Array(100).fill(3));
  assert.ok(Number.isNaN(r.stat) && Number.isNaN(r.pValue));
  const a = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.throws(
    () => engleGranger(a, new Float64Array(100).fill(3)),
    /regressors that vary independently/,
  );
});
