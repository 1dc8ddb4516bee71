/**
 * Ensembles and regime-aware strategies of `deno task strategies`: `strategy_runs` (one
 * row per weighting method or variant of a run) and `strategy_components` (each
 * component's share of an ensemble's out-of-sample P&L). DDL, row builders, writer and
 * readers.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type {
  ComponentSummary,
  StrategyRunSummary,
} from "../strategies/mod.ts";
import {
  finiteOrNull as num,
  insertRows,
  jsonText as json,
  readRows,
  writeFamily,
} from "./_sql.ts";

/**
 * DDL of `strategy_runs`: one row per ensemble weighting method or regime-aware variant of a
 * run. JSON is stored as VARCHAR text (the WASM engine has no JSON type); metrics are over
 * the stitched out-of-sample rows (Sharpe annualised with 252 days, sample std; max
 * drawdown a negative fraction; returns simple, net of costs).
 */
export const STRATEGY_RUNS_DDL = `CREATE TABLE IF NOT EXISTS strategy_runs (
  run_id VARCHAR, created_at TIMESTAMP, kind VARCHAR, symbol VARCHAR, name VARCHAR,
  config_json VARCHAR, oos_start VARCHAR, oos_end VARCHAR, days INTEGER, folds INTEGER,
  sharpe DOUBLE, annual_return DOUBLE, annual_volatility DOUBLE, total_return DOUBLE,
  max_drawdown DOUBLE, regime_transitions INTEGER, detail_json VARCHAR, started_at VARCHAR,
  ended_at VARCHAR, code_version VARCHAR, data_hash VARCHAR)`;

/**
 * DDL of `strategy_components`: one row per (ensemble method, component) with the
 * component's share of the ensemble's out-of-sample P&L and its own OOS Sharpe.
 */
export const STRATEGY_COMPONENTS_DDL =
  `CREATE TABLE IF NOT EXISTS strategy_components (
  run_id VARCHAR, created_at TIMESTAMP, method VARCHAR, component VARCHAR, pnl DOUBLE,
  share DOUBLE, mean_weight DOUBLE, oos_sharpe DOUBLE)`;

/** Run-level fields shared by every row of a run. */
export interface StrategyRunMeta {
  readonly runId: string;
  readonly symbol: string;
  readonly config: unknown;
  /** ISO instants. */
  readonly startedAt: string;
  readonly endedAt: string;
  readonly codeVersion: string;
  readonly dataHash: string;
}

/** A `strategy_runs` row (NaN stored as NULL). */
export interface StrategyRunRow {
  readonly run_id: string;
  readonly kind: string;
  readonly symbol: string;
  readonly name: string;
  readonly config_json: string;
  readonly oos_start: string;
  readonly oos_end: string;
  readonly days: number;
  readonly folds: number;
  readonly sharpe: number | null;
  readonly annual_return: number | null;
  readonly annual_volatility: number | null;
  readonly total_return: number | null;
  readonly max_drawdown: number | null;
  readonly regime_transitions: number | null;
  readonly detail_json: string;
  readonly started_at: string;
  readonly ended_at: string;
  readonly code_version: string;
  readonly data_hash: string;
}

/** A `strategy_components` row (NaN stored as NULL). */
export interface StrategyComponentRow {
  readonly run_id: string;
  readonly method: string;
  readonly component: string;
  readonly pnl: number | null;
  readonly share: number | null;
  readonly mean_weight: number | null;
  readonly oos_sharpe: number | null;
}

/**
 * One `strategy_runs` row.
 *
 * @param s The method or variant summary.
 * @param meta Run id, symbol, config, times, code version, data hash.
 * @returns The row.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strategyRunRow } from "./strategy_runs.ts";
 * const stats = { days: 2, sharpe: NaN, annualReturn: 0.1, annualVolatility: 0.2, totalReturn: 0.01, maxDrawdown: -0.05 };
 * const row = strategyRunRow(
 *   { kind: "ensemble", name: "equal", stats, oosStart: "a", oosEnd: "b", folds: 1, regimeTransitions: null, detail: [] },
 *   { runId: "r", symbol: "X", config: { k: 1 }, startedAt: "s", endedAt: "e", codeVersion: "v", dataHash: "h" },
 * );
 * assert.equal(row.sharpe, null);
 * assert.equal(row.config_json, '{"k":1}');
 * ```
 */
