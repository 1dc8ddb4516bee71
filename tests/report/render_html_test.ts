import assert from "node:assert/strict";
import {
  equityFigure,
  foldedTableHtml,
  readReportMeta,
  renderHtml,
  type ReportModel,
  tableHtml,
  writeReport,
} from "../../lib/report/mod.ts";

const XSS = "<script>alert(1)</script>";
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

function sample(): ReportModel {
  return {
    title: `Phase 1: ${XSS}`,
    subtitle: XSS,
    generatedAt: "2020-01-01T00:00:00Z",
    sections: [
      {
        kind: "headline",
        title: "Headline",
        cards: [{ label: XSS, value: "1.23" }],
      },
      {
        kind: "table",
        title: "Folds",
        columns: ["symbol", "sharpe"],
        rows: [[XSS, 0.5]],
      },
      {
        kind: "figure",
        title: "Equity",
        svg: equityFigure({
          dates: ["2020-01-01", "2020-01-02", "2020-01-03"],
          equity: new Float64Array([1, 0.8, 1.1]),
        }),
      },
      { kind: "text", title: "Note", text: XSS },
    ],
    manifest: { symbol: XSS },
  };
}

Deno.test("renderHtml() escapes every user-supplied string", () => {
  const html = renderHtml(sample());
  assert.ok(!html.includes("<script"), "no script tag survives");
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
});

