/**
 * Allocation walk-forwards of `deno task portfolio`: `portfolio_runs`, one row per method
 * per run. DDL, row builder, writer and reader.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { WalkForwardAllocationResult } from "../portfolio/mod.ts";
import {
  addedColumns,
  HAS_SYMBOL_SQL,
  readRows,
  replaceRunRows,
  writeFamily,
} from "./_sql.ts";

/** DDL of `portfolio_runs` (one row per method per run). */
export const PORTFOLIO_RUNS_DDL = `CREATE TABLE IF NOT EXISTS portfolio_runs (
  run_id VARCHAR, created_at TIMESTAMP, method VARCHAR, symbols VARCHAR, config_json VARCHAR,
  data_hash VARCHAR, oos_start VARCHAR, oos_end VARCHAR, days INTEGER, annual_return DOUBLE,
  annual_volatility DOUBLE, sharpe DOUBLE, max_drawdown DOUBLE, total_return DOUBLE,
  total_turnover DOUBLE, annual_turnover DOUBLE, rebalances INTEGER, final_weights_json VARCHAR,
  weights_history_json VARCHAR, periods_per_year INTEGER)`;

/** Columns added after the first release (older stores gain them, NULL = 252). */
const PORTFOLIO_RUNS_ADDED = addedColumns("portfolio_runs", [
  "periods_per_year INTEGER",
]);

/** One row of `portfolio_runs` (NaN stored as NULL; maxDrawdown negative). */
export interface PortfolioRunRow {
  readonly run_id: string;
  readonly method: string;
  readonly symbols: string;
  readonly config_json: string;
  readonly data_hash: string;
  readonly oos_start: string;
  readonly oos_end: string;
  readonly days: number;
  readonly annual_return: number | null;
  readonly annual_volatility: number | null;
  readonly sharpe: number | null;
  readonly max_drawdown: number | null;
  readonly total_return: number | null;
  readonly total_turnover: number | null;
  readonly annual_turnover: number | null;
  readonly rebalances: number;
  readonly final_weights_json: string;
  /** `[{date, weights, traded}]` of every decision. */
  readonly weights_history_json: string;
  /** Periods a year the annual figures use (252 daily, 12 monthly). */
  readonly periods_per_year: number;
}

/**
 * One table row for a walk-forward allocation result.
 *
 * @param result From `walkForwardAllocation`.
 * @param meta Run id, method, symbols, config and data hash.
 * @returns The row.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { portfolioRunRow } from "./portfolio_runs.ts";
 * import { walkForwardAllocation } from "../portfolio/mod.ts";
 * const data = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i) / 100);
 * const dates = Array.from({ length: 200 }, (_, i) => `d${100 + i}`);
 * const r = walkForwardAllocation({ data, rows: 200, cols: 2 }, dates, { lookback: 50, rebalanceEvery: 50 });
 * const row = portfolioRunRow(r, { runId: "x", method: "equal", symbols: ["A", "B"], config: {}, dataHash: "h" });
 * assert.equal(row.days, 150);
 * assert.equal(row.final_weights_json, "[0.5,0.5]");
 * ```
 */
export function portfolioRunRow(
  result: WalkForwardAllocationResult,
  meta: {
    runId: string;
    method: string;
    symbols: readonly string[];
    config: Readonly<Record<string, unknown>>;
    dataHash: string;
    /** @default 252 */
    periodsPerYear?: number;
  },
): PortfolioRunRow {
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  const m = result.metrics;
  const last = result.weightsHistory.filter((h) => h.traded).at(-1);
  return {
    run_id: meta.runId,
    method: meta.method,
    symbols: meta.symbols.join(","),
    config_json: JSON.stringify(meta.config),
    data_hash: meta.dataHash,
    oos_start: result.dates[0] ?? "",
    oos_end: result.dates.at(-1) ?? "",
    days: result.returns.length,
    annual_return: num(m.annualReturn),
    annual_volatility: num(m.annualVolatility),
    sharpe: num(m.sharpe),
    max_drawdown: num(m.maxDrawdown),
    total_return: num(m.totalReturn),
    total_turnover: num(m.totalTurnover),
    annual_turnover: num(m.annualTurnover),
    rebalances: m.rebalances,
    final_weights_json: JSON.stringify(last ? Array.from(last.weights) : []),
    weights_history_json: JSON.stringify(
      result.weightsHistory.map((h) => ({
        date: h.date,
        weights: Array.from(h.weights),
        traded: h.traded,
      })),
    ),
    periods_per_year: meta.periodsPerYear ?? 252,
  };
}

/**
 * Store one portfolio run's rows (one per method) in one transaction (replacing the
 * run's rows if it was stored before).
 *
 * @param db The store.
 * @param rows From {@linkcode portfolioRunRow}.
 * @param createdAt ISO instant the run started (the `created_at` column).
 */
export async function savePortfolioRun(
  db: DbEngine,
  rows: readonly PortfolioRunRow[],
  createdAt: string,
): Promise<void> {
  await writeFamily(db, "portfolio", [
    PORTFOLIO_RUNS_DDL,
    ...PORTFOLIO_RUNS_ADDED,
  ], async (tx) => {
    await replaceRunRows(tx, "portfolio_runs", rows, { createdAt });
  });
}

/** A stored `portfolio_runs` row. */
export type StoredPortfolioRow = PortfolioRunRow & {
  readonly created_at: string;
};

/**
 * Rows of the newest portfolio run (one per method, by method); [] when none. With
 * `symbol`: the newest run whose symbols include it.
 *
 * @param db The store.
 * @param options `symbol` to scope the read to.
 * @returns The rows.
 */
export async function readLatestPortfolio(
  db: DbEngine,
  options: { readonly symbol?: string } = {},
): Promise<StoredPortfolioRow[]> {
  return await readRows<StoredPortfolioRow>(
    db,
    "portfolio_runs",
    `SELECT * FROM portfolio_runs WHERE run_id = (
       SELECT run_id FROM portfolio_runs
       WHERE ${HAS_SYMBOL_SQL}
       ORDER BY created_at DESC NULLS LAST, run_id DESC LIMIT 1)
     ORDER BY method`,
    { s: options.symbol ?? null },
  );
}

/**
 * Rows of the newest run of each distinct symbol set (e.g. the two-asset, the monthly
 * and the synthetic runs of the demo), newest set first, methods in order; with
 * `symbol`: only sets that include it. [] when none.
 *
 * @param db The store.
 * @param options `symbol` to scope the read to.
 * @returns The rows.
 */
export async function readLatestPortfolioRuns(
  db: DbEngine,
  options: { readonly symbol?: string } = {},
): Promise<StoredPortfolioRow[]> {
  return await readRows<StoredPortfolioRow>(
    db,
    "portfolio_runs",
    `WITH newest AS (
       SELECT run_id, max(created_at) AS at FROM portfolio_runs
       WHERE ${HAS_SYMBOL_SQL}
       GROUP BY run_id, symbols
       QUALIFY row_number() OVER (PARTITION BY symbols ORDER BY max(created_at) DESC NULLS LAST, run_id DESC) = 1)
     SELECT p.* FROM portfolio_runs p JOIN newest n USING (run_id)
     ORDER BY n.at DESC NULLS LAST, p.run_id, p.method`,
    { s: options.symbol ?? null },
  );
}
