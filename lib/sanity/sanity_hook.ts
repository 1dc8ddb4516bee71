/**
 * DataSanity as an ingest step.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { parseSanityOptions, type SanityOptionsInput } from "./config.ts";
import { DataSanityError, type SanityReport } from "./report.ts";
import { validateTable } from "./validate_table.ts";

/**
 * A `validate` callback for `ingestFile`: validates (RELAXED: repairs) the staged table
 * and throws {@linkcode DataSanityError} when violations remain in either mode, so the
 * ingest transaction rolls back and the store is unchanged.
 *
 * @param options Sanity options (validated now, so a bad field fails before any I/O).
 * @param onReport Called with each report (e.g. to print the repairs).
 * @returns `(db, table) => Promise<SanityReport>` (ingest keeps it as `validation`).
 * @example
 * ```ts
 * import { sanityHook } from "./sanity_hook.ts";
 * import assert from "node:assert/strict";
 * assert.equal(typeof sanityHook({ mode: "strict" }), "function");
 * assert.throws(() => sanityHook({ mode: "lenient" as never }), /mode/);
 * ```
 */
export function sanityHook(
  options: SanityOptionsInput = {},
  onReport?: (report: SanityReport) => void,
): (db: DbEngine, table: string) => Promise<SanityReport> {
  const opts = parseSanityOptions(options);
  return async (db, table) => {
    const report = await validateTable(db, table, opts);
    onReport?.(report);
    if (!report.ok) throw new DataSanityError(report);
    return report;
  };
}
