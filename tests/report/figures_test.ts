import assert from "node:assert/strict";
import {
  distributionFigure,
  equityFigure,
  foldBarFigure,
  importanceHeatmap,
  linesFigure,
  monthlyHeatmap,
  monthlyReturns,
  rankTrajectories,
  rollingStats,
  weightsFigure,
} from "../../lib/report/mod.ts";
import { CATEGORICAL_20 } from "../../lib/report/importance_figures.ts";
import { regimeSpans } from "../../lib/report/equity_figure.ts";
const XSS = "<script>alert(1)</script>";

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

Deno.test("monthlyReturns() compounds each calendar month", () => {
  const m = monthlyReturns(
    ["2020-01-30", "2020-01-31", "2020-02-03", "2020-02-04", "2021-02-01"],
    new Float64Array([0.1, -0.1, 0.02, NaN, 0.5]),
  );
  assert.deepEqual(m.map((x) => [x.year, x.month]), [[2020, 1], [2020, 2], [
    2021,
    2,
  ]]);
  assert.ok(Math.abs(m[0].ret - (1.1 * 0.9 - 1)) < 1e-15); // -0.01
  assert.ok(Math.abs(m[1].ret - 0.02) < 1e-15); // NaN compounds as 0
  assert.equal(m[2].ret, 0.5);
  assert.throws(
    () => monthlyReturns(["2020-01-01"], new Float64Array(2)),
    RangeError,
  );
});

Deno.test("rollingStats() matches mean/std(n-1)*sqrt(252) and std*sqrt(252) per window", () => {
  const r = new Float64Array([0.01, -0.02, 0.03, 0.005, -0.01]);
  const d = ["a", "b", "c", "d", "e"];
  const rows = rollingStats(d, r, 3);
  assert.deepEqual(rows.map((x) => x.date), ["c", "d", "e"]);
  for (let k = 0; k < 3; k++) {
    const w = Array.from(r.subarray(k, k + 3));
    const mean = w.reduce((a, b) => a + b) / 3;
    const sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / 2);
    assert.ok(Math.abs(rows[k].sharpe - (mean / sd) * Math.sqrt(252)) < 1e-12);
    assert.ok(Math.abs(rows[k].volatility - sd * Math.sqrt(252) * 100) < 1e-10);
  }
  assert.deepEqual(rollingStats(d.slice(0, 2), r.subarray(0, 2), 3), []);
});

Deno.test("distributionFigure() marks the historical VaR and CVaR as positive losses", () => {
  // 101 returns -5.0% .. +5.0%: VaR 5% = s[5] = -4.5%; CVaR = mean of 6 smallest = -4.75%
  const r = Float64Array.from({ length: 101 }, (_, i) => (i - 50) / 1000);
  const svg = distributionFigure(r);
  assert.ok(svg.includes("VaR 95%: 4.50% loss"));
  assert.ok(svg.includes("CVaR 95%: 4.75% loss"));
  assert.ok(svg.includes('aria-label="rect"'), "histogram bars drawn");
  assert.ok(
    distributionFigure(r, { cutoff: 0.01 }).includes("VaR 99%: 4.90% loss"),
  );
});

Deno.test("foldBarFigure() draws one bar per finite fold value, twice (wide and narrow)", () => {
  const svg = foldBarFigure([
    { fold: "0", value: 1.2 },
    { fold: "1", value: -0.4 },
    { fold: "2", value: NaN },
  ], { threshold: 0.8 });
  const bars = [...svg.matchAll(/aria-label="bar"[^>]*>(.*?)<\/g>/g)].map((m) =>
    count(m[1], /<rect/g)
  );
  assert.deepEqual(bars, [2, 2]);
  assert.ok(
    svg.includes("#b22222") && svg.includes("#2e7d32"),
    "losses red, gains green",
  );
});

