/**
 * Paper vs backtest reconciliations of `deno task reconcile`: `reconciliations`, one row
 * per check of a session (paper return, the backtest variants, both halts, the causes of the
 * difference, the target). DDL, row builder, writer and reader.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { Reconciliation } from "../paper/mod.ts";
import { insertRows, readRows, writeFamily } from "./_sql.ts";

/** DDL of `reconciliations` (the Phase 2 report shows the newest of a session). */
export const RECONCILIATIONS_DDL =
  `CREATE TABLE IF NOT EXISTS reconciliations (session_id VARCHAR, checked_at VARCHAR,
  from_date VARCHAR, to_date VARCHAR, paper_return DOUBLE, research DOUBLE, timing DOUBLE,
  slippage DOUBLE, costs DOUBLE, kill_switch DOUBLE, cause_timing DOUBLE,
  cause_slippage DOUBLE, cause_commission DOUBLE, cause_kill_switch DOUBLE,
  cause_fills_other DOUBLE, halt_date VARCHAR, relative_difference DOUBLE, target DOUBLE,
  within_target BOOLEAN, max_daily_deviation DOUBLE)`;

/**
 * Columns added since the first version of `reconciliations` (a store written before
 * them gains them, NULL in its old rows): the halts of the session and of the backtest
 * (the same limits applied to its own equity), and the halt cause.
 */
const RECONCILIATIONS_MIGRATIONS: readonly string[] = [
  ["halt_rule", "VARCHAR"],
  ["halt_reason", "VARCHAR"],
  ["backtest_halt_date", "VARCHAR"],
  ["backtest_halt_rule", "VARCHAR"],
  ["backtest_halt_reason", "VARCHAR"],
  ["session_halt", "DOUBLE"],
  ["cause_halt", "DOUBLE"],
].map(([c, t]) =>
  `ALTER TABLE reconciliations ADD COLUMN IF NOT EXISTS ${c} ${t}`
);

/** One `reconciliations` row (returns as fractions of capital; NaN stored as NULL). */
export interface ReconciliationRow {
  readonly session_id: string;
  readonly checked_at: string;
  readonly from_date: string;
  readonly to_date: string;
  readonly paper_return: number;
  readonly research: number;
  readonly timing: number;
  readonly slippage: number;
  readonly costs: number;
  readonly kill_switch: number;
  readonly cause_timing: number;
  readonly cause_slippage: number;
  readonly cause_commission: number;
  readonly cause_kill_switch: number;
  readonly cause_fills_other: number;
  readonly halt_date: string | null;
  readonly halt_rule: string | null;
  readonly halt_reason: string | null;
  readonly backtest_halt_date: string | null;
  readonly backtest_halt_rule: string | null;
  readonly backtest_halt_reason: string | null;
  /** The backtest halted where the session halted (`kill_switch` when they agree). */
  readonly session_halt: number;
  /** `session_halt - kill_switch`: what halting on another bar than the backtest did. */
  readonly cause_halt: number;
  readonly relative_difference: number;
  readonly target: number;
  readonly within_target: boolean;
  readonly max_daily_deviation: number;
}

/** One `reconciliations` row (returns as fractions of capital). */
export function reconciliationRow(
  r: Reconciliation & { sessionId: string; from: string; to: string },
  checkedAt: string,
): ReconciliationRow {
  return {
    session_id: r.sessionId,
    checked_at: checkedAt,
    from_date: r.from,
    to_date: r.to,
    paper_return: r.paperReturn,
    research: r.backtest.research,
    timing: r.backtest.timing,
    slippage: r.backtest.slippage,
    costs: r.backtest.costs,
    kill_switch: r.backtest.killSwitch,
    cause_timing: r.breakdown.timing,
    cause_slippage: r.breakdown.slippage,
    cause_commission: r.breakdown.commission,
    cause_kill_switch: r.breakdown.killSwitch,
    cause_fills_other: r.breakdown.fillsAndOther,
    halt_date: r.halt?.date ?? null,
    halt_rule: r.halt?.rule ?? null,
    halt_reason: r.halt?.reason ?? null,
    backtest_halt_date: r.backtestHalt?.date ?? null,
    backtest_halt_rule: r.backtestHalt?.rule ?? null,
    backtest_halt_reason: r.backtestHalt?.reason ?? null,
    session_halt: r.backtest.sessionHalt,
    cause_halt: r.breakdown.halt,
    relative_difference: r.relativeDifference,
    target: r.target,
    within_target: r.withinTarget,
    max_daily_deviation: r.maxDailyDeviation,
  };
}

/**
 * Store one reconciliation in one transaction.
 *
 * @param db The store.
 * @param row From {@linkcode reconciliationRow}.
 */
export async function saveReconciliation(
  db: DbEngine,
  row: ReconciliationRow,
): Promise<void> {
  await writeFamily(db, "reconciliation", [
    RECONCILIATIONS_DDL,
    ...RECONCILIATIONS_MIGRATIONS,
  ], async (tx) => {
    await insertRows(tx, "reconciliations", [row]);
  });
}

/**
 * The newest stored reconciliation of a session, or null.
 * Returns are fractions of capital.
 *
 * @param db The store.
 * @param sessionId The paper session.
 * @returns The row or null.
 */
export async function readLatestReconciliation(
  db: DbEngine,
  sessionId: string,
): Promise<ReconciliationRow | null> {
  const rows = await readRows<ReconciliationRow>(
    db,
    "reconciliations",
    `SELECT * FROM reconciliations WHERE session_id = $s
     ORDER BY checked_at DESC LIMIT 1`,
    { s: sessionId },
  );
  return rows[0] ?? null;
}
