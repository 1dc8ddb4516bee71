/**
 * The text table of `deno task ml-analysis`.
 *
 * @module
 */
import type { Analysis } from "../jobs/mod.ts";

const f = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : "n/a");

/**
 * Render the ranking and the best configuration's deflated Sharpe ratio.
 *
 * @param a The analysis.
 * @returns Lines joined by `\n`.
 */
export function formatAnalysis(a: Analysis): string {
  const r0 = a.ranking[0], d = a.best.deflatedSharpe;
  return [
    `${a.symbol}: ${a.configurations} configurations on the same ${r0.folds} folds (${r0.n} OOS days)`,
    "rank  model       selection  Sharpe   IC      hit     stable",
    ...a.ranking.map((r) =>
      `${String(r.rank).padEnd(5)} ${r.model.padEnd(11)} ${
        r.selection.padEnd(10)
      } ${f(r.sharpe, 2).padStart(6)}  ${f(r.meanIc).padStart(6)}  ${
        f(r.hitRate).padStart(6)
      }  ${f(r.stableShare, 2)}`
    ),
    `best ${a.best.model}/${a.best.selection}: deflated Sharpe ${
      f(d.dsr)
    } (N = ${d.trials}, expected max per-day Sharpe ${
      f(d.expectedMaxSharpe, 4)
    } vs ${f(d.sharpe, 4)})`,
  ].join("\n");
}
