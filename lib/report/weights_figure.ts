import { Plot, plotSvg, responsive, utcDate } from "./_plot.ts";

/** Allocation weights decided on a date. */
export interface WeightsPoint {
  /** ISO date of the decision. */
  readonly date: string;
  /** Weight of each symbol (fractions of capital), in symbol order. */
  readonly weights: readonly number[];
}

/**
 * Stacked area of allocation weights over time (one band per symbol, in percent of
 * capital; weights held constant between decisions, drawn as steps), each band labelled
 * at the right edge when it holds at least 5%.
 *
 * @param symbols Symbol of each weight column.
 * @param history Decisions in time order.
 * @param options `endDate`: hold the last weights until this date (e.g. the end of the
 *   out-of-sample period).
 * @returns HTML holding the SVG (wide and phone renderings).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { weightsFigure } from "./weights_figure.ts";
 * const svg = weightsFigure(["A", "B"], [{ date: "2020-01-01", weights: [0.5, 0.5] }, { date: "2020-02-01", weights: [0.2, 0.8] }]);
 * assert.ok(svg.includes("Weight (%)"));
 * ```
 */
export function weightsFigure(
  symbols: readonly string[],
  history: readonly WeightsPoint[],
  options: { endDate?: string } = {},
): string {
  const last = history.at(-1);
  const points = last && options.endDate && options.endDate > last.date
    ? [...history, { date: options.endDate, weights: last.weights }]
    : history;
  let cum = 0;
  const labels = last
    ? symbols.map((s, j) => {
      const w = (last.weights[j] ?? 0) * 100;
      cum += w;
      return {
        date: utcDate(points.at(-1)!.date),
        y: cum - w / 2,
        symbol: s,
        w,
      };
    }).filter((l) => l.w >= 5)
    : [];
  const rows = points.flatMap((h) =>
    symbols.map((s, j) => ({
      date: utcDate(h.date),
      symbol: s,
      pct: (h.weights[j] ?? NaN) * 100,
    }))
  );
  return responsive("Allocation weights over time", (size) =>
    plotSvg(size, {
      height: Math.round(size.width * 0.33),
      x: { label: null },
      y: { label: "Weight (%)", grid: true },
      color: { legend: false, domain: [...symbols], scheme: "tableau10" },
      marks: [
        Plot.areaY(rows, {
          x: "date",
          y: "pct",
          fill: "symbol",
          curve: "step-after",
          fillOpacity: 0.8,
        }),
        Plot.ruleY([0]),
        Plot.text(labels, {
          x: "date",
          y: "y",
          text: "symbol",
          textAnchor: "end",
          dx: -6,
          fill: "white",
          fontSize: size.fontSize,
        }),
      ],
    }));
}
