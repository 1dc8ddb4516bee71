import { escapeHtml } from "./escape_html.ts";
import type { ReportLink, ReportModel, ReportSection } from "./model.ts";

/** Name of the `<meta>` tag holding a report's title, date and headline (for the index). */
export const REPORT_META = "tradelab-report";

/**
 * Render a report model as one self-contained HTML page.
 *
 * Inline CSS only (no external request, opens from file://), responsive (figures switch
 * to their phone rendering under 600 px, SVGs scale to 100% width), print styles,
 * dark-on-light, numbers right-aligned. Every string from the model is HTML-escaped
 * except figure `svg`, which figure functions produce. A `<meta name="tradelab-report">`
 * carries title, date and the first headline's cards as JSON for the index page.
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
  const conv = model.conventions?.length
    ? `<ul class="conv">${
      model.conventions.map((c) => `<li>${escapeHtml(c)}</li>`).join("")
    }</ul>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="${REPORT_META}" content="${
    escapeHtml(JSON.stringify(meta(model)))
  }">
<title>${escapeHtml(model.title)}</title>
<style>${CSS}</style></head>
<body><main>
<h1>${escapeHtml(model.title)}</h1>
<p class="sub">${escapeHtml(model.subtitle)} &middot; generated ${
    escapeHtml(model.generatedAt)
  }</p>
${conv}
${body}
<section><h2>Run manifest</h2>${manifest}</section>
</main></body></html>
`;
}

function meta(model: ReportModel): Record<string, unknown> {
  const head = model.sections.find((s) => s.kind === "headline");
  return {
    title: model.title,
    kind: model.kind ?? "report",
    generatedAt: model.generatedAt,
    cards: head?.kind === "headline" ? head.cards.slice(0, 6) : [],
  };
}

function renderSection(s: ReportSection): string {
  const h = `<h2>${escapeHtml(s.title)}</h2>`;
  switch (s.kind) {
    case "headline":
      return `<section>${h}${cardsHtml(s.cards)}</section>`;
    case "table":
      return `<section>${h}${tableHtml(s.columns, s.rows)}${
        s.caption ? `<p class="cap">${escapeHtml(s.caption)}</p>` : ""
      }</section>`;
    case "figure":
      return `<section>${h}<figure>${s.svg}${
        s.caption ? `<figcaption>${escapeHtml(s.caption)}</figcaption>` : ""
      }</figure></section>`;
    case "text":
      return `<section>${h}<p>${escapeHtml(s.text)}</p></section>`;
    case "missing":
      return `<section class="missing">${h}<p>${
        escapeHtml(s.text)
      }</p><p>To produce it: <code>${
        escapeHtml(s.command)
      }</code></p></section>`;
    case "links":
      return `<section>${h}<ul class="links">${
        s.links.map(linkHtml).join("")
      }</ul></section>`;
  }
}

function cardsHtml(cards: readonly { label: string; value: string }[]): string {
  return `<div class="cards">${
    cards.map((c) =>
      `<div class="card"><span>${escapeHtml(c.label)}</span><b>${
        escapeHtml(c.value)
      }</b></div>`
    ).join("")
  }</div>`;
}

function linkHtml(l: ReportLink): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(l.href) || l.href.startsWith("//")) {
    throw new RangeError(
      `Cannot link "${l.href}": expected a relative path without a scheme`,
    );
  }
  return `<li><a href="${escapeHtml(l.href)}">${
    escapeHtml(l.title)
  }</a> <span class="date">${escapeHtml(l.date)}</span>${
    l.cards.length ? cardsHtml(l.cards) : ""
  }</li>`;
}

/**
 * An HTML table with escaped cells; numeric cells are right-aligned, "PASS"/"FAIL"
 * cells are coloured.
 *
 * @param columns Header labels.
 * @param rows Cell values (null shows as an empty cell).
 * @returns The `<table>` HTML (a notebook displays it as HTML: Deno's `jupyter.html` or tslab's `display.html`).
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
  const digits = columns.map((_, j) => columnDigits(rows, j));
  const body = rows.map((r) =>
    `<tr>${r.map((v, j) => cellHtml(v, digits[j])).join("")}</tr>`
  ).join("");
  return `<div class="tw"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/**
 * Decimals to show in a numeric column: the most any of its (already rounded) numbers
 * has, at most 4, so a column of 15.5 and 5.35 reads 15.50 and 5.35.
 */
function columnDigits(
  rows: readonly (string | number | null)[][],
  j: number,
): number {
  let d = 0;
  for (const r of rows) {
    const v = r[j];
    if (typeof v !== "number" || !Number.isFinite(v) || Number.isInteger(v)) {
      continue;
    }
    const text = String(v);
    if (text.includes("e")) return 4;
    d = Math.max(d, text.length - text.indexOf(".") - 1);
  }
  return Math.min(d, 4);
}

function cellHtml(v: string | number | null, digits: number): string {
  if (typeof v === "number") {
    const text = Number.isFinite(v) ? v.toFixed(digits) : String(v);
    return `<td class="num">${escapeHtml(text)}</td>`;
  }
  if (v === "PASS") return `<td class="pass">PASS</td>`;
  if (v === "FAIL") return `<td class="fail">FAIL</td>`;
  return `<td>${escapeHtml(v)}</td>`;
}

const CSS =
  `body{margin:0;background:#fff;color:#111;font:15px/1.45 system-ui,sans-serif}main{max-width:960px;margin:auto;padding:16px}
h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em}.sub{color:#444}section{margin:1.5em 0}
.fig svg{display:block;width:100%;height:auto;max-width:100%}figure{margin:0}
figcaption,.cap{color:#444;font-size:.85em}.conv{color:#333;font-size:.85em;padding-left:1.2em}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}.card{border:1px solid #ccc;border-radius:6px;padding:8px}
.card span{display:block;color:#444;font-size:.85em}.card b{font-size:1.3em}.tw{overflow-x:auto}table{border-collapse:collapse}
th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.pass{color:#1b5e20;font-weight:600}td.fail{color:#b71c1c;font-weight:600}
.missing{border-left:4px solid #e0a000;padding-left:10px}code{background:#f3f3f3;padding:1px 4px;border-radius:3px;word-break:break-word}
.links{list-style:none;padding:0}.links li{margin:0 0 12px}.links .date{color:#555;font-size:.85em;margin-left:6px}
pre{white-space:pre-wrap;word-break:break-word;font-size:.8em;background:#f6f6f6;padding:8px}
@media (max-width:600px){body{font-size:14px}main{padding:8px}.fig .wide{display:none!important}.fig .narrow{display:block!important}}
@media print{main{max-width:none}section{break-inside:avoid}.tw{overflow:visible}.fig .wide{display:block!important}.fig .narrow{display:none!important}a{color:#000}}`;
