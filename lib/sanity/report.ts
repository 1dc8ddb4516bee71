/**
 * The DataSanity report and its error.
 *
 * @module
 */
import type { SanityMode } from "./config.ts";
import { REPAIRABLE } from "./repair.ts";

/** Offending rows of one rule and symbol. */
export interface Violation {
  /** Rule id (see `RULE_IDS`). */
  readonly rule: string;
  /** Symbol (`""` when the table has none). */
  readonly symbol: string;
  /** Number of offending rows (for `duplicate_*`: duplicated timestamps; `stale_price`: runs). */
  readonly count: number;
  /** Up to 5 examples, ascending: `YYYY-MM-DD`, or the raw text of an unparsable date. */
  readonly dates: readonly string[];
  /** Extra facts (e.g. the z score of a lookahead test), when the rule has them. */
  readonly detail?: string;
}

/** Rows changed by a RELAXED repair. */
export interface Repair {
  /** The rule the repair fixes. */
  readonly rule: string;
  readonly symbol: string;
  /** Rows dropped or changed. */
  readonly count: number;
  /** Up to 5 example dates of the changed rows. */
  readonly dates: readonly string[];
  /** What was done: `"dropped"`, `"widened high/low"`, `"set volume to NULL"`, `"sorted"`. */
  readonly action: string;
}

/** Outcome of a validation. */
export interface SanityReport {
  /** No violation left (after repairs in RELAXED mode). */
  readonly ok: boolean;
  readonly mode: SanityMode;
  /** Rows of the table before any repair. */
  readonly rows: number;
  readonly violations: readonly Violation[];
  readonly repairs: readonly Repair[];
  /** Wall-clock milliseconds of each phase. */
  readonly timings?: Readonly<Record<string, number>>;
}

/** Human summary: one line per violation (rule, symbol, count, example dates). */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((v) =>
    `- ${v.rule} ${v.symbol || "(no symbol)"}: ${v.count} (e.g. ${
      v.dates.join(", ")
    })${v.detail ? `; ${v.detail}` : ""}`
  ).join("\n");
}

/** The last line of the error: what the user can do. */
function fixHint(violations: readonly Violation[]): string {
  const fixable = violations.some((v) => REPAIRABLE.has(v.rule));
  return fixable
    ? "Fix the data, relax a threshold, or use RELAXED mode to repair what can be repaired"
    : "Fix the data or relax a threshold (RELAXED mode cannot repair these rules)";
}

/** Options of {@linkcode DataSanityError}. */
export interface DataSanityErrorOptions extends ErrorOptions {
  /** What the rows were, e.g. "the file's 50 rows merged with the 24 stored rows around them". */
  readonly scope?: string;
}

/**
 * Thrown by STRICT validation (and by ingest hooks) when a table has violations; the
 * message lists each rule, symbol, count and example dates, `report` has them all.
 */
export class DataSanityError extends Error {
  override name = "DataSanityError";
  /** The full report. */
  readonly report: SanityReport;
  constructor(report: SanityReport, options?: DataSanityErrorOptions) {
    const n = report.violations.length;
    const rows = options?.scope ?? `${report.rows} rows`;
    super(
      `DataSanity ${report.mode.toUpperCase()} found ${n} violation${
        n === 1 ? "" : "s"
      } in ${rows}:\n${formatViolations(report.violations)}\n${
        fixHint(report.violations)
      }`,
      options,
    );
    this.report = report;
  }
}
