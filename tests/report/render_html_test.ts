import assert from "node:assert/strict";
import {
  equityFigure,
  renderHtml,
  type ReportModel,
  tableHtml,
  writeReport,
} from "../../lib/report/mod.ts";

const XSS = "<script>alert(1)</script>";

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
  assert.equal((html.match(/<svg/g) ?? []).length, 2);
  assert.ok(html.includes("@media print"));
  assert.ok(html.includes("Run manifest"));
});

Deno.test("tableHtml() right-aligns numbers only", () => {
  const t = tableHtml(["a", "b"], [["x", 2], [null, 3.5]]);
  assert.equal((t.match(/class="num"/g) ?? []).length, 2);
  assert.ok(t.includes("<td></td>"));
});

Deno.test("equityFigure() draws the drawdown panel from the running peak and rejects misaligned input", () => {
  const svg = equityFigure({
    dates: ["2020-01-01", "2020-01-02"],
    equity: new Float64Array([2, 1]),
  });
  assert.ok(svg.includes("Drawdown (%)"));
  assert.ok(svg.includes(">−40<"), "drawdown axis spans the -50% trough");
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