Deno.test("renderHtml() is self-contained: no external URL, inline CSS, SVG figures", () => {
  const html = renderHtml(sample());
  assert.ok(!/(src|href)=["']?https?:/i.test(html));
  assert.ok(!html.includes("<link"));
  // equity + drawdown panels, each drawn wide and narrow
  assert.equal((html.match(/<svg/g) ?? []).length, 4);
  // the phone rendering is hidden inline (notebook cells have no report CSS) and
  // swapped in by the page CSS under 600 px
  assert.ok(html.includes('<div class="narrow" style="display:none">'));
  assert.ok(
    html.includes(
      "@media (max-width:600px){body{font-size:14px}main{padding:8px}.fig .wide{display:none!important}.fig .narrow{display:block!important}",
    ),
  );
  // on a phone a table row becomes a card of "title: value" lines
  assert.ok(html.includes(".tw td::before{content:attr(data-label)"));
  assert.ok(html.includes("@media print"));
  assert.ok(html.includes("Run manifest"));
});

Deno.test("tableHtml() right-aligns numbers only and shows a missing value as a dash", () => {
  const t = tableHtml(["a", "b"], [["x", 2], [null, 3.5]]);
  assert.equal((t.match(/<td [^>]*text-align: right;/g) ?? []).length, 2);
  assert.equal((t.match(/<td [^>]*text-align: left;/g) ?? []).length, 2);
  assert.ok(
    t.includes(
      '<td data-label="a" style="text-align: left; white-space:nowrap">-</td>',
    ),
  );
});

Deno.test("tableHtml() formats each column by its unit: counts, percents, ratios, money, notes", () => {
  const t = tableHtml([
    { title: "days", format: "int" },
    { title: "return", format: "pct" },
    { title: "Sharpe", format: "ratio" },
    { title: "capital", format: "money" },
    { title: "VaR", format: "pct" },
  ], [[4599, -0.37311, 1.0691, 100000, "needs 20 returns, has 4"], [
    12,
    NaN,
    Infinity,
    100057.041,
    0.029,
  ]]);
  const cells = [...t.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, [
    "4,599",
    "-37.31%",
    "1.07",
    "100,000",
    "needs 20 returns, has 4",
    "12",
    "-",
    "-",
    "100,057.04",
    "2.90%",
  ]);
});

Deno.test("tableHtml() escapes column titles and cells", () => {
  const t = tableHtml([XSS], [[XSS]]);
  assert.ok(!t.includes("<script"));
  // the title, the cell and the cell's data-label (its column title, for phones)
  assert.equal((t.match(/&lt;script&gt;/g) ?? []).length, 3);
});

Deno.test("equityFigure() draws the drawdown panel from the running peak and rejects misaligned input", () => {
  const svg = equityFigure({
    dates: ["2020-01-01", "2020-01-02"],
    equity: new Float64Array([2, 1]),
  });
  assert.ok(svg.includes("Drawdown (%)"));
  // drawdown is drawn as a positive percentage: the axis counts 0, 20, 40 toward the
  // 50% trough, never negative
  assert.ok(svg.includes(">40<"), "drawdown axis spans the 50% trough");
  assert.ok(!svg.includes(">−40<"));
  assert.throws(
    () => equityFigure({ dates: ["2020-01-01"], equity: new Float64Array(2) }),
    RangeError,
  );
});

Deno.test("writeReport() creates folders and writes the page", async () => {
  const dir = await Deno.makeTempDir();
  await writeReport(`${dir}/x/y/r.html`, renderHtml(sample()));
  assert.ok(
    (await Deno.readTextFile(`${dir}/x/y/r.html`)).startsWith(
      "<!doctype html>",
    ),
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("renderHtml() states conventions, renders missing sections with their command and escapes both", () => {
  const html = renderHtml({
    title: "t",
    subtitle: "s",
    generatedAt: "g",
    conventions: [`fills at the close ${XSS}`],
    sections: [{
      kind: "missing",
      title: "Walk-forward",
      text: `No run for ${XSS}`,
      command: `deno task walkforward --symbol ${XSS}`,
    }],
    manifest: null,
  });
  assert.ok(!html.includes("<script"));
  assert.ok(html.includes('<section class="missing">'));
  assert.ok(
    html.includes(
      "<code>deno task walkforward --symbol &lt;script&gt;alert(1)&lt;/script&gt;</code>",
    ),
  );
  assert.ok(html.includes("<li>fills at the close &lt;script&gt;"));
});

Deno.test("renderHtml() carries title, date and headline cards in a meta tag that readReportMeta() reads back", () => {
  const html = renderHtml({ ...sample(), kind: "phase1" });
  const meta = readReportMeta(html);
  assert.deepEqual(meta, {
    title: `Phase 1: ${XSS}`,
    kind: "phase1",
    generatedAt: "2020-01-01T00:00:00Z",
    cards: [{ label: XSS, value: "1.23" }],
  });
  assert.equal(readReportMeta("<html></html>"), null);
});

Deno.test("renderHtml() links only relative paths and colours PASS/FAIL cells", () => {
  const link = (href: string) =>
    renderHtml({
      title: "i",
      subtitle: "",
      generatedAt: "",
      sections: [{
        kind: "links",
        title: "Reports",
        links: [{ href, title: XSS, date: "2020-01-01", cards: [] }],
      }],
      manifest: null,
    });
  assert.ok(
    link("weekly/index.html").includes(
      '<a href="weekly/index.html">&lt;script',
    ),
  );
  assert.throws(() => link("javascript:alert(1)"), RangeError);
  assert.throws(() => link("https://example.com/x.html"), RangeError);
  assert.throws(() => link("//example.com/x.html"), RangeError);
  const t = tableHtml(["r"], [["PASS"], ["FAIL"], ["pass"]]);
  assert.ok(t.includes('color:#1b5e20;font-weight:600">PASS</td>'));
  assert.ok(t.includes('color:#b71c1c;font-weight:600">FAIL</td>'));
  assert.ok(
    t.includes(
      '<td data-label="r" style="text-align: left; white-space:nowrap">pass</td>',
    ),
  );
});

Deno.test("tableHtml() shows each numeric column with one number of decimals", () => {
  const html = tableHtml(["fold", "return %", "note"], [
    [0, 15.5, "a"],
    [1, 5.35, null],
    [2, -0.6, "<b>"],
  ]);
  const cells = [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells, [
    "0",
    "15.50",
    "a",
    "1",
    "5.35",
    "-",
    "2",
    "-0.60",
    "&lt;b&gt;",
  ]);
});

Deno.test("foldedTableHtml() shows the 5 worst and 5 best of a long table and folds all rows below", () => {
  const rows = Array.from({ length: 30 }, (_, i) => [i, ((i * 7) % 30) / 10]);
  const t = foldedTableHtml(
    [{ title: "fold", format: "int" }, {
      title: "Sharpe",
      format: "ratio",
    }],
    rows,
    { rankBy: "Sharpe" },
  );
  const [shown, folded] = t.split("<details>");
  assert.ok(shown.includes("the 5 worst and 5 best of 30 rows by Sharpe"));
  const sharpes = [...shown.matchAll(/data-label="Sharpe"[^>]*>([^<]*)</g)].map(
    (m) => m[1],
  );
  assert.deepEqual(sharpes, [
    "0.00",
    "0.10",
    "0.20",
    "0.30",
    "0.40",
    "2.50",
    "2.60",
    "2.70",
    "2.80",
    "2.90",
  ]);
  assert.ok(folded.includes("<summary>All 30 rows</summary>"));
  assert.equal(count(folded, /data-label="fold"/g), 30);
  // 20 rows or fewer: the table as is; without a ranking up to 40 rows stay whole
  assert.ok(!foldedTableHtml(["a"], [[1], [2]]).includes("<details>"));
  const list = (n: number) => Array.from({ length: n }, (_, i) => [i]);
  assert.ok(!foldedTableHtml(["a"], list(21)).includes("<details>"));
  assert.ok(
    foldedTableHtml(["a"], list(41)).includes(
      "Showing the first 20 of 41 rows.",
    ),
  );
});