export function strategyRunRow(
  s: StrategyRunSummary,
  meta: StrategyRunMeta,
): StrategyRunRow {
  return {
    run_id: meta.runId,
    kind: s.kind,
    symbol: meta.symbol,
    name: s.name,
    config_json: json(meta.config),
    oos_start: s.oosStart,
    oos_end: s.oosEnd,
    days: s.stats.days,
    folds: s.folds,
    sharpe: num(s.stats.sharpe),
    annual_return: num(s.stats.annualReturn),
    annual_volatility: num(s.stats.annualVolatility),
    total_return: num(s.stats.totalReturn),
    max_drawdown: num(s.stats.maxDrawdown),
    regime_transitions: s.regimeTransitions,
    detail_json: json(s.detail),
    started_at: meta.startedAt,
    ended_at: meta.endedAt,
    code_version: meta.codeVersion,
    data_hash: meta.dataHash,
  };
}

/**
 * One `strategy_components` row.
 *
 * @param c The component's contribution.
 * @param runId The run.
 * @returns The row.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strategyComponentRow } from "./strategy_runs.ts";
 * const r = strategyComponentRow({ method: "equal", component: "rsi", pnl: 0.1, share: NaN, meanWeight: 0.2, oosSharpe: 0.3 }, "r");
 * assert.equal(r.share, null);
 * assert.equal(r.mean_weight, 0.2);
 * ```
 */
export function strategyComponentRow(
  c: ComponentSummary,
  runId: string,
): StrategyComponentRow {
  return {
    run_id: runId,
    method: c.method,
    component: c.component,
    pnl: num(c.pnl),
    share: num(c.share),
    mean_weight: num(c.meanWeight),
    oos_sharpe: num(c.oosSharpe),
  };
}

/**
 * Store one strategies run: its method/variant rows and component rows, in one
 * transaction.
 *
 * @param db The store.
 * @param rows Rows from {@linkcode strategyRunRow} and {@linkcode strategyComponentRow}.
 * @param createdAt ISO instant the run started (the `created_at` column).
 */
export async function saveStrategiesRun(
  db: DbEngine,
  rows: {
    runs: readonly StrategyRunRow[];
    components: readonly StrategyComponentRow[];
  },
  createdAt: string,
): Promise<void> {
  await writeFamily(
    db,
    "strategies",
    [STRATEGY_RUNS_DDL, STRATEGY_COMPONENTS_DDL],
    async (tx) => {
      await insertRows(tx, "strategy_runs", rows.runs, { createdAt });
      await insertRows(tx, "strategy_components", rows.components, {
        createdAt,
      });
    },
  );
}

/** A stored `strategy_runs` row. */
export type StoredStrategyRun = StrategyRunRow & {
  readonly created_at: string;
};

/** A stored `strategy_components` row. */
export type StoredStrategyComponent = StrategyComponentRow & {
  readonly created_at: string;
};

/**
 * Rows of the newest `strategies` run of `symbol` with the given kind, ordered by name;
 * [] when the table is missing or holds no such run.
 *
 * @param db The store.
 * @param kind `"ensemble"` or `"regime"`.
 * @param symbol Symbol of the run.
 * @returns The rows.
 */
export async function readLatestStrategyRuns(
  db: DbEngine,
  kind: "ensemble" | "regime",
  symbol: string,
): Promise<StoredStrategyRun[]> {
  return await readRows<StoredStrategyRun>(
    db,
    "strategy_runs",
    `SELECT * FROM strategy_runs WHERE kind = $kind AND symbol = $symbol AND run_id = (
       SELECT run_id FROM strategy_runs WHERE kind = $kind AND symbol = $symbol
       ORDER BY created_at DESC NULLS LAST, run_id DESC LIMIT 1)
     ORDER BY name`,
    { kind, symbol },
  );
}

/**
 * The component rows of one run, ordered by method and component ([] when none).
 *
 * @param db The store.
 * @param runId The run.
 * @returns The rows.
 */
export async function readStrategyComponents(
  db: DbEngine,
  runId: string,
): Promise<StoredStrategyComponent[]> {
  return await readRows<StoredStrategyComponent>(
    db,
    "strategy_components",
    "SELECT * FROM strategy_components WHERE run_id = $id ORDER BY method, component",
    { id: runId },
  );
}
