import { escapeHtml } from "./escape_html.ts";
import type { ReportModel, ReportSection } from "./model.ts";

/**
 * Render a report model as one self-contained HTML page.
 *
 * Inline CSS only (no external request, opens from file://), responsive (SVG scale to
 * max-width:100%), print styles, dark-on-light, numbers right-aligned. Every string from
 * the model is HTML-escaped except figure `svg`, which figure functions produce.
 *
 * @param model The report.
 * @returns The HTML document.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderHtml } from "./render_html.ts";
 * const html = renderHtml({ title: "<b>", subtitle: "", generatedAt: "2020-01-01", sections: [], manifest: null });
 * assert.ok(html.includes("&lt;b&gt;"));
 * ```
 */
export function renderHtml(model: ReportModel): string {
  const body = model.sections.map(renderSection).join("\n");
  const manifest = model.manifest === null
    ? "<p>No run manifest.</p>"
    : `<pre>${escapeHtml(JSON.stringify(model.manifest, null, 2))}</pre>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
<style>${CSS}</style></head>
<body><main>
<h1>${escapeHtml(model.title)}</h1>
<p class="sub">${escapeHtml(model.subtitle)} &middot; generated ${
    escapeHtml(model.generatedAt)
  }</p>
${body}
<section><h2>Run manifest</h2>${manifest}</section>
</main></body></html>
`;
}

function renderSection(s: ReportSection): string {
  const h = `<h2>${escapeHtml(s.title)}</h2>`;
  switch (s.kind) {
    case "headline":
      return `<section>${h}<div class="cards">${
        s.cards.map((c) =>
          `<div class="card"><span>${escapeHtml(c.label)}</span><b>${
            escapeHtml(c.value)
          }</b></div>`
        )
          .join("")
      }</div></section>`;
    case "table":
      return `<section>${h}${tableHtml(s.columns, s.rows)}</section>`;
    case "figure":
      return `<section>${h}<figure>${s.svg}${
        s.caption ? `<figcaption>${escapeHtml(s.caption)}</figcaption>` : ""
      }</figure></section>`;
    case "text":
      return `<section>${h}<p>${escapeHtml(s.text)}</p></section>`;
  }
}

/**
 * An HTML table with escaped cells; numeric cells are right-aligned.
 *
 * @param columns Header labels.
 * @param rows Cell values (null shows as an empty cell).
 * @returns The `<table>` HTML (usable from notebooks with `Deno.jupyter.html`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tableHtml } from "./render_html.ts";
 * assert.ok(tableHtml(["a"], [[1]]).includes('<td class="num">1</td>'));
 * ```
 */
export function tableHtml(
  columns: readonly string[],
  rows: readonly (string | number | null)[][],
): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = rows.map((r) =>
    `<tr>${
      r.map((v) =>
        typeof v === "number"
          ? `<td class="num">${escapeHtml(v)}</td>`
          : `<td>${escapeHtml(v)}</td>`
      ).join("")
    }</tr>`
  ).join("");
  return `<div class="tw"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

const CSS =
  `body{margin:0;background:#fff;color:#111;font:15px/1.45 system-ui,sans-serif}main{max-width:960px;margin:auto;padding:16px}
h1{font-size:1.5em;margin:.2em 0}.sub{color:#444}section{margin:1.5em 0}svg{max-width:100%;height:auto}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}.card{border:1px solid #ccc;border-radius:6px;padding:8px}
.card span{display:block;color:#444;font-size:.85em}.card b{font-size:1.3em}.tw{overflow-x:auto}table{border-collapse:collapse}
th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{white-space:pre-wrap;font-size:.8em;background:#f6f6f6;padding:8px}
@media print{main{max-width:none}section{break-inside:avoid}.tw{overflow:visible}}`;
