/**
 * The one line that says what DataSanity did for a run, shown next to its results in
 * every report section that shows a run and printed by every research task.
 *
 * @module
 */
import type { DataSanityRecord, SanityFinding } from "../jobs/mod.ts";

function isRecord(x: unknown): x is DataSanityRecord {
  const r = x as Partial<DataSanityRecord> | null;
  return r !== null && typeof r === "object" && typeof r.mode === "string" &&
    Array.isArray(r.repairs) && Array.isArray(r.allowed);
}

function list(xs: readonly SanityFinding[]): string {
  const shown = xs.slice(0, 3).map((x) =>
    `${x.rule} ${x.symbol} ${x.count}${x.action ? ` ${x.action}` : ""}`
  );
  return shown.join(", ") + (xs.length > 3 ? `, +${xs.length - 3} more` : "");
}

/**
 * "Data sanity: STRICT, 0 repairs" for a run's stored record (the `dataSanity` field of
 * its config); RELAXED lists the repairs and anything let through by
 * `--allow-unrepaired`; runs stored before the record existed say so.
 *
 * @param record The stored `dataSanity` value (anything: it is checked here).
 * @returns The line.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dataSanityLine } from "./data_sanity_line.ts";
 * assert.equal(dataSanityLine({ mode: "STRICT", rows: 5105, repairs: [], allowed: [] }), "Data sanity: STRICT, 0 repairs");
 * assert.equal(
 *   dataSanityLine({ mode: "RELAXED", rows: 800, repairs: [], allowed: [{ rule: "extreme_move", symbol: "X", count: 1, dates: ["2020-03-16"] }] }),
 *   "Data sanity: RELAXED, 0 repairs, 1 violation ALLOWED THROUGH (extreme_move X 1)",
 * );
 * assert.equal(dataSanityLine(undefined), "Data sanity: not recorded (a run stored before runs recorded it)");
 * ```
 */
export function dataSanityLine(record: unknown): string {
  if (!isRecord(record)) {
    return "Data sanity: not recorded (a run stored before runs recorded it)";
  }
  if (record.mode === "not run") {
    return `Data sanity: not run (${record.note ?? "data not from the store"})`;
  }
  const n = record.repairs.length, a = record.allowed.length;
  const repairs = `${n} repair${n === 1 ? "" : "s"}${
    n ? ` (${list(record.repairs)})` : ""
  }`;
  const allowed = a
    ? `, ${a} violation${a === 1 ? "" : "s"} ALLOWED THROUGH (${
      list(record.allowed)
    })`
    : "";
  return `Data sanity: ${record.mode}, ${repairs}${allowed}`;
}

/**
 * {@linkcode dataSanityLine} without its label, for a table cell of a run.
 *
 * @param record The stored `dataSanity` value.
 * @returns E.g. "STRICT, 0 repairs".
 */
export function dataSanityCell(record: unknown): string {
  return dataSanityLine(record).replace(/^Data sanity: /, "");
}
