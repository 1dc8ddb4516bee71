/**
 * Report building blocks: HTML escaping, the fail-closed scorecard of success
 * criteria and ISO-week helpers for weekly reports.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeHtml, isoWeek, scorecard } from "./mod.ts";
 * const [row] = scorecard([{ name: escapeHtml("<b>"), measured: NaN, threshold: 0, comparator: ">", unit: "", note: "" }]);
 * assert.equal(row.pass, false);
 * assert.equal(isoWeek("2021-01-04"), "2021-W01");
 * ```
 *
 * @module
 */
export { escapeHtml } from "./escape_html.ts";
export {
  type Comparator,
  scorecard,
  type ScorecardCheck,
  type ScorecardRow,
} from "./scorecard.ts";
export { isoWeek, isoWeekRange } from "./iso_week.ts";
export type { HeadlineCard, ReportModel, ReportSection } from "./model.ts";
export { renderHtml, tableHtml } from "./render_html.ts";
export { equityFigure, type EquityFigureOptions } from "./equity_figure.ts";
export { writeReport } from "./write_report.ts";
