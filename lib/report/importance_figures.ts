/**
 * Figures of the persistence dashboard (Observable Plot on linkedom, self-contained SVG).
 * Feature names reach the SVG as DOM text, so they are escaped by the serialiser.
 *
 * @module
 */
import type { RunImportance } from "../store/mod.ts";
import { descendingRanks } from "../ml/mod.ts";
import { Plot, plotSvg, responsive } from "./_plot.ts";

/**
 * 20 categorical colours, distinguishable side by side (Tableau 10 and its light
 * companions): one per feature line, so no two of up to 20 features share a colour.
 */
export const CATEGORICAL_20: readonly string[] = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#79706e",
  "#1b3f66",
  "#a6501b",
  "#8c1d1f",
  "#2f6b66",
  "#2d5e29",
  "#9a7d12",
  "#6b3d60",
  "#c2185b",
  "#5a4033",
  "#bab0ac",
];

/** ColorBrewer Blues in 6 steps, light to dark. */
const BLUES_6 = [
  "#eff3ff",
  "#c6dbef",
  "#9ecae1",
  "#6baed6",
  "#3182bd",
  "#08519c",
];

/**
 * Heatmap of importance share (importance / fold total) by feature (rows) and fold (columns).
 *
 * @param run One run's importance history.
 * @returns HTML holding the SVG (wide and phone renderings) with its colour legend.
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
  const top = Math.max(1e-9, ...cells.map((c) => c.share));
  const steps = [1, 2, 3, 4, 5].map((k) => (top * k) / 6);
  return responsive(
    "Importance share by feature and fold",
    (size) =>
      plotSvg(size, {
        height: 70 + (size.fontSize + 10) * run.features.length,
        marginLeft: Math.round(size.fontSize * 7.5),
        // a stepped scale whose legend is drawn in SVG (a continuous ramp needs a
        // canvas, which a report written on the server has not)
        color: {
          type: "threshold",
          domain: steps,
          range: BLUES_6,
          legend: true,
          label: "importance share of the fold (%)",
          tickFormat: (v: number) => (v * 100).toFixed(v * 100 < 10 ? 1 : 0),
        },
        x: {
          label: "fold",
          type: "band",
          tickFormat: (d: number, i: number) =>
            i % Math.ceil(run.records.length / (size.width / 30))
              ? ""
              : String(d),
        },
        y: { label: null },
        marks: [
          Plot.cell(cells, {
            x: "fold",
            y: "feature",
            fill: "share",
            title: (d: { share: number }) => `${(d.share * 100).toFixed(1)}%`,
          }),
        ],
      }),
  );
}

/**
 * Rank of each feature by fold (1 = most important), one line per feature, each in its
 * own colour (up to 20) and named at the right end of its line.
 *
 * @param run One run's importance history.
 * @returns HTML holding the SVG (wide and phone renderings).
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
  const last = run.records.at(-1)?.fold;
  // name each line at its last point; tied ranks are spread one rank apart so no two
  // names sit on each other
  const ends = rows.filter((r) => r.fold === last).sort((a, b) =>
    a.rank - b.rank
  );
  let prev = -Infinity;
  const labels = ends.map((r) => {
    const at = Math.max(r.rank, prev + 1);
    prev = at;
    return { ...r, rank: at };
  });
  const color = {
    domain: run.features,
    range: CATEGORICAL_20.slice(0, Math.max(1, run.features.length)),
  };
  return responsive("Feature rank by fold", (size) =>
    plotSvg(size, {
      height: Math.max(220, 40 + (size.fontSize + 12) * run.features.length),
      marginRight: Math.round(size.fontSize * 7),
      color,
      y: { label: "rank (1 = top)", reverse: true, grid: true },
      x: { label: "fold" },
      marks: [
        Plot.lineY(rows, { x: "fold", y: "rank", stroke: "feature" }),
        Plot.text(labels, {
          x: "fold",
          y: "rank",
          text: "feature",
          fill: "feature",
          dx: 6,
          textAnchor: "start",
          fontSize: size.fontSize - 1,
        }),
      ],
    }));
}
