/**
 * The one table renderer of the project: report sections, notebook cells and console
 * tasks show rows through it, with each column's unit from `column_format.ts`. HTML
 * goes through arquero's `toHTML` (per-column format functions and alignment); text
 * through {@linkcode textTable}, which fits a width by wrapping whole columns.
 *
 * @module
 */
import { table as aqTable } from "arquero";
import {
  type ColumnFormat,
  formatCell,
  isNumericFormat,
  MISSING,
} from "./column_format.ts";
import { escapeHtml } from "./escape_html.ts";

/** A column: its title and what its numbers are (omitted: inferred from the values). */
export interface TableColumn {
  readonly title: string;
  readonly format?: ColumnFormat;
}

/** A cell: a raw number (formatted by its column), a text, or nothing. */
export type TableCell = string | number | null;

/** Columns as given to a table: titles alone (format inferred) or typed columns. */
export type TableColumns = readonly (string | TableColumn)[];

/** A column with its format resolved. */
interface Resolved {
  readonly title: string;
  readonly format: ColumnFormat | { readonly digits: number };
  readonly numeric: boolean;
}

/**
 * Resolve each column's format: declared, else numbers with the most decimals any of
 * them has (at most 4; they were rounded by the caller), else text.
 */
function resolve(
  columns: TableColumns,
  rows: readonly (readonly TableCell[])[],
): Resolved[] {
  return columns.map((c, j) => {
    const col = typeof c === "string" ? { title: c } : c;
    if (col.format) {
      return {
        title: col.title,
        format: col.format,
        numeric: isNumericFormat(col.format),
      };
    }
    const nums = rows.map((r) => r[j]).filter((v) => typeof v === "number");
    return {
      title: col.title,
      format: { digits: inferredDigits(nums as number[]) },
      numeric: nums.length > 0,
    };
  });
}

function inferredDigits(values: readonly number[]): number {
  let d = 0;
  for (const v of values) {
    if (!Number.isFinite(v) || Number.isInteger(v)) continue;
    const text = String(v);
    if (text.includes("e")) return 4;
    d = Math.max(d, text.length - text.indexOf(".") - 1);
  }
  return Math.min(d, 4);
}

function show(v: unknown, f: Resolved["format"]): string {
  if (typeof f === "string") return formatCell(v, f);
  if (typeof v === "number") {
    return Number.isFinite(v) ? v.toFixed(f.digits) : MISSING;
  }
  return formatCell(v, "text");
}

/** Cell styles of the HTML table: verdict words coloured. */
const VERDICT_STYLE: Readonly<Record<string, string>> = {
  PASS: "color:#1b5e20;font-weight:600",
  FAIL: "color:#b71c1c;font-weight:600",
};

/**
 * An HTML table through arquero's `toHTML`: every cell escaped, numbers formatted by
 * their column and right-aligned (tabular figures), "PASS"/"FAIL" coloured; wrapped
 * in a horizontally scrolling `<div class="tw">`.
 *
 * @param columns Titles, or `{ title, format }` (see `formatCell`).
 * @param rows Cell values, one array per row (null shows as "-").
 * @returns The HTML (a notebook displays it as HTML: Deno's `jupyter.html` or tslab's `display.html`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tableHtml } from "./table.ts";
 * const html = tableHtml([{ title: "days", format: "int" }, { title: "return", format: "pct" }], [[4599, 0.1234]]);
 * assert.ok(html.includes(">4,599</td>"));
 * assert.ok(html.includes(">12.34%</td>"));
 * ```
 */
