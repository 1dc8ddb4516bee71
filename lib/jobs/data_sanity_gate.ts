/**
 * The one DataSanity gate of every research job (walk-forward, multi-symbol, training,
 * model comparison, optimisation, strategies, portfolio, stress, pairs): research fails
 * closed.
 *
 * - STRICT (the default): any violation fails the run (`DataSanityError`, exit 1).
 * - RELAXED: causal repairs are applied to the run's bars (the store is never changed);
 *   violations that no repair fixes fail the run (`UnrepairedDataError`, exit 1, each
 *   listed) unless `allowUnrepaired`, which lets them through and says so.
 *
 * Every run records what the gate did ({@linkcode DataSanityRecord}: mode, rows, each
 * repair, each violation let through) with its config, and every report shows it next
 * to the results (`dataSanityLine` in lib/report). Bars that do not come from the store
 * (a seeded synthetic basket) are not checked and recorded as such.
 *
 * @module
 */
import type { SanityMode } from "../_shared/schemas.ts";
import type { Bars } from "../_shared/types.ts";
import type { DbEngine } from "../data/mod.ts";
import {
  checkBars,
  checkUniverse,
  DataSanityError,
  formatViolations,
  type SanityReport,
} from "../sanity/mod.ts";

/** How a research job treats the data it runs on. */
export interface SanityPolicy {
  /** `strict`: fail on any violation; `relaxed`: repair causally, then fail on the rest. */
  readonly mode: SanityMode;
  /** RELAXED only: run on violations no repair fixes (recorded as allowed). @default false */
  readonly allowUnrepaired?: boolean;
}

/** The default of every research job: STRICT. */
export const STRICT_SANITY: SanityPolicy = { mode: "strict" };

/** Rows of one rule and symbol, as a run records them. */
export interface SanityFinding {
  readonly rule: string;
  readonly symbol: string;
  readonly count: number;
  /** Up to 5 example dates. */
  readonly dates: readonly string[];
  /** For repairs: what was done (`dropped`, `widened high/low`, ...). */
  readonly action?: string;
}

/** What DataSanity did for a run: stored with its config and shown next to its results. */
export interface DataSanityRecord {
  /** `STRICT`, `RELAXED`, or `not run` for data that is not from the store. */
  readonly mode: "STRICT" | "RELAXED" | "not run";
  /** Why it did not run (`not run` only). */
  readonly note?: string;
  /** Stored rows checked. */
  readonly rows: number;
  /** Each repair applied to the run's bars. */
  readonly repairs: readonly SanityFinding[];
  /** Each violation no repair fixed that `allowUnrepaired` let through. */
  readonly allowed: readonly SanityFinding[];
}

/** RELAXED left violations that no repair fixes, and the run did not allow them. */
export class UnrepairedDataError extends Error {
  override name = "UnrepairedDataError";
  /** The full report. */
  readonly report: SanityReport;
  constructor(report: SanityReport) {
    const n = report.violations.length;
    super(
      `DataSanity RELAXED repaired ${report.repairs.length} rule(s) but left ${n} violation${
        n === 1 ? "" : "s"
      } no repair fixes in ${report.rows} rows:\n${
        formatViolations(report.violations)
      }\nFix the data, or pass --allow-unrepaired to run on them anyway (the run records what it let through)`,
    );
    this.report = report;
  }
}

/**
 * The record of data the gate did not check (e.g. a seeded synthetic basket).
 *
 * @param note Why it was not checked.
 * @returns The record.
 */
export function uncheckedRecord(note: string): DataSanityRecord {
  return { mode: "not run", note, rows: 0, repairs: [], allowed: [] };
}

const finding = (
  x: { rule: string; symbol: string; count: number; dates: readonly string[] },
  action?: string,
): SanityFinding => ({
  rule: x.rule,
  symbol: x.symbol,
  count: x.count,
  dates: [...x.dates],
  ...(action ? { action } : {}),
});

