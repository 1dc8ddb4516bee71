/**
 * The text summary of `deno task train`.
 *
 * @module
 */
import type { TrainSummary } from "../jobs/mod.ts";
import { formatCell, textTable, wrapText } from "../report/mod.ts";

const pct = (v: number) => formatCell(v, "pct");

/**
 * Render one symbol's training summary: OOS figures, each stability figure against its
 * null (same folds, permuted labels) with the verdict, the roadmap's > 70% target, stable
 * and unstable features, and the warm-start source and effect (fit times are left out:
 * one fit's timing says nothing; `deno task bench` measures speed).
 *
 * @param s The summary from `trainSymbol`.
 * @returns Lines joined by `\n`.
 */
export function formatTrainSummary(s: TrainSummary): string {
  const n = s.stabilityNull;
  const band = (b: { p05: number; p95: number }, f: (v: number) => string) =>
    Number.isFinite(b.p05) ? `${f(b.p05)} to ${f(b.p95)}` : "-";
  const dec = (v: number) => formatCell(v, "dec3");
  const lines = [
    `${s.symbol} ${s.model}: run ${s.runId}${s.persisted ? " (stored)" : ""}`,
    `  ${
      formatCell(s.rows, "int")
    } rows, ${s.folds} folds, OOS ${s.firstTestDate}..${s.lastTestDate}`,
    `  OOS: rank IC ${
      dec(s.oos.rankIc)
    } (pooled over all test days), hit rate ${
      pct(s.oos.hitRate)
    }, sign-strategy Sharpe ${formatCell(s.oos.sharpe, "ratio")} (252/yr)`,
    "  feature stability against its null (same folds, labels permuted):",
    textTable(
      [
        { title: "figure" },
        { title: "real" },
        { title: "null mean" },
        { title: "null 90% band" },
      ],
      [
        [
          "stable share",
          pct(s.stableShare),
          n ? pct(n.stableShare.mean) : "-",
          n ? band(n.stableShare, pct) : "-",
        ],
        [
          "consecutive-fold Spearman",
          dec(s.meanRankSpearman),
          n ? dec(n.meanRankSpearman.mean) : "-",
          n ? band(n.meanRankSpearman, dec) : "-",
        ],
      ],
    ).replace(/^(?=.)/gm, "    "),
    wrapText(
      `  verdict: ${
        s.stabilityVerdict ||
        "no null computed (--null-repeats 0): the stability figures cannot be told from chance"
      }`,
    ),
    `  roadmap target > ${pct(s.targetShare)} stable: ${
      s.stablePass ? "PASS" : "FAIL"
    }${
      s.stablePass && !s.stableBeyondChance
        ? " (but not beyond what chance makes stable)"
        : ""
    }`,
    wrapText(
      `  stable: ${s.stableFeatures.join(", ") || "none"}; unstable: ${
        s.unstableFeatures.join(", ") || "none"
      }`,
    ),
  ];
  if (s.warmEffect) {
    const w = s.warmEffect.warm, c = s.warmEffect.cold;
    lines.push(
      wrapText(
        `  warm start from: ${s.warmStartSource}${
          s.warmStartFrom.length
            ? ` (folds started from stored run ${s.warmStartFrom.join(", ")})`
            : ""
        }`,
      ),
      `  warm vs cold on the same folds: rank IC ${dec(w.rankIc)} vs ${
        dec(c.rankIc)
      }, Sharpe ${formatCell(w.sharpe, "ratio")} vs ${
        formatCell(c.sharpe, "ratio")
      }, fold drift ${formatCell(w.drift, "dec4")} vs ${
        formatCell(c.drift, "dec4")
      }`,
    );
  }
  return lines.join("\n");
}
