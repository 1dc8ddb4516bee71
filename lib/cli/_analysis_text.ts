/**
 * The text of `deno task ml-analysis` (and the demo's comparison step): the ranking of
 * the configurations out of sample, then apart from it the selection bias of the best
 * with hindsight.
 *
 * @module
 */
import type { Analysis } from "../jobs/mod.ts";
import {
  formatCell,
  SELECTION_BIAS_COLUMNS,
  selectionBiasFigures,
  selectionBiasRow,
  selectionVerdict,
  textTable,
  wrapText,
} from "../report/mod.ts";

/**
 * Render the ranking and the selection bias of the hindsight-best configuration.
 *
 * @param a The analysis.
 * @returns Lines joined by `\n`.
 */
export function formatAnalysis(a: Analysis): string {
  const r0 = a.ranking[0];
  const b = a.selectionBias;
  const f = selectionBiasFigures(
    `${a.configurations} ML configurations`,
    b,
    `${a.best.model}/${a.best.selection}`,
    b.benchmark,
  );
  return [
    `${a.symbol}: ${a.configurations} configurations on the same ${r0.folds} folds (${
      formatCell(r0.n, "int")
    } OOS days)`,
    textTable(
      [
        { title: "rank", format: "int" },
        { title: "model" },
        { title: "selection" },
        { title: "Sharpe", format: "ratio" },
        { title: "rank IC", format: "dec3" },
        { title: "hit rate", format: "pct" },
        { title: "stable", format: "pct" },
      ],
      a.ranking.map((r) => [
        r.rank,
        r.model,
        r.selection,
        r.sharpe,
        r.rankIc,
        r.hitRate,
        r.stableShare,
      ]),
    ),
    "selection bias (the best by OOS Sharpe is picked with hindsight on the rows it is scored on):",
    textTable(SELECTION_BIAS_COLUMNS.slice(1), [selectionBiasRow(f).slice(1)], {
      keyColumns: 0,
    }).replace(/^(?=.)/gm, "  "),
    wrapText(`  ${selectionVerdict(f)}`),
  ].join("\n");
}
