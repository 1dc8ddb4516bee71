import type { RunManifest } from "../_shared/types.ts";

/** A headline figure shown as a card. */
export interface HeadlineCard {
  label: string;
  value: string;
}

/** One section of a report; `kind` selects how it renders. All strings are escaped at render time except `svg`. */
export type ReportSection =
  | { kind: "headline"; title: string; cards: HeadlineCard[] }
  | {
    kind: "table";
    title: string;
    columns: string[];
    rows: (string | number | null)[][];
  }
  | { kind: "figure"; title: string; svg: string; caption?: string }
  | { kind: "text"; title: string; text: string };

/** A report as pure data: built by a `buildXxxReport` function, rendered by `renderHtml`. */
export interface ReportModel {
  title: string;
  subtitle: string;
  generatedAt: string;
  sections: ReportSection[];
  manifest: RunManifest | Record<string, unknown> | null;
}