Deno.test("figures escape hostile labels (symbols, legends, aria labels)", () => {
  const w = weightsFigure([XSS, "B"], [
    { date: "2020-01-01", weights: [0.5, 0.5] },
    { date: "2020-02-01", weights: [0.2, 0.8] },
  ], { endDate: "2020-03-01" });
  assert.ok(!w.includes("<script"));
  assert.ok(w.includes("&lt;script&gt;"));
  const l = linesFigure(["2020-01-01", "2020-01-02"], [{
    name: XSS,
    values: [1, 2],
  }], { label: XSS });
  assert.ok(!l.includes("<script"));
  const e = equityFigure(
    { dates: ["2020-01-01", "2020-01-02"], equity: [1, 2] },
    { label: XSS, regimes: { labels: [0, 0], names: [XSS] } },
  );
  assert.ok(!e.includes("<script"));
  assert.throws(
    () => linesFigure(["2020-01-01"], [{ name: "a", values: [1, 2] }]),
    RangeError,
  );
});

Deno.test("regimeSpans() merges runs of one label and skips unknown (-1) days", () => {
  const d = [
    "2020-01-01",
    "2020-01-02",
    "2020-01-03",
    "2020-01-06",
    "2020-01-07",
    "2020-01-08",
  ];
  const spans = regimeSpans(d, {
    labels: [-1, 0, 0, 2, 2, 0],
    names: ["low", "normal", "high"],
  });
  assert.deepEqual(
    spans.map((
      s,
    ) => [
      s.start.toISOString().slice(0, 10),
      s.end.toISOString().slice(0, 10),
      s.regime,
    ]),
    [
      ["2020-01-02", "2020-01-03", "low"],
      ["2020-01-06", "2020-01-07", "high"],
      ["2020-01-08", "2020-01-08", "low"],
    ],
  );
});

Deno.test("monthlyHeatmap() labels each cell with its return in percent", () => {
  const svg = monthlyHeatmap({
    dates: ["2020-01-31", "2020-02-28", "2021-03-31"],
    returns: new Float64Array([0.012, -0.03, 0.0049]),
  });
  assert.ok(
    svg.includes(">1.2<") && svg.includes(">−3.0<") && svg.includes(">0.5<"),
  );
  assert.ok(svg.includes(">2020<") && svg.includes(">2021<"));
  assert.equal(count(svg, /<svg/g), 2);
});

Deno.test("monthlyHeatmap() writes light text on dark cells and whole percents on a phone", () => {
  const svg = monthlyHeatmap({
    dates: ["2020-01-31", "2020-02-28", "2020-03-31"],
    returns: new Float64Array([0.1, -0.1, 0.01]),
  });
  const [wide, narrow] = svg.split('<div class="narrow"');
  // the far ends of the diverging scale are dark: white text; the pale middle: dark text
  assert.match(wide, /fill="white"[^>]*>10\.0</);
  assert.match(wide, /fill="white"[^>]*>−10\.0</);
  assert.match(wide, /fill="#111"[^>]*>1\.0</);
  assert.ok(narrow.includes(">10<") && narrow.includes(">−10<"));
  assert.ok(
    !narrow.includes(">10.0<"),
    "one decimal spills out of a phone cell",
  );
});

function importanceRun(features: number) {
  const names = Array.from({ length: features }, (_, j) => `feature_${j}`);
  return {
    runId: "r",
    symbol: "X",
    model: "ridge",
    features: names,
    records: Array.from({ length: 6 }, (_, fold) => ({
      fold,
      importance: names.map((_, j) => 1 + ((j * 7 + fold * 3) % features)),
      sign: names.map(() => 1),
    })),
    permutation: [],
    summary: null,
    warmStartFrom: null,
  };
}

Deno.test("rankTrajectories() gives each of 14 features its own colour and names every line", () => {
  const svg = rankTrajectories(importanceRun(14));
  const [wide] = svg.split('<div class="narrow"');
  const strokes = new Set(
    [...wide.matchAll(/<path[^>]*stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]),
  );
  assert.equal(strokes.size, 14);
  for (const c of strokes) assert.ok(CATEGORICAL_20.includes(c));
  for (let j = 0; j < 14; j++) assert.ok(wide.includes(`>feature_${j}<`));
});

Deno.test("importanceHeatmap() has a colour legend in percent", () => {
  const svg = importanceHeatmap(importanceRun(4));
  assert.ok(svg.includes("importance share of the fold (%)"));
  assert.equal(count(svg, /<svg/g) >= 2, true);
});
