/**
 * Small readers over DbEngine queries for tables whose domains have no reader yet
 * (`stress_results`, `portfolio_runs`, `optimize_runs`, `preflight_checks`) and the bars
 * through lib/data.
 * Every reader returns an empty result when its table does not exist.
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";
import { listSymbols, loadBars } from "../data/mod.ts";

/** True when `table` exists in the database's main schema. */
export async function tableExists(
  db: DbEngine,
  table: string,
): Promise<boolean> {
  const rows = await db.query(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = $t",
    { t: table },
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Rows of `SELECT ... FROM table` or [] when the table is missing. */
export async function readTable(
  db: DbEngine,
  table: string,
  sql: string,
  params: Record<string, string | number | null> = {},
): Promise<Record<string, unknown>[]> {
  if (!(await tableExists(db, table))) return [];
  return await db.query(sql, params);
}

/** Rows of the newest `stress_results` run (by created_at, then run id). */
export async function readLatestStress(
  db: DbEngine,
): Promise<Record<string, unknown>[]> {
  return await readTable(
    db,
    "stress_results",
    `SELECT * FROM stress_results WHERE run_id = (
       SELECT run_id FROM stress_results ORDER BY created_at DESC NULLS LAST, run_id DESC LIMIT 1)
     ORDER BY scenario`,
  );
}

/** Rows of the newest `portfolio_runs` run (one row per method). */
export async function readLatestPortfolio(
  db: DbEngine,
): Promise<Record<string, unknown>[]> {
  return await readTable(
    db,
    "portfolio_runs",
    `SELECT * FROM portfolio_runs WHERE run_id = (
       SELECT run_id FROM portfolio_runs ORDER BY created_at DESC NULLS LAST, run_id DESC LIMIT 1)
     ORDER BY method`,
  );
}

/** The newest `optimize_runs` row of each strategy (and symbol set). */
export async function readLatestOptimize(
  db: DbEngine,
): Promise<Record<string, unknown>[]> {
  return await readTable(
    db,
    "optimize_runs",
    `SELECT * FROM optimize_runs QUALIFY row_number() OVER (
       PARTITION BY strategy, symbols ORDER BY created_at DESC NULLS LAST, run_id DESC) = 1
     ORDER BY strategy, symbols`,
  );
}

/**
 * The newest preflight checklist in `preflight_checks (checked_at, name, ok, detail)`;
 * [] when none is stored.
 */
export async function readLatestPreflight(
  db: DbEngine,
): Promise<{ checkedAt: string; name: string; ok: boolean; detail: string }[]> {
  const rows = await readTable(
    db,
    "preflight_checks",
    `SELECT * FROM preflight_checks WHERE checked_at = (SELECT max(checked_at) FROM preflight_checks)`,
  );
  return rows.map((r) => ({
    checkedAt: String(r.checked_at),
    name: String(r.name),
    ok: r.ok === true,
    detail: String(r.detail ?? ""),
  }));
}

/**
 * The newest stored reconciliation of a session (`deno task reconcile`), or null.
 * Returns are fractions of capital.
 */
export async function readLatestReconciliation(
  db: DbEngine,
  sessionId: string,
): Promise<Record<string, unknown> | null> {
  const rows = await readTable(
    db,
    "reconciliations",
    `SELECT * FROM reconciliations WHERE session_id = $s
     ORDER BY checked_at DESC LIMIT 1`,
    { s: sessionId },
  );
  return rows[0] ?? null;
}

/**
 * Stored closes of a symbol (lib/data `loadBars`: adjusted where the source had it,
 * ascending), or null when the store has no bars of it.
 */
export async function readCloses(
  db: DbEngine,
  symbol: string,
): Promise<{ dates: readonly string[]; close: Float64Array } | null> {
  if (!(await readBarSymbols(db)).includes(symbol)) return null;
  const bars = await loadBars(db, symbol);
  return bars.dates.length ? { dates: bars.dates, close: bars.close } : null;
}

/** Symbols with bars in the store ([] when there is no `bars` table). */
export async function readBarSymbols(db: DbEngine): Promise<string[]> {
  if (!(await tableExists(db, "bars"))) return [];
  return (await listSymbols(db)).map((s) => s.symbol);
}

/** Parse a JSON text column (objects pass through; bad or null text gives null). */
export function parseJson<T = unknown>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "string") return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}
