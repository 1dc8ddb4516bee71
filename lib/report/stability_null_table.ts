/**
 * Each feature-stability figure of a stored training run next to its null (same folds,
 * permuted labels) and the verdict that compares them, as reports and the dashboard show
 * it. Runs stored without a null say so.
 *
 * @module
 */
import type { TableCell, TableColumn } from "./table.ts";

interface Band {
  readonly mean: number;
  readonly p05: number;
  readonly p95: number;
}

/** The stored summary fields this table reads (all optional: older runs lack them). */
export interface StoredStabilitySummary {
  readonly stableShare?: number;
  readonly meanRankSpearman?: number;
  readonly stabilityNull?: {
    readonly repeats: number;
    readonly stableShare: Band;
    readonly meanRankSpearman: Band;
  } | null;
  readonly stabilityVerdict?: string;
}

/** Columns of {@linkcode stabilityNullRows}. */
export const STABILITY_NULL_COLUMNS: readonly TableColumn[] = [
  { title: "figure" },
  { title: "real", format: "dec3" },
  { title: "null mean", format: "dec3" },
  { title: "null 5%", format: "dec3" },
  { title: "null 95%", format: "dec3" },
  { title: "real vs null" },
];

const where = (real: number, b: Band | undefined): string =>
  !b || !Number.isFinite(b.p05) || !Number.isFinite(real)
    ? "no null band"
    : real > b.p95
    ? "above"
    : real < b.p05
    ? "below"
    : "within";

/**
 * The stability figures of a run (stable share, consecutive-fold Spearman) against their
 * nulls, as shares (dec3) and correlations.
 *
 * @param s The run's stored summary.
 * @returns Table rows and the verdict ("" when no null was stored).
 */
export function stabilityNullRows(
  s: StoredStabilitySummary,
): { rows: TableCell[][]; verdict: string } {
  const n = s.stabilityNull ?? undefined;
  const row = (name: string, real: number | undefined, b: Band | undefined) => [
    name,
    real ?? NaN,
    b?.mean ?? NaN,
    b?.p05 ?? NaN,
    b?.p95 ?? NaN,
    where(real ?? NaN, b),
  ];
  return {
    rows: [
      row("stable share", s.stableShare, n?.stableShare),
      row(
        "consecutive-fold Spearman",
        s.meanRankSpearman,
        n?.meanRankSpearman,
      ),
    ],
    verdict: n
      ? s.stabilityVerdict ?? ""
      : "No null was stored with this run (trained with --null-repeats 0, or by an earlier version): its stability figures cannot be told from chance.",
  };
}
