import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** Options of {@link equityFigure}. */
export interface EquityFigureOptions {
  /** Figure width in px (the SVG scales down with max-width:100%). @default 720 */
  width?: number;
}

/**
 * Equity curve with its drawdown panel underneath, as a self-contained SVG string.
 *
 * Drawdown at t = equity_t / max(equity_0..t) - 1 (a negative fraction, plotted in %).
 * Rendered server-side with Observable Plot on a linkedom document; no scripts, no fonts.
 *
 * @param data `{ dates, equity }` with ISO dates ascending and equity values (NaN skipped).
 * @param options Figure options.
 * @returns An HTML string holding two `<svg>` panels.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { equityFigure } from "./equity_figure.ts";
 * const svg = equityFigure({ dates: ["2020-01-01", "2020-01-02"], equity: new Float64Array([1, 0.9]) });
 * assert.ok(svg.includes("<svg"));
 * ```
 */
export function equityFigure(
  data: { dates: readonly string[]; equity: Float64Array },
  options: EquityFigureOptions = {},
): string {
  if (data.dates.length !== data.equity.length) {
    throw new RangeError(
      `Cannot draw equity: expected ${data.dates.length} equity values, got ${data.equity.length}`,
    );
  }
  const width = options.width ?? 720;
  const rows: { date: Date; equity: number; drawdown: number }[] = [];
  let peak = -Infinity;
  for (let i = 0; i < data.equity.length; i++) {
    const e = data.equity[i];
    if (!Number.isFinite(e)) continue;
    peak = Math.max(peak, e);
    rows.push({
      date: new Date(data.dates[i] + "T00:00:00Z"),
      equity: e,
      drawdown: (e / peak - 1) * 100,
    });
  }
  const { document } = parseHTML(
    "<!doctype html><html><head></head><body></body></html>",
  );
  const top = Plot.plot({
    document,
    width,
    height: 260,
    style: { fontFamily: "system-ui, sans-serif", fontSize: "11px" },
    y: { label: "Equity", grid: true },
    marks: [Plot.lineY(rows, { x: "date", y: "equity", stroke: "#1f4e79" })],
  }) as unknown as { outerHTML: string };
  const bottom = Plot.plot({
    document,
    width,
    height: 120,
    style: { fontFamily: "system-ui, sans-serif", fontSize: "11px" },
    y: { label: "Drawdown (%)", grid: true },
    marks: [
      Plot.areaY(rows, {
        x: "date",
        y: "drawdown",
        fill: "#b22222",
        fillOpacity: 0.4,
      }),
      Plot.ruleY([0]),
    ],
  }) as unknown as { outerHTML: string };
  return top.outerHTML + bottom.outerHTML;
}
