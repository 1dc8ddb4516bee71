/**
 * Reports: self-contained HTML pages (inline CSS and SVG, no network request, print and
 * phone friendly) built from what the pipeline stored in DuckDB. Figures are Observable
 * Plot rendered server-side on linkedom; every user-supplied string is escaped.
 *
 * Pipeline: `buildPhase1..5(db)` / `buildWeekly(db)` -> `ReportModel` -> `renderHtml` ->
 * `writeReport`; or in one call `writePhaseReport(db, "phase1", "reports")`,
 * `writeWeeklyReports(db, "reports")`, `writeIndex("reports")`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeHtml, isoWeek, renderHtml, scorecard } from "./mod.ts";
 * const [row] = scorecard([{ name: escapeHtml("<b>"), measured: NaN, threshold: 0, comparator: ">", unit: "", note: "" }]);
 * assert.equal(row.pass, false);
 * assert.equal(isoWeek("2021-01-04"), "2021-W01");
 * const html = renderHtml({ title: "t", subtitle: "", generatedAt: "", sections: [{ kind: "missing", title: "x", text: "none", command: "deno task demo" }], manifest: null });
 * assert.ok(html.includes("<code>deno task demo</code>"));
 * ```
 *
 * @module
 */
export { escapeHtml } from "./escape_html.ts";
export { dataSanityCell, dataSanityLine } from "./data_sanity_line.ts";
export {
  type Comparator,
  scorecard,
  type ScorecardCheck,
  type ScorecardRow,
} from "./scorecard.ts";
export { isoWeek, isoWeekRange } from "../data/mod.ts";
export type {
  HeadlineCard,
  ReportLink,
  ReportModel,
  ReportSection,
} from "./model.ts";
export { renderHtml, REPORT_META } from "./render_html.ts";
export {
  foldedTableHtml,
  type FoldedTableOptions,
  type TableCell,
  type TableColumn,
  type TableColumns,
  tableHtml,
  textTable,
  type TextTableOptions,
  wrapText,
} from "./table.ts";
export {
  stressResultsTable,
  type StressTable,
  stressTable,
} from "./stress_table.ts";
export { type ColumnFormat, formatCell, MISSING } from "./column_format.ts";
export {
  columnsFrame,
  type ColumnTable,
  columnTitle,
  desc,
  escape,
  foldsFrame,
  FRAME_FORMATS,
  frameCells,
  type FrameColumn,
  type FrameColumnSpec,
  frameHtml,
  frameNumbers,
  importanceFrame,
  journalFrame,
  type OosColumns,
  oosFrame,
  op,
  paperEquityFrame,
  rowsFrame,
  type RowsFrameOptions,
  runsFrame,
  stressFrame,
  trialsFrame,
} from "./frames.ts";
export {
  type ControlsTable,
  controlsTable,
  storedControls,
} from "./controls_table.ts";
export {
  type CaptionedTable,
  searchResultsTables,
  type SearchTables,
  searchTables,
  STRATEGY_FAMILIES,
} from "./search_tables.ts";
export {
  configText,
  SELECTION_BIAS_COLUMNS,
  type SelectionBiasFigures,
  selectionBiasFigures,
  selectionBiasRow,
  selectionVerdict,
} from "./selection_bias_view.ts";
export {
  equityFigure,
  type EquityFigureOptions,
  type RegimeShading,
} from "./equity_figure.ts";
export {
  rollingFigure,
  type RollingFigureOptions,
  rollingStats,
} from "./rolling_figure.ts";
export {
  monthlyHeatmap,
  type MonthlyReturn,
  monthlyReturns,
} from "./monthly_heatmap.ts";
export {
  distributionFigure,
  type DistributionFigureOptions,
} from "./distribution_figure.ts";
export {
  type FoldBar,
  foldBarFigure,
  type FoldBarFigureOptions,
} from "./fold_figure.ts";
export { weightsFigure, type WeightsPoint } from "./weights_figure.ts";
export { allocationCaveat, largestWeights } from "./allocation_text.ts";
export { linesFigure, type NamedSeries } from "./lines_figure.ts";
export {
  keyMetricsTable,
  type TearsheetBenchmark,
  type TearsheetTable,
  worstDrawdownsTable,
  yearlyReturnsTable,
} from "./tearsheet.ts";
export {
  performanceSections,
  type PerformanceSectionsOptions,
  type PerformanceSummary,
  summarizePerformance,
  summaryCards,
} from "./performance.ts";
export {
  PHASE1_THRESHOLDS,
  type Phase1Measures,
  phase1Scorecard,
  type ScorecardTable,
  scorecardTable,
} from "./phase1_scorecard.ts";
export {
  buildPhase1,
  type PhaseOptions,
  STRESS_WINDOW_2020,
} from "./phase1.ts";
export { buildPhase2, type PaperPhaseOptions } from "./phase2.ts";
export { buildPhase3 } from "./phase3.ts";
export { buildPhase4 } from "./phase4.ts";
export { buildPhase5 } from "./phase5.ts";
export {
  buildWeekly,
  type WeeklyOptions,
  type WeeklyReport,
} from "./weekly.ts";
export { type WeeklyExpectation, weeklyReturns } from "./weekly_data.ts";
export {
  buildIndex,
  buildWeeklyIndex,
  readReportMeta,
  type ReportMeta,
} from "./index_page.ts";
export {
  type Phase,
  PHASES,
  writeIndex,
  writeIndexIfChanged,
  writePhaseReport,
  writeUniverseReport,
  type WriteWeeklyOptions,
  writeWeeklyReports,
} from "./write_reports.ts";
export {
  buildUniverseReport,
  sharpeDistributionFigure,
  UNIVERSE_COMMAND,
  universeReportModel,
  type UniverseReportOptions,
} from "./universe_report.ts";
export { writeReport } from "./write_report.ts";
export { BACKTEST_FILLS, PAPER_FILLS } from "./conventions.ts";
export { buildPersistenceDashboard } from "./persistence_dashboard.ts";
export { importanceHeatmap, rankTrajectories } from "./importance_figures.ts";
export {
  csvField,
  exportCheckpointIndexCsv,
  exportFeatureImportanceCsv,
} from "./ml_csv.ts";
export { writePersistenceDashboard } from "./write_persistence_dashboard.ts";
export type { PersistenceDashboardFiles } from "./write_persistence_dashboard.ts";
export {
  STABILITY_NULL_COLUMNS,
  stabilityNullRows,
  type StoredStabilitySummary,
} from "./stability_null_table.ts";
export {
  type RankedSymbol,
  summariseUniverse,
  type UniverseSummary,
  type UniverseSymbolFigures,
} from "./universe_summary.ts";
export {
  type JupyterBroadcast,
  notebookProgress,
  type NotebookProgressOptions,
} from "./notebook_progress.ts";
