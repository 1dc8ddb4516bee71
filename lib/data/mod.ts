/**
 * The data domain: the DuckDB store behind the {@linkcode DbEngine} interface (native and
 * WASM engines), ingest of CSV/Parquet/JSON bars, provider connectors (Stooq, Yahoo,
 * IBKR, Alpaca) with corporate actions and back-adjustment, the built-in samples and
 * seeded synthetic generators.
 *
 * @example
 * ```ts
 * import { ensureSampleData, loadBars, openDb } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const db = await openDb({ path: ":memory:" });
 * await ensureSampleData(db);
 * const sp = await loadBars(db, "SP500", { start: "2020-01-01" });
 * assert.equal(sp.dates[0], "2020-01-02");
 * await db.close();
 * ```
 *
 * @module
 */
export type {
  AppendColumn,
  Column,
  Columns,
  DbEngine,
  EngineKind,
  SqlParams,
  SqlValue,
} from "./engine.ts";
export { DEFAULT_DB_PATH, openDb } from "./open_db.ts";
export type { OpenDbOptions } from "./open_db.ts";
export { DbError } from "./db_error.ts";
export { StoreLockedError } from "./store_locked.ts";
export type { LockHolder } from "./store_locked.ts";
export { ensureSchema } from "./schema.ts";
export { upsertBars } from "./upsert_bars.ts";
export type { UpsertBarsOptions } from "./upsert_bars.ts";
export { barsTable, loadBars, loadBarsMany } from "./load_bars.ts";
export type { DateRange, LoadBarsOptions } from "./load_bars.ts";
export { listSymbols } from "./list_symbols.ts";
export { barDates } from "../_shared/bar_dates.ts";
export { loadPanel, streamPanels } from "./load_panel.ts";
export type { StreamPanelsOptions } from "./load_panel.ts";
export { panelBars } from "../_shared/panel.ts";
export type { Panel } from "../_shared/panel.ts";
export {
  adjustmentEventsOf,
  loadCorporateActions,
  upsertCorporateActions,
} from "./corporate_actions.ts";
export type {
  CorporateAction,
  StoredCorporateAction,
  UpsertCorporateActionsOptions,
} from "./corporate_actions.ts";
export { adjustmentFactors, backAdjustBars } from "./adjustment_factors.ts";
export type {
  AdjustmentEvent,
  AdjustmentFactors,
  BackAdjustOptions,
} from "./adjustment_factors.ts";
export type { SymbolInfo } from "./list_symbols.ts";
export {
  ensureSampleData,
  MONTHLY_SUFFIX,
  readMonthlyStocks,
  SAMPLE_SYMBOLS,
} from "./sample_data.ts";
export { readSampleBars, samplePath } from "./samples.ts";
export { sqlString } from "./_raw_file.ts";
export { stageFile } from "./stage_file.ts";
export type { StagedFile, StageOptions } from "./stage_file.ts";
export { ingestFile } from "./ingest_file.ts";
export type {
  IngestOptions,
  IngestResult,
  MergeInfo,
  ValidateHook,
} from "./ingest_file.ts";
export type { ColumnMapping, Field as BarField } from "./_layout.ts";
export { FIELDS as BAR_FIELDS } from "./_layout.ts";
export type { FileFormat } from "./_raw_file.ts";
export type { SampleName } from "./samples.ts";
export {
  generateSynthetic,
  generateSyntheticMarket,
  SYNTHETIC_REGIMES,
} from "./synthetic.ts";
export type { SyntheticMarket, SyntheticOptions } from "./synthetic.ts";
export { generateCointegratedPair } from "./synthetic_pair.ts";
export type {
  CointegratedPair,
  CointegratedPairOptions,
} from "./synthetic_pair.ts";
export { fetchBars } from "./providers/fetch_bars.ts";
export type {
  FetchDeps,
  FetchReport,
  SymbolFetchResult,
} from "./providers/fetch_bars.ts";
export { FetchOptionsSchema, SymbolSchema } from "./providers/config.ts";
export type { FetchOptions, FetchOptionsInput } from "./providers/config.ts";
export { BAR_SOURCES, PROVIDER_NAMES } from "./providers/types.ts";
export type {
  BarSource,
  FetchRange,
  Provider,
  ProviderBar,
  ProviderContext,
  ProviderName,
  ProviderSeries,
} from "./providers/types.ts";
export { PROVIDERS } from "./providers/registry.ts";
export { ProviderError } from "./providers/provider_error.ts";
export type { ProviderErrorKind } from "./providers/provider_error.ts";
export { DEFAULT_RETRY, redact } from "./providers/http.ts";
export type { RetryPolicy } from "./providers/http.ts";
export type { Revision } from "./providers/_revisions.ts";
export {
  conidOf,
  conidSearchPath,
  ibkrFetch,
} from "./providers/ibkr_gateway.ts";
export type { IbkrGatewaySettings } from "./providers/ibkr_gateway.ts";
export { stooqTicker } from "./providers/stooq.ts";
export { clampRange } from "./clamp_range.ts";
export type { ClampedBars } from "./clamp_range.ts";
export { openNative } from "./native.ts";
export { openWasm } from "./wasm.ts";
export { isoWeek, isoWeekRange } from "./iso_week.ts";
export { isNyseTradingDay, nyseHolidays } from "./trading_calendar.ts";
export {
  lastCompleteWeek,
  lastTradingDay,
  WEEK_CALENDARS,
} from "./complete_weeks.ts";
export type { LastCompleteWeek, WeekCalendar } from "./complete_weeks.ts";
