/**
 * Go-live checklists of `deno task preflight`: `preflight_checks`, one row per check of a
 * checklist (the Phase 3 report shows the newest). DDL, writer and reader.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { insertRows, readRows, writeFamily } from "./_sql.ts";

/** DDL of `preflight_checks`. */
export const PREFLIGHT_DDL =
  `CREATE TABLE IF NOT EXISTS preflight_checks (checked_at VARCHAR, name VARCHAR, ok BOOLEAN, detail VARCHAR)`;

/** One check of a checklist. */
export interface PreflightCheckRow {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Store one checklist, every check stamped with `checkedAt`, in one transaction.
 *
 * @param db The store.
 * @param checks The checks, in order.
 * @param checkedAt ISO instant of the checklist.
 */
export async function savePreflightChecks(
  db: DbEngine,
  checks: readonly PreflightCheckRow[],
  checkedAt: string,
): Promise<void> {
  await writeFamily(db, "preflight", [PREFLIGHT_DDL], async (tx) => {
    await insertRows(
      tx,
      "preflight_checks",
      checks.map((c) => ({
        checked_at: checkedAt,
        name: c.name,
        ok: c.ok,
        detail: c.detail,
      })),
    );
  });
}

/**
 * The newest stored checklist; [] when none is stored.
 *
 * @param db The store.
 * @returns Its checks with their time.
 */
export async function readLatestPreflight(
  db: DbEngine,
): Promise<(PreflightCheckRow & { readonly checkedAt: string })[]> {
  const rows = await readRows(
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
