/**
 * DataSanity as an ingest step.
 *
 * @module
 */
import type { DbEngine, MergeInfo, ValidateHook } from "../data/mod.ts";
import { contextBars } from "./context_bars.ts";
import { parseSanityOptions, type SanityOptionsInput } from "./config.ts";
import { DataSanityError, type SanityReport } from "./report.ts";
import { validateTable } from "./validate_table.ts";

/** Where the rows came from, for the error message. */
function scopeOf(merge: MergeInfo): string {
  return `the file's ${merge.fileRows} rows merged with the ${merge.storedRows} stored rows around them (${
    merge.symbols.join(", ")
  })`;
}

/** The merged check's report with the repairs of the file check before it. */
function combined(file: unknown, merged: SanityReport): SanityReport {
  const before = (file as SanityReport | undefined)?.repairs ?? [];
  return { ...merged, repairs: [...before, ...merged.repairs] };
}

/**
 * A `validate` hook for `ingestFile`: validates (RELAXED: repairs) the file's rows, then
 * (second call) the file's rows merged with the stored bars around them, and throws
 * {@linkcode DataSanityError} when violations remain in either mode, so the ingest
 * transaction rolls back and the store is unchanged. The message of a merged check says
 * so; its report lists the repairs of both calls. `contextBars` (see
 * {@linkcode contextBars}) tells ingest how many stored bars on each side of the file the
 * rules need.
 *
 * @param options Sanity options (validated now, so a bad field fails before any I/O).
 * @param onReport Called with each report (the last one covers the whole ingest).
 * @returns `(db, table, merge?) => Promise<SanityReport>` with `contextBars`.
 * @example
 * ```ts
 * import { sanityHook } from "./sanity_hook.ts";
 * import assert from "node:assert/strict";
 * assert.equal(sanityHook({ mode: "strict" }).contextBars, 12);
 * assert.throws(() => sanityHook({ mode: "lenient" as never }), /mode/);
 * ```
 */
export function sanityHook(
  options: SanityOptionsInput = {},
  onReport?: (report: SanityReport) => void,
): ValidateHook & {
  (db: DbEngine, table: string, merge?: MergeInfo): Promise<SanityReport>;
  readonly contextBars: number;
} {
  const opts = parseSanityOptions(options);
  const hook = async (db: DbEngine, table: string, merge?: MergeInfo) => {
    const scope = merge === undefined ? undefined : scopeOf(merge);
    let report: SanityReport;
    try {
      report = await validateTable(db, table, opts);
    } catch (e) {
      if (!(e instanceof DataSanityError)) throw e;
      report = e.report; // STRICT throws; rethrown below with the scope
    }
    if (merge !== undefined) report = combined(merge.fileResult, report);
    onReport?.(report);
    if (!report.ok) throw new DataSanityError(report, { scope });
    return report;
  };
  return Object.assign(hook, { contextBars: contextBars(opts) });
}
