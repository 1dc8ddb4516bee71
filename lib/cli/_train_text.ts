/**
 * The text summary of `deno task train`.
 *
 * @module
 */
import type { TrainSummary } from "../jobs/mod.ts";

const pct = (
  v: number,
) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "n/a");
const f = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : "n/a");

/**
 * Render one symbol's training summary: OOS figures, the stable-feature headline (the
 * roadmap's > 70% target, PASS/FAIL, with the label-permutation null), stable and unstable
 * features, and the warm-start effect.
 *
 * @param s The summary from `trainSymbol`.
 * @returns Lines joined by `\n`.
 */
export function formatTrainSummary(s: TrainSummary): string {
  const lines = [
    `${s.symbol} ${s.model}: run ${s.runId}${s.persisted ? " (stored)" : ""}`,
    `  ${s.rows} rows, ${s.folds} folds, OOS ${s.firstTestDate}..${s.lastTestDate}`,
    `  OOS: mean IC ${f(s.oos.meanIc)}, hit rate ${
      pct(s.oos.hitRate)
    }, sign-strategy Sharpe ${f(s.oos.sharpe, 2)} (252/yr)`,
    `  stable features: ${pct(s.stableShare)} vs target > ${
      pct(s.targetShare)
    }: ${s.stablePass ? "PASS" : "FAIL"} (null ${
      s.nullStableShare === null ? "n/a" : pct(s.nullStableShare)
    }; consecutive-fold Spearman ${f(s.meanRankSpearman)})`,
    `  stable: ${s.stableFeatures.join(", ") || "none"}; unstable: ${
      s.unstableFeatures.join(", ") || "none"
    }`,
  ];
  if (s.warmEffect) {
    const w = s.warmEffect.warm, c = s.warmEffect.cold;
    lines.push(
      `  warm start from: ${
        s.warmStartFrom.join(", ") || "earlier folds of this run only"
      }`,
      `  warm vs cold: IC ${f(w.meanIc)} vs ${f(c.meanIc)}, Sharpe ${
        f(w.sharpe, 2)
      } vs ${f(c.sharpe, 2)}, fit ${f(w.fitMs, 0)} vs ${
        f(c.fitMs, 0)
      } ms, fold drift ${f(w.drift, 4)} vs ${f(c.drift, 4)}`,
    );
  }
  return lines.join("\n");
}
