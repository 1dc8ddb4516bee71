import type { RunManifest } from "../_shared/types.ts";
import type { TableCell, TableColumns } from "./table.ts";

/** A headline figure shown as a card. */
export interface HeadlineCard {
  /** What the figure is ("Max drawdown"). */
  label: string;
  /** The formatted figure ("12.34%"). */
  value: string;
}

/** One link of an index page: a relative href, its date and headline figures. */
export interface ReportLink {
  /** Relative path (no scheme); escaped at render time. */
  href: string;
  /** Link text (the linked report's title). */
  title: string;
  /** When the linked report was generated (ISO). */
  date: string;
  /** The linked report's headline figures. */
  cards: HeadlineCard[];
}

/**
 * One section of a report; `kind` selects how it renders. All strings are escaped at
 * render time except `svg`, which only lib/report figure functions produce.
 * `missing` says plainly that the store holds no data for the section and which command
 * produces it.
 */
export type ReportSection =
  | { kind: "headline"; title: string; cards: HeadlineCard[] }
  | {
    kind: "table";
    title: string;
    /** Titles (format inferred) or `{ title, format }` (see `formatCell`). */
    columns: TableColumns;
    /** Raw cells: numbers in the column's unit (fractions for `pct`), notes as text. */
    rows: TableCell[][];
    caption?: string;
    /** Over 20 rows: show the worst and best by this column, fold the rest away. */
    rankBy?: string;
  }
  | { kind: "figure"; title: string; svg: string; caption?: string }
  | { kind: "text"; title: string; text: string }
  | { kind: "missing"; title: string; text: string; command: string }
  | { kind: "links"; title: string; links: ReportLink[] };

/** A report as pure data: built by a `buildXxx` function, rendered by `renderHtml`. */
export interface ReportModel {
  /** Page title. */
  title: string;
  /** One line under the title: what the report covers. */
  subtitle: string;
  /** ISO instant the report was built. */
  generatedAt: string;
  /** Sections in page order. */
  sections: ReportSection[];
  /** Run manifest(s) the report was built from, printed last (null: none). */
  manifest: RunManifest | Record<string, unknown> | null;
  /** Conventions stated under the title (fill timing, annualisation, drawdown sign). */
  conventions?: string[];
  /** What the report covers and how its runs were chosen (one line under the title). */
  scope?: string;
  /** The data-sanity state of the data behind the report (one line under the title). */
  sanity?: string;
  /** What the report is (`"phase1"`, `"weekly"`, `"index"`...), for the index page. */
  kind?: string;
}
