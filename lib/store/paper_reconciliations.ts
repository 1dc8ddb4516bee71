/**
 * The `reconciliations` table: each `deno task reconcile` result (the Phase 2 report
 * shows the newest), its DDL and typed writer.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { Reconciliation } from "../paper/mod.ts";

/** DDL of `reconciliations` (returns as fractions of capital). */
export const RECONCILIATIONS_DDL =
  `CREATE TABLE IF NOT EXISTS reconciliations (session_id VARCHAR, checked_at VARCHAR,
  from_date VARCHAR, to_date VARCHAR, paper_return DOUBLE, research DOUBLE, timing DOUBLE,
  slippage DOUBLE, costs DOUBLE, kill_switch DOUBLE, cause_timing DOUBLE,
  cause_slippage DOUBLE, cause_commission DOUBLE, cause_kill_switch DOUBLE,
  cause_fills_other DOUBLE, halt_date VARCHAR, relative_difference DOUBLE, target DOUBLE,
  within_target BOOLEAN, max_daily_deviation DOUBLE)`;

/** A reconciliation with the session and period it covers. */
export type StoredReconciliation = Reconciliation & {
  sessionId: string;
  from: string;
  to: string;
};

/** One `reconciliations` row (returns as fractions of capital; non-finite -> null). */
export function reconciliationRow(
  r: StoredReconciliation,
  checkedAt: string,
): Record<string, string | number | boolean | null> {
  const num = (v: number): number | null => Number.isFinite(v) ? v : null;
  return {
    session_id: r.sessionId,
    checked_at: checkedAt,
    from_date: r.from,
    to_date: r.to,
    paper_return: num(r.paperReturn),
    research: num(r.backtest.research),
    timing: num(r.backtest.timing),
    slippage: num(r.backtest.slippage),
    costs: num(r.backtest.costs),
    kill_switch: num(r.backtest.killSwitch),
    cause_timing: num(r.breakdown.timing),
    cause_slippage: num(r.breakdown.slippage),
    cause_commission: num(r.breakdown.commission),
    cause_kill_switch: num(r.breakdown.killSwitch),
    cause_fills_other: num(r.breakdown.fillsAndOther),
    halt_date: r.halt?.date ?? null,
    relative_difference: num(r.relativeDifference),
    target: num(r.target),
    within_target: r.withinTarget,
    max_daily_deviation: num(r.maxDailyDeviation),
  };
}

/**
 * Store one reconciliation (the table is created if missing).
 *
 * @param db The store.
 * @param r The reconciliation.
 * @param checkedAt ISO instant of the check.
 */
export async function writeReconciliation(
  db: DbEngine,
  r: StoredReconciliation,
  checkedAt: string,
): Promise<void> {
  await db.exec(RECONCILIATIONS_DDL);
  const row = reconciliationRow(r, checkedAt);
  const cols = Object.keys(row);
  await db.exec(
    `INSERT INTO reconciliations (${cols.join(", ")}) VALUES (${
      cols.map((c) => `$${c}`).join(", ")
    })`,
    row,
  );
}
