/**
 * Figures of the persistence dashboard (Observable Plot on linkedom, self-contained SVG).
 * Feature names reach the SVG as DOM text, so they are escaped by the serialiser.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { RunImportance } from "../store/mod.ts";
import { descendingRanks } from "../ml/mod.ts";

function doc() {
  return parseHTML("<!doctype html><html><head></head><body></body></html>")
    .document;
}

const STYLE = { fontFamily: "system-ui, sans-serif", fontSize: "11px" };

/**
 * Heatmap of importance share (importance / fold total) by feature (rows) and fold (columns).
 *
 * @param run One run's importance history.
 * @returns SVG markup.
 */
export function importanceHeatmap(run: RunImportance): string {
  const cells = run.records.flatMap((r) => {
    const total = Array.from(r.importance).reduce((a, b) => a + b, 0);
    return run.features.map((feature, j) => ({
      fold: r.fold,
      feature,
      share: total > 0 ? r.importance[j] / total : 0,
    }));
  });
  const svg = Plot.plot({
    document: doc(),
    width: 760,
    height: 40 + 22 * run.features.length,
    marginLeft: 120,
    style: STYLE,
    color: { scheme: "blues", legend: false, label: "importance share" },
    x: { label: "fold", type: "band" },
    y: { label: null },
    marks: [
      Plot.cell(cells, {
        x: "fold",
        y: "feature",
        fill: "share",
        title: (d: { share: number }) => d.share.toFixed(3),
      }),
    ],
  }) as unknown as { outerHTML: string };
  return svg.outerHTML;
}

/**
 * Rank of each feature by fold (1 = most important), one line per feature.
 *
 * @param run One run's importance history.
 * @returns SVG markup.
 */
export function rankTrajectories(run: RunImportance): string {
  const rows = run.records.flatMap((r) => {
    const ranks = descendingRanks(r.importance);
    return run.features.map((feature, j) => ({
      fold: r.fold,
      feature,
      rank: ranks[j],
    }));
  });
  const svg = Plot.plot({
    document: doc(),
    width: 760,
    height: 300,
    style: STYLE,
    color: { legend: true },
    y: { label: "rank (1 = top)", reverse: true, grid: true },
    x: { label: "fold" },
    marks: [Plot.lineY(rows, { x: "fold", y: "rank", stroke: "feature" })],
  }) as unknown as { outerHTML: string };
  return svg.outerHTML;
}
