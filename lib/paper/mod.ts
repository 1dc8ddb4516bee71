/**
 * Paper trading: a broker interface over lib/backtest's simulated broker and an IBKR
 * Client Portal adapter, replay and polling feeds, a durable journal behind a port (one
 * transaction per bar, checkpointed, resumable after a crash; lib/store implements it),
 * the execution step, risk guard and pre-trade checks shared with the execution
 * backtest, a manual kill switch, monitoring and alerts, reconciliation against the
 * backtest and a preflight checklist.
 *
 * Conventions: orders decided at the close of bar t fill at the open of t+1 (market) or
 * within t+1's range (limit/stop); drawdowns and losses are positive fractions.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { PaperConfigSchema } from "./mod.ts";
 * const config = PaperConfigSchema.parse({
 *   strategy: { name: "ma_crossover" }, symbols: ["SP500"], capital: 100_000,
 * });
 * assert.equal(config.limits.maxDrawdown, 0.2);
 * assert.equal(config.feed.kind, "replay");
 * ```
 *
 * @module
 */
export type {
  Bar,
  BarGroup,
  Fill,
  Order,
  OrderRequest,
  Position,
} from "../backtest/mod.ts";
export type { Broker } from "./broker.ts";
export { SimulatedBroker } from "./broker.ts";
export { IbkrBroker, ibkrSettingsFromEnv, redact } from "./ibkr.ts";
export type { IbkrSettings, IbkrSnapshot } from "./ibkr.ts";
export {
  AlertRulesSchema,
  PaperConfigSchema,
  PaperDataSchema,
  SessionIdSchema,
} from "./config.ts";
export type { PaperConfig } from "./config.ts";
export { loadPaperConfig } from "./config_file.ts";
export { groupBarsByDate, pollingFeed, replayFeed } from "./feed.ts";
export type { SnapshotSource } from "./feed.ts";
export type {
  BarJournal,
  JournalCheckpoint,
  JournaledKill,
  PaperJournal,
  SessionStart,
  StoredSession,
} from "./journal.ts";
export {
  createMonitorState,
  DEFAULT_ALERT_RULES,
  evaluateAlerts,
} from "./monitor.ts";
export type {
  Alert,
  AlertRules,
  Expectation,
  MonitorState,
} from "./monitor.ts";
export { runSession } from "./session.ts";
export type {
  SessionHaltInfo,
  SessionOptions,
  SessionSummary,
} from "./session.ts";
export { replayTargets, strategyDecider } from "./decide.ts";
export { planPaper, runPaper, sessionSettings } from "./run_paper.ts";
export type {
  PaperPlan,
  PaperRunOptions,
  PeriodOverrides,
} from "./run_paper.ts";
export {
  reconcile,
  reconcileRuns,
  sessionBacktest,
  summariseRuns,
  VARIANTS,
} from "./reconcile.ts";
export type {
  ReconcileOptions,
  ReconcileRuns,
  Reconciliation,
  SessionHalt,
} from "./reconcile.ts";
export {
  reconcilePaper,
  reconcilePaperWeeks,
  reconcileWeeks,
} from "./reconcile_paper.ts";
export type {
  PaperWeeks,
  ReconcilePaperOptions,
  SameRulesExpectation,
  WeekReconciliation,
} from "./reconcile_paper.ts";
export {
  clearKill,
  killFilePath,
  readKill,
  requestKill,
} from "./kill_switch.ts";
export type { KillRequest } from "./kill_switch.ts";
export { beaconPath, readBeacon, writeBeacon } from "./session_beacon.ts";
export type { SessionBeacon } from "./session_beacon.ts";
export {
  chooseSession,
  identityChanges,
  identityHash,
  sessionIdentity,
} from "./session_identity.ts";
export type {
  SessionChoice,
  SessionIdentity,
  SessionNaming,
} from "./session_identity.ts";
export { checkStrategy, resolveStrategy } from "./resolve_strategy.ts";
export type { ResolvedStrategy, StrategySpec } from "./resolve_strategy.ts";
export {
  checkPaperConfig,
  CONFIG_CHECKS,
  MAX_CAPITAL,
  PaperConfigError,
  validatePaperConfig,
} from "./validate_config.ts";
export type { ConfigProbes } from "./validate_config.ts";
export { brokerReachable, ibkrFromEnv, needsIbkr } from "./ibkr_from_env.ts";
export { brokerRouter } from "./order_router.ts";
export type { OrderRouter } from "./order_router.ts";
export { createAlertSinks } from "./sinks.ts";
export type { SinkOptions } from "./sinks.ts";
export { runPreflight } from "./preflight.ts";
export type { PreflightCheck, PreflightProbes } from "./preflight.ts";
export { storePreflightProbes } from "./preflight_probes.ts";
export type { StoreProbeOptions } from "./preflight_probes.ts";
export { loadEnv, parseDotEnv } from "./env.ts";
export { checkBar, MAX_ABS_LOG_MOVE } from "./bar_check.ts";
export { appendBar, createHistory, historyBars, lastClose } from "./history.ts";
export type { History } from "./history.ts";
