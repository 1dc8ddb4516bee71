/**
 * Index pages: `reports/index.html` linking every report (date and headline figures read
 * back from each page's `<meta name="tradelab-report">`), and the weekly index.
 *
 * @module
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { foldBarFigure } from "./fold_figure.ts";
import { pct } from "./_format.ts";
import type { HeadlineCard, ReportLink, ReportModel } from "./model.ts";
import { REPORT_META } from "./render_html.ts";
import type { WeeklyReport } from "./weekly.ts";

/** Title, kind, date and headline cards read back from a rendered report. */
export interface ReportMeta {
  /** Report title. */
  readonly title: string;
  /** `ReportModel.kind` ("phase1", "weekly", ...; "report" when unset). */
  readonly kind: string;
  /** ISO instant the report was built. */
  readonly generatedAt: string;
  /** First headline section's cards (at most 6). */
  readonly cards: HeadlineCard[];
}

const UNESCAPE: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#39;": "'",
};

/**
 * Read the report meta tag of a rendered page (null for pages without one).
 *
 * @param html A page from `renderHtml`.
 * @returns The meta, or null.
 */
export function readReportMeta(html: string): ReportMeta | null {
  const m = new RegExp(`<meta name="${REPORT_META}" content="([^"]*)">`).exec(
    html,
  );
  if (!m) return null;
  const json = m[1].replace(/&(amp|lt|gt|quot|#39);/g, (e) => UNESCAPE[e]);
  try {
    return JSON.parse(json) as ReportMeta;
  } catch (e) {
    throw new SyntaxError(
      `Cannot read the report meta: ${(e as Error).message}`,
      { cause: e },
    );
  }
}

async function* htmlFiles(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* htmlFiles(p);
    else if (e.name.endsWith(".html")) yield p;
  }
}

const ORDER = [
  "phase1",
  "phase2",
  "phase3",
  "phase4",
  "phase5",
  "weekly-index",
];

/**
 * The index of a reports folder: every HTML page under it except `index.html` itself and
 * the single weekly pages (reached through the weekly index), with its date and headline
 * figures. Pages without report meta (e.g. executed notebooks) are listed with their
 * modification time.
 *
 * @param reportsDir The reports folder.
 * @param options Generation time.
 * @returns The index report model.
 */
export async function buildIndex(
  reportsDir: string,
  options: { generatedAt?: string } = {},
): Promise<ReportModel> {
  const links: (ReportLink & { kind: string })[] = [];
  for await (const file of htmlFiles(reportsDir)) {
    const href = relative(reportsDir, file).split("\\").join("/");
    if (href === "index.html") continue;
    const meta = readReportMeta(await readFile(file, "utf8"));
    if (meta?.kind === "weekly" || meta?.kind === "index") continue;
    const mtime = (await stat(file)).mtime.toISOString();
    links.push({
      href,
      title: meta?.title ?? href,
      date: meta?.generatedAt ?? mtime,
      cards: meta?.cards ?? [],
      kind: meta?.kind ?? "other",
    });
  }
  const rank = (
    k: string,
  ) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  links.sort((a, b) =>
    rank(a.kind) - rank(b.kind) || a.href.localeCompare(b.href)
  );
  return {
    title: "Reports",
    subtitle: `${links.length} report(s) in this folder`,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "index",
    sections: links.length
      ? [{
        kind: "links",
        title: "Reports",
        links: links.map(({ kind: _k, ...l }) => l),
      }]
      : [{
        kind: "missing",
        title: "Reports",
        text: "No report has been generated into this folder yet.",
        command: "deno task report all",
      }],
    manifest: {
      report: "index",
      folder: reportsDir,
      pages: links.map((l) => l.href),
    },
  };
}

/**
 * The weekly index: a chart of weekly returns and one link per weekly page.
 *
 * @param reports The weekly reports with their hrefs relative to the index.
 * @param options Generation time.
 * @returns The weekly index model.
 */
export function buildWeeklyIndex(
  reports: readonly (WeeklyReport & { href: string })[],
  options: { generatedAt?: string } = {},
): ReportModel {
  const sources = [...new Set(reports.map((r) => r.source))];
  return {
    title: "Weekly reports",
    subtitle: `${reports.length} week(s) of ${sources.join(", ") || "nothing"}`,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    kind: "weekly-index",
    sections: reports.length
      ? [
        {
          kind: "headline",
          title: "Weeks",
          cards: [
            { label: "Weeks", value: String(reports.length) },
            {
              label: "Positive weeks",
              value: pct(
                reports.filter((r) => r.ret > 0).length / reports.length,
              ),
            },
            { label: "Latest week", value: reports.at(-1)!.week },
          ],
        },
        {
          kind: "figure",
          title: "Weekly returns (%)",
          svg: foldBarFigure(
            reports.map((r) => ({ fold: r.week, value: r.ret * 100 })),
            { label: "Week return (%)", xLabel: "ISO week" },
          ),
        },
        {
          kind: "links",
          title: "Weeks",
          links: reports.map((r) => ({
            href: r.href,
            title: `${r.week} (${r.sourceKind} ${r.source})`,
            date: r.model.generatedAt,
            cards: [{ label: "Week return", value: pct(r.ret) }],
          })),
        },
      ]
      : [{
        kind: "missing",
        title: "Weeks",
        text: "No paper session and no walk-forward run stored yet.",
        command: "deno task walkforward --symbol SP500",
      }],
    manifest: { report: "weekly-index", sources },
  };
}
