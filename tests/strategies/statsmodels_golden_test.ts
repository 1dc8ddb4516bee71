import assert from "node:assert/strict";
import {
  adfTest,
  type CriticalValues,
  engleGranger,
  mackinnonCrit,
  mackinnonP,
  type TrendTerm,
} from "../../lib/strategies/mod.ts";

const golden = JSON.parse(
  await Deno.readTextFile(
    new URL("../golden/cointegration.json", import.meta.url),
  ),
);
const series = (name: string) => Float64Array.from(golden.series[name]);
const TOL = 1e-10;

function close(a: number, b: number, tol: number, what: string): void {
  const d = Math.abs(a - b);
  assert.ok(d <= tol, `${what}: ${a} vs statsmodels ${b} (diff ${d})`);
}
function crit(c: CriticalValues): number[] {
  return [c["1%"], c["5%"], c["10%"]];
}

for (const c of golden.adf) {
  Deno.test(`adfTest() matches statsmodels adfuller to 1e-10: ${c.name}`, () => {
    const r = adfTest(series(c.series), {
      regression: c.regression as TrendTerm,
      autolag: c.autolag,
      ...(c.maxLags === null ? {} : { maxLags: c.maxLags }),
    });
    assert.equal(r.lags, c.lags);
    assert.equal(r.nobs, c.nobs);
    close(r.stat, c.stat, TOL, "stat");
    close(r.pValue, c.pValue, TOL, "p-value");
    crit(r.criticalValues).forEach((v, i) => close(v, c.crit[i], TOL, "crit"));
    if (c.icBest !== null) close(r.icBest, c.icBest, 1e-8, "icbest");
  });
}

for (const c of golden.coint) {
  Deno.test(`engleGranger() matches statsmodels coint to 1e-10: ${c.name}`, () => {
    const r = engleGranger(
      series(c.y),
      (c.x as string[]).map(series),
      {
        log: false,
        trend: c.trend as TrendTerm,
        autolag: c.autolag,
        ...(c.maxLags === null ? {} : { maxLags: c.maxLags }),
      },
    );
    close(r.stat, c.stat, TOL, "stat");
    close(r.pValue, c.pValue, TOL, "p-value");
    crit(r.criticalValues).forEach((v, i) =>
      c.trend === "n"
        ? assert.ok(Number.isNaN(v) && c.crit[i] === null)
        : close(v, c.crit[i], TOL, "crit")
    );
  });
}

Deno.test("engleGranger() follows statsmodels on a perfect fit: stat -Infinity, p-value 0", () => {
  const r = engleGranger(series("y_exact"), series("x1"), { log: false });
  assert.equal(golden.perfect.stat, "-inf");
  assert.equal(r.stat, -Infinity);
  assert.equal(r.pValue, golden.perfect.pValue);
  assert.equal(r.cointegrated, true);
});

Deno.test("mackinnonP() matches statsmodels mackinnonp for every case, N = 1..6, to 1e-15", () => {
  for (const c of golden.mackinnonP) {
    (golden.taus as number[]).forEach((tau, i) => {
      const p = mackinnonP(tau, {
        regression: c.regression,
        nSeries: c.nSeries,
      });
      close(p, c.p[i], 1e-15, `${c.regression} N=${c.nSeries} tau=${tau}`);
    });
  }
});

Deno.test("mackinnonCrit() matches statsmodels mackinnoncrit for every case to 1e-12", () => {
  for (const c of golden.mackinnonCrit) {
    const r = mackinnonCrit(c.nobs ?? Infinity, {
      regression: c.regression,
      nSeries: c.nSeries,
    });
    crit(r).forEach((v, i) =>
      close(v, c.crit[i], 1e-12, `${c.regression} N=${c.nSeries} T=${c.nobs}`)
    );
  }
});

Deno.test("mackinnonP() and mackinnonCrit() name a bad case", () => {
  assert.throws(() => mackinnonP(-3, { nSeries: 7 }), /\[1, 6\]/);
  assert.throws(
    () => mackinnonCrit(100, { regression: "n", nSeries: 2 }),
    /\[1, 1\] for regression "n"/,
  );
  assert.throws(
    () => mackinnonP(-3, { regression: "x" as TrendTerm }),
    /"n", "c", "ct" or "ctt"/,
  );
});