export function tableHtml(
  columns: TableColumns,
  rows: readonly (readonly TableCell[])[],
): string {
  const cols = resolve(columns, rows);
  const names = uniqueNames(cols.map((c) => escapeHtml(c.title)));
  const data: Record<string, TableCell[]> = {};
  names.forEach((n, j) => (data[n] = rows.map((r) => r[j] ?? null)));
  const format: Record<string, (v: unknown) => string> = {};
  const align: Record<string, "l" | "r"> = {};
  names.forEach((n, j) => {
    format[n] = (v) => show(v, cols[j].format);
    align[n] = cols[j].numeric ? "r" : "l";
  });
  // numbers and short texts (dates, names) never wrap; long texts do
  const nowrap = cols.map((c, j) =>
    c.numeric ||
    rows.every((r) => show(r[j] ?? null, c.format).length <= 24)
  );
  const index = new Map(names.map((n, j) => [n, j]));
  const html = aqTable(data).toHTML({
    format,
    align,
    style: {
      table: "font-variant-numeric:tabular-nums",
      td: (name: string, row: number) => {
        const j = index.get(name) ?? 0;
        const v = rows[row]?.[j];
        const verdict = typeof v === "string" ? VERDICT_STYLE[v] ?? "" : "";
        return [nowrap[j] ? "white-space:nowrap" : "", verdict].filter(Boolean)
          .join(";");
      },
    },
  });
  return `<div class="tw">${labelCells(html, names)}</div>`;
}

/**
 * Give every body cell a `data-label` with its column title, so the phone layout can
 * show each row as a card of "title: value" lines (arquero's `toHTML` writes no cell
 * attributes besides `style`).
 */
function labelCells(html: string, names: readonly string[]): string {
  const i = html.indexOf("<tbody");
  if (i < 0) return html;
  const body = html.slice(i).replace(
    /<tr[^>]*>(.*?)<\/tr>/gs,
    (row: string) => {
      let j = 0;
      return row.replace(
        /<td(?=[ >])/g,
        () => `<td data-label="${names[j++] ?? ""}"`,
      );
    },
  );
  return html.slice(0, i) + body;
}

/** Options of {@linkcode foldedTableHtml}. */
export interface FoldedTableOptions {
  /** Rows shown before the rest folds away. @default 20 */
  readonly maxRows?: number;
  /** Column title to pick the worst and best rows by (else the first rows show). */
  readonly rankBy?: string;
  /** Worst and best rows shown when ranked. @default 5 */
  readonly keep?: number;
}

/**
 * A table that stays short: up to `maxRows` rows as is; longer, the `keep` worst and
 * best rows by `rankBy` with the full table folded into a `<details>` element below.
 * A table without a ranking column folds only past twice `maxRows` (showing the first
 * `maxRows`).
 *
 * @param columns Titles, or `{ title, format }`.
 * @param rows Cell values.
 * @param options Row limit, ranking column, rows kept.
 * @returns The HTML.
 */
export function foldedTableHtml(
  columns: TableColumns,
  rows: readonly (readonly TableCell[])[],
  options: FoldedTableOptions = {},
): string {
  const max = options.maxRows ?? 20;
  // a ranked table folds past max rows; a list without a ranking (key metrics) only
  // when it is twice as long
  if (rows.length <= (options.rankBy ? max : 2 * max)) {
    return tableHtml(columns, rows);
  }
  const titles = columns.map((c) => (typeof c === "string" ? c : c.title));
  const j = options.rankBy ? titles.indexOf(options.rankBy) : -1;
  const keep = Math.min(options.keep ?? 5, Math.floor(max / 2));
  let shown: (readonly TableCell[])[], what: string;
  if (j >= 0) {
    const num = (r: readonly TableCell[]) =>
      typeof r[j] === "number" && Number.isFinite(r[j]) ? r[j] as number : NaN;
    const ranked = rows.filter((r) => Number.isFinite(num(r)))
      .sort((a, b) => num(a) - num(b));
    shown = [...ranked.slice(0, keep), ...ranked.slice(-keep)];
    what = `the ${keep} worst and ${keep} best of ${rows.length} rows by ${
      titles[j]
    }`;
  } else {
    shown = rows.slice(0, max);
    what = `the first ${max} of ${rows.length} rows`;
  }
  return `<p class="cap">Showing ${escapeHtml(what)}.</p>${
    tableHtml(columns, shown)
  }<details><summary>All ${rows.length} rows</summary>${
    tableHtml(columns, rows)
  }</details>`;
}

