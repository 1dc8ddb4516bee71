/**
 * The `preflight_checks` table: each preflight checklist (the Phase 3 report shows the
 * newest), its DDL and typed writer.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import type { PreflightCheck } from "../paper/mod.ts";

/** DDL of `preflight_checks`. */
export const PREFLIGHT_DDL =
  `CREATE TABLE IF NOT EXISTS preflight_checks (checked_at VARCHAR, name VARCHAR, ok BOOLEAN, detail VARCHAR)`;

/**
 * Store one checklist, every check with the same `checked_at` (one transaction).
 *
 * @param db The store.
 * @param checks The checklist.
 * @param checkedAt ISO instant of the run.
 */
export async function writePreflightChecks(
  db: DbEngine,
  checks: readonly PreflightCheck[],
  checkedAt: string,
): Promise<void> {
  await db.exec(PREFLIGHT_DDL);
  if (checks.length === 0) return;
  await db.transaction(async (tx) => {
    for (const c of checks) {
      await tx.exec(
        `INSERT INTO preflight_checks (checked_at, name, ok, detail) VALUES ($at, $name, $ok, $detail)`,
        { at: checkedAt, name: c.name, ok: c.ok, detail: c.detail },
      );
    }
  });
}