/** The range of the store the bars came from: their symbols, first and last date. */
function rangeOf(bars: readonly Bars[]) {
  const firsts = bars.filter((b) => b.dates.length).map((b) => b.dates[0]);
  const lasts = bars.filter((b) => b.dates.length).map((b) => b.dates.at(-1)!);
  return {
    symbols: bars.map((b) => b.symbol),
    start: firsts.length ? firsts.reduce((a, b) => (a < b ? a : b)) : undefined,
    end: lasts.length ? lasts.reduce((a, b) => (a > b ? a : b)) : undefined,
  };
}

/**
 * The gate's decision on a DataSanity report (of one symbol, or of every symbol of a
 * run): the record of what was done, or a throw. The one place that decides, for
 * {@linkcode gateBars} and for each symbol of a universe run (lib/jobs multi-symbol,
 * which checks the universe in one pass and gates each symbol's share of the report).
 *
 * @param report The report, in the policy's mode (lib/sanity `checkUniverse`).
 * @param policy Mode and whether unrepaired violations may pass.
 * @returns The record (repairs applied by the caller to its bars, violations allowed).
 * @throws DataSanityError (STRICT, any violation) or {@linkcode UnrepairedDataError}
 *   (RELAXED, violations left and not allowed), both listing rule, symbol, count, dates.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { gateReport } from "./data_sanity_gate.ts";
 * const clean = { ok: true, mode: "strict" as const, rows: 10, violations: [], repairs: [] };
 * assert.deepEqual(gateReport(clean, { mode: "strict" }), { mode: "STRICT", rows: 10, repairs: [], allowed: [] });
 * ```
 */
export function gateReport(
  report: SanityReport,
  policy: SanityPolicy = STRICT_SANITY,
): DataSanityRecord {
  if (!report.ok) {
    if (policy.mode === "strict") throw new DataSanityError(report);
    if (!policy.allowUnrepaired) throw new UnrepairedDataError(report);
  }
  return {
    mode: policy.mode === "strict" ? "STRICT" : "RELAXED",
    rows: report.rows,
    repairs: report.repairs.map((r) => finding(r, r.action)),
    allowed: report.violations.map((v) => finding(v)),
  };
}

/**
 * Run DataSanity over the stored rows the bars came from, in the policy's mode.
 *
 * @param db The store the bars were loaded from.
 * @param bars The run's bars (one per symbol, distinct symbols).
 * @param policy Mode and whether unrepaired violations may pass.
 * @returns The bars to run on (RELAXED: repaired) and the record of what was done.
 * @throws DataSanityError (STRICT, any violation) or {@linkcode UnrepairedDataError}
 *   (RELAXED, violations left and not allowed), both listing rule, symbol, count, dates.
 */
export async function gateBars(
  db: DbEngine,
  bars: readonly Bars[],
  policy: SanityPolicy = STRICT_SANITY,
): Promise<{ bars: Bars[]; record: DataSanityRecord }> {
  const range = rangeOf(bars);
  const report = await checkUniverse(db, { ...range, mode: policy.mode });
  const record = gateReport(report, policy);
  if (report.repairs.length === 0) return { bars: [...bars], record };
  return { bars: await repairBars(db, bars), record };
}

/**
 * The run's bars with the causal repairs of DataSanity RELAXED applied (the store is
 * never changed; the same repairs its report lists).
 *
 * @param db The store the bars were loaded from.
 * @param bars The bars to repair.
 * @returns The repaired bars, in order.
 */
export async function repairBars(
  db: DbEngine,
  bars: readonly Bars[],
): Promise<Bars[]> {
  return (await checkBars(db, bars, { mode: "relaxed" })).bars;
}

/**
 * One record for a run over several gated parts (a multi-symbol comparison): rows
 * added, repairs and allowed violations listed together.
 *
 * @param records The parts' records (at least one).
 * @returns The combined record (`not run` only when every part was not run).
 */
export function mergeRecords(
  records: readonly DataSanityRecord[],
): DataSanityRecord {
  const run = records.filter((r) => r.mode !== "not run");
  if (run.length === 0) return records[0] ?? uncheckedRecord("no data");
  return {
    mode: run.some((r) => r.mode === "RELAXED") ? "RELAXED" : "STRICT",
    rows: run.reduce((a, r) => a + r.rows, 0),
    repairs: run.flatMap((r) => r.repairs),
    allowed: run.flatMap((r) => r.allowed),
  };
}
