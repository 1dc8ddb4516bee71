import assert from "node:assert/strict";
import { readSampleBars } from "../../lib/data/mod.ts";
import {
  equityFigure,
  keyMetricsTable,
  performanceSections,
  worstDrawdownsTable,
  yearlyReturnsTable,
} from "../../lib/report/mod.ts";
import { assertNoBadNumbers } from "../_no_bad_numbers.ts";

const sp = await readSampleBars("SP500");
/** Trailing daily returns of the index, dated by the bar that earns them. */
const dates = sp.dates.slice(1);
const held = Float64Array.from(
  dates,
  (_, i) => sp.close[i + 1] / sp.close[i] - 1,
);

Deno.test("worstDrawdownsTable() dates the GFC drawdown of the S&P 500: peak 2007-10-09, valley 2009-03-09, back at the high 2013-03-28", () => {
  const t = worstDrawdownsTable(held, dates, 3);
  const [gfc, dotcom] = t.rows;
  assert.deepEqual(gfc.slice(0, 3), ["2007-10-09", "2009-03-09", "2013-03-28"]);
  const i0 = sp.dates.indexOf("2007-10-09"),
    i1 = sp.dates.indexOf("2009-03-09");
  assert.ok(
    Math.abs(Number(gfc[3]) - (1 - sp.close[i1] / sp.close[i0])) < 1e-12,
  );
  // trading days from the peak to the valley and to the recovery
  assert.equal(gfc[4], i1 - i0);
  assert.equal(gfc[6], sp.dates.indexOf("2013-03-28") - i0);
  // the dot-com fall, from the high of 2000-03-24, recovered only in 2007
  assert.equal(dotcom[0], "2000-03-24");
  assert.equal(dotcom[2], "2007-05-30");
});

Deno.test("yearlyReturnsTable() compounds each calendar year against the benchmark", () => {
  const half = held.map((r) => 0.5 * r);
  const t = yearlyReturnsTable(half, dates, { name: "SP500", returns: held });
  const y2008 = t.rows.find((r) => r[0] === "2008")!;
  // independent: last close of 2008 / last close of 2007 - 1
  const last = (y: string) => sp.dates.findLastIndex((d) => d.startsWith(y));
  const want = sp.close[last("2008")] / sp.close[last("2007")] - 1;
  assert.ok(Math.abs(Number(y2008[3]) - want) < 1e-12);
  assert.ok(Math.abs(Number(y2008[4]) - (Number(y2008[2]) - want)) < 1e-15);
  assert.equal(y2008[1], 253);
});

Deno.test("keyMetricsTable() sets the strategy against the benchmark: half the index has beta 0.5 and correlation 1", () => {
  const half = held.map((r) => 0.5 * r);
  const t = keyMetricsTable(half, { name: "SP500", returns: held });
  const row = (name: string) => t.rows.find((r) => r[0] === name)!;
  assert.equal(row("Beta")[1], "0.50");
  assert.equal(row("Correlation")[1], "1.00");
  assert.equal(row("Max drawdown")[2], "56.78%");
  for (
    const name of [
      "Sortino (ann.)",
      "Calmar",
      "Skew",
      "Excess kurtosis",
      "Tail ratio",
      "Omega",
    ]
  ) {
    assert.match(String(row(name)[1]), /^-?\d+\.\d\d$/, name);
  }
  assert.deepEqual(t.columns.map((c) => c.title), [
    "metric",
    "strategy",
    "SP500",
  ]);
  // against itself: no excess returns, so no excess Sharpe (a dash, never NaN)
  const self = keyMetricsTable(held, { name: "SP500", returns: held });
  assert.equal(self.rows.find((r) => r[0] === "Excess Sharpe (ann.)")![1], "-");
});

Deno.test("performanceSections() draws the benchmark on the equity (log scale on request), states the start of the equity, and prints no NaN", () => {
  const equity = new Float64Array(held.length);
  let e = 100000;
  held.forEach((r, i) => (equity[i] = e *= 1 + 0.5 * r));
  const s = performanceSections("test", {
    dates,
    returns: held.map((r) => 0.5 * r),
    equity,
  }, {
    benchmark: { name: "buy-and-hold SP500", returns: held },
    logScale: true,
  });
  const fig = s[0];
  assert.ok(fig.kind === "figure");
  assert.match(fig.title, /equity and drawdown against buy-and-hold SP500/);
  assert.match(
    fig.caption ?? "",
    /^Account equity, starting at 100,000, buy-and-hold SP500 compounded from the same start, log scale/,
  );
  assert.ok(fig.svg.includes("Equity (log scale)"));
  assert.ok(fig.svg.includes("— buy-and-hold SP500"));
  assert.deepEqual(
    s.filter((x) => x.kind === "table").map((x) =>
      x.title.replace("test: ", "")
    ),
    [
      "key metrics against buy-and-hold SP500",
      "worst drawdowns",
      "end-of-year returns against buy-and-hold SP500",
      "value at risk (historical, 1 day)",
    ],
  );
  assertNoBadNumbers(
    JSON.stringify(s.filter((x) => x.kind === "table")),
    "tables",
  );
  const plain = equityFigure({
    dates: ["2020-01-01", "2020-01-02"],
    equity: [1, 1.1],
  });
  assert.ok(!plain.includes("log scale"));
});
