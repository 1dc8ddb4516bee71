/**
 * What a DataSanity report means for a research run of one symbol, decided in one place
 * for the single-symbol job and for every symbol of a universe run: STRICT fails on any
 * violation; RELAXED runs on the repaired bars and records what no repair fixed.
 *
 * @module
 */
import type { SanityMode } from "../_shared/schemas.ts";
import {
  DataSanityError,
  formatViolations,
  type SanityReport,
} from "../sanity/mod.ts";
import type { SanitySummary } from "./_sanity_summary.ts";

/** The gate's verdict when the run may go on. */
export interface SanityVerdict {
  /** The summary (seconds: the caller's). */
  readonly summary: Omit<SanitySummary, "seconds">;
  /** RELAXED repaired some rows: run on the repaired bars (lib/sanity `checkBars`). */
  readonly repair: boolean;
}

/**
 * Decide on one symbol's report: STRICT throws {@linkcode DataSanityError} (the report's
 * message: rule, symbol, count, example dates) when any violation is left; otherwise the
 * summary, and whether the bars must be repaired first.
 *
 * @param symbol The symbol.
 * @param report Its report (lib/sanity `checkStore`, or its share of `checkUniverse`).
 * @param mode The run's mode.
 * @returns The verdict.
 * @throws DataSanityError in STRICT mode when the report is not ok.
 */
export function gateSanity(
  symbol: string,
  report: SanityReport,
  mode: SanityMode,
): SanityVerdict {
  if (mode === "strict" && !report.ok) throw new DataSanityError(report);
  return {
    summary: {
      symbol,
      mode: mode === "strict" ? "STRICT" : "RELAXED",
      rows: report.rows,
      violations: report.violations.length,
      repairs: report.repairs.length,
      unrepaired: report.ok ? "" : formatViolations(report.violations),
    },
    repair: report.repairs.length > 0,
  };
}
