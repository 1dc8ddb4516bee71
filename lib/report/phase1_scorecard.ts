/**
 * The roadmap's Phase 1 success metrics, measured from stored runs.
 *
 * @module
 */
import { fixed } from "./_format.ts";
import type { ReportSection } from "./model.ts";
import {
  scorecard,
  type ScorecardCheck,
  type ScorecardRow,
} from "./scorecard.ts";

/** What the Phase 1 scorecard is measured from (all read from the store). */
export interface Phase1Measures {
  /** Annualised Sharpe of every out-of-sample fold of the long-history run. */
  readonly foldSharpes: readonly number[];
  /** Max drawdown (negative fraction) of the latest walk-forward run of each symbol. */
  readonly maxDrawdowns: readonly number[];
  /** Trade win rate (fraction) of the long-history run. */
  readonly winRate: number;
  /** Share of stable features of the latest ML run of each symbol/model. */
  readonly stableShares: readonly number[];
  /** Out-of-sample Sharpe of the latest walk-forward run of each symbol. */
  readonly assetSharpes: readonly number[];
  /** The runs measured, named in the scorecard (omitted: not named). */
  readonly runs?: {
    /** The long-history run. */
    readonly main: string | null;
    /** "SP500 walkforward-..." per symbol. */
    readonly perSymbol: readonly string[];
    /** ML run ids. */
    readonly ml: readonly string[];
  };
}

/** Thresholds of the roadmap (Phase 1, "extended validation"). */
export const PHASE1_THRESHOLDS = Object.freeze({
  minSharpeEveryPeriod: 0.8,
  maxDrawdownPct: 8,
  minWinRatePct: 52,
  minStableFeaturesPct: 70,
  minAssetSharpe: 0,
});

const worst = (xs: readonly number[], f: (a: number, b: number) => number) =>
  xs.length === 0 ? null : xs.reduce((
    a,
    b,
  ) => (Number.isFinite(a) && Number.isFinite(b) ? f(a, b) : NaN));

/**
 * The five Phase 1 checks, fail-closed (lib/report `scorecard`): an empty or NaN input
 * is "not measured" = FAIL.
 *
 * - Sharpe > 0.8 in every period: the minimum fold Sharpe.
 * - Max drawdown < 8% worst case: the largest drawdown over symbols, in percent.
 * - Win rate > 52%: trade win rate of the long-history run, in percent.
 * - > 70% of features stable: the smallest stable share over symbol/model, in percent.
 * - Consistent across assets: the smallest OOS Sharpe over >= 2 symbols is > 0.
 *
 * @param m Measures read from the store.
 * @returns The evaluated rows, in roadmap order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { phase1Scorecard } from "./phase1_scorecard.ts";
 * const rows = phase1Scorecard({ foldSharpes: [1, 0.9], maxDrawdowns: [-0.05], winRate: 0.6, stableShares: [], assetSharpes: [0.5] });
 * assert.deepEqual(rows.map((r) => r.pass), [true, true, true, false, false]);
 * ```
 */
export function phase1Scorecard(m: Phase1Measures): ScorecardRow[] {
  const t = PHASE1_THRESHOLDS;
  const of = (what: readonly string[] | string | null | undefined) => {
    if (m.runs === undefined) return "";
    const list = typeof what === "string" ? [what] : what ?? [];
    return list.length ? ` (${list.join(", ")})` : " (no run stored)";
  };
  const dd = worst(m.maxDrawdowns.map((d) => Math.abs(d) * 100), Math.max);
  const checks: ScorecardCheck[] = [
    {
      name: "Sharpe > 0.8 in every period",
      measured: worst(m.foldSharpes, Math.min),
      threshold: t.minSharpeEveryPeriod,
      comparator: ">",
      unit: "",
      note:
        `minimum annualised Sharpe over ${m.foldSharpes.length} out-of-sample folds${
          of(m.runs?.main)
        }`,
    },
    {
      name: "Max drawdown < 8% (worst case)",
      measured: dd,
      threshold: t.maxDrawdownPct,
      comparator: "<",
      unit: "%",
      note:
        `largest out-of-sample drawdown over ${m.maxDrawdowns.length} symbol run(s)${
          of(m.runs?.perSymbol)
        }`,
    },
    {
      name: "Win rate > 52%",
      measured: Number.isFinite(m.winRate) ? m.winRate * 100 : null,
      threshold: t.minWinRatePct,
      comparator: ">",
      unit: "%",
      note: `share of closed trades with positive P&L, long-history run${
        of(m.runs?.main)
      }`,
    },
    {
      name: "> 70% of features stable",
      measured: worst(m.stableShares.map((s) => s * 100), Math.min),
      threshold: t.minStableFeaturesPct,
      comparator: ">",
      unit: "%",
      note: `smallest stable share over ${m.stableShares.length} ML run(s)${
        of(m.runs?.ml)
      }`,
    },
    {
      name: "Consistent across assets",
      measured: m.assetSharpes.length >= 2
        ? worst(m.assetSharpes, Math.min)
        : null,
      threshold: t.minAssetSharpe,
      comparator: ">",
      unit: "",
      note:
        `smallest out-of-sample Sharpe over ${m.assetSharpes.length} symbol(s); needs at least 2${
          of(m.runs?.perSymbol)
        }`,
    },
  ];
  return scorecard(checks);
}

/** A scorecard as table columns and cells (what reports and notebooks both show). */
export interface ScorecardTable {
  readonly columns: string[];
  readonly rows: string[][];
}

/**
 * Scorecard rows as one table: criterion, measured value with its unit ("not measured"
 * when missing), threshold, PASS/FAIL, how it was measured. The reports' scorecard
 * sections and the phase notebooks show it through the same renderer (`tableHtml`).
 *
 * @param rows From `phase1Scorecard` or `scorecard`.
 * @returns Columns and cells.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { phase1Scorecard, scorecardTable } from "./phase1_scorecard.ts";
 * const t = scorecardTable(phase1Scorecard({ foldSharpes: [1.2, 0.9], maxDrawdowns: [-0.05], winRate: 0.6, stableShares: [], assetSharpes: [0.5] }));
 * assert.deepEqual(t.rows[0].slice(0, 4), ["Sharpe > 0.8 in every period", "0.90", "> 0.8", "PASS"]);
 * assert.deepEqual(t.rows[3].slice(1, 4), ["not measured", "> 70%", "FAIL"]);
 * ```
 */
export function scorecardTable(rows: readonly ScorecardRow[]): ScorecardTable {
  return {
    columns: ["criterion", "measured", "threshold", "result", "how measured"],
    rows: rows.map((r) => [
      r.name,
      r.measured === null || !Number.isFinite(r.measured)
        ? "not measured"
        : `${fixed(r.measured)}${r.unit}`,
      `${r.comparator} ${r.threshold}${r.unit}`,
      r.pass ? "PASS" : "FAIL",
      r.note,
    ]),
  };
}

/** The scorecard as a report table (measured values formatted, PASS/FAIL cells). */
export function scorecardSection(
  title: string,
  rows: readonly ScorecardRow[],
): ReportSection {
  return {
    kind: "table",
    title,
    ...scorecardTable(rows),
    caption:
      "Measured from the stored runs each time the report is built; a missing measurement is a FAIL.",
  };
}