/** Column names made unique (arquero keys columns by name). */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} (${k})`;
  });
}

/** Options of {@linkcode textTable}. */
export interface TextTableOptions {
  /** Widest line; wider tables wrap whole columns into blocks. @default 100 */
  readonly maxWidth?: number;
  /** Columns repeated at the left of every block. @default 1 */
  readonly keyColumns?: number;
}

/**
 * An aligned text table (numbers right-aligned, text left, two spaces between
 * columns). When it is wider than `maxWidth`, the columns after the key columns are
 * split into blocks that fit, each printed under the key columns, blocks separated by a
 * blank line: the table wraps deliberately instead of overflowing.
 *
 * @param columns Titles, or `{ title, format }`.
 * @param rows Cell values.
 * @param options Width and key columns.
 * @returns Lines joined by `\n` (no trailing spaces).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { textTable } from "./table.ts";
 * const t = textTable([{ title: "symbol" }, { title: "return", format: "pct" }], [["SP500", -0.3731]]);
 * assert.equal(t, "symbol   return\nSP500   -37.31%");
 * ```
 */
export function textTable(
  columns: TableColumns,
  rows: readonly (readonly TableCell[])[],
  options: TextTableOptions = {},
): string {
  const cols = resolve(columns, rows);
  const cells = rows.map((r) =>
    cols.map((c, j) => show(r[j] ?? null, c.format))
  );
  const width = cols.map((c, j) =>
    Math.max(c.title.length, ...cells.map((r) => r[j].length))
  );
  const keys = Math.min(options.keyColumns ?? 1, cols.length);
  const max = options.maxWidth ?? 100;
  const blocks: number[][] = [];
  const keyWidth = width.slice(0, keys).reduce((a, w) => a + w + 2, 0);
  let block: number[] = [], used = keyWidth;
  for (let j = keys; j < cols.length; j++) {
    if (block.length > 0 && used + width[j] > max) {
      blocks.push(block);
      block = [];
      used = keyWidth;
    }
    block.push(j);
    used += width[j] + 2;
  }
  if (block.length > 0 || blocks.length === 0) blocks.push(block);
  const line = (texts: string[], idx: number[]) =>
    idx.map((j, k) =>
      cols[j].numeric ? texts[k].padStart(width[j]) : texts[k].padEnd(width[j])
    ).join("  ").trimEnd();
  return blocks.map((b) => {
    const idx = [...Array(keys).keys(), ...b];
    return [
      line(idx.map((j) => cols[j].title), idx),
      ...cells.map((r) => line(idx.map((j) => r[j]), idx)),
    ].join("\n");
  }).join("\n\n");
}

/**
 * Text wrapped at word boundaries to lines of at most `width` characters (a word
 * longer than that stands alone), continuation lines indented by `indent` spaces.
 *
 * @param text One paragraph.
 * @param width Widest line. @default 100
 * @param indent Spaces before continuation lines. @default 2
 * @returns Lines joined by `\n`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wrapText } from "./table.ts";
 * assert.equal(wrapText("aaa bbb ccc", 7), "aaa bbb\n  ccc");
 * ```
 */
export function wrapText(text: string, width = 100, indent = 2): string {
  const lead = /^\s*/.exec(text)?.[0] ?? "";
  const lines: string[] = [];
  let line = lead;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line.trim() === "") {
      line += word;
      continue;
    }
    if (line.length + 1 + word.length > width) {
      lines.push(line);
      line = " ".repeat(lead.length + indent) + word;
    } else line += ` ${word}`;
  }
  if (line.trim() !== "") lines.push(line);
  return lines.join("\n");
}
