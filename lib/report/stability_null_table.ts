/**
 * Each feature-stability figure of a stored training run next to its null (same folds,
 * permuted labels) and the verdict that compares them, as reports and the dashboard show
 * it. Runs stored without a null say so.
 *
 * @module
 */
import { type ColumnFormat, formatCell } from "./column_format.ts";
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
  { title: "real" },
  { title: "null mean" },
  { title: "null 5%" },
  { title: "null 95%" },
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
 * nulls (each row in its unit: the share in percent, the correlation to 3 decimals).
 *
 * @param s The run's stored summary.
 * @returns Table rows and the verdict ("" when no null was stored).
 */
export function stabilityNullRows(
  s: StoredStabilitySummary,
): { rows: TableCell[][]; verdict: string } {
  const n = s.stabilityNull ?? undefined;
  const row = (
    name: string,
    unit: ColumnFormat,
    real: number | undefined,
    b: Band | undefined,
  ) => [
    name,
    ...[real, b?.mean, b?.p05, b?.p95].map((v) => formatCell(v ?? NaN, unit)),
    where(real ?? NaN, b),
  ];
  return {
    rows: [
      row("stable share", "pct", s.stableShare, n?.stableShare),
      row(
        "consecutive-fold Spearman",
        "dec3",
        s.meanRankSpearman,
        n?.meanRankSpearman,
      ),
    ],
    verdict: n
      ? s.stabilityVerdict ?? ""
      : "No null was stored with this run (trained with --null-repeats 0, or by an earlier version): its stability figures cannot be told from chance.",
  };
}
