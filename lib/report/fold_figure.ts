import { COLORS, Plot, plotSvg, responsive } from "./_plot.ts";

/** One bar of {@link foldBarFigure}. */
export interface FoldBar {
  /** Fold label on the x axis (e.g. "3" or a test window). */
  readonly fold: string;
  /** Bar height (NaN: no bar). */
  readonly value: number;
}

/** Options of {@link foldBarFigure}. */
export interface FoldBarFigureOptions {
  /** Axis label of the value. @default "Sharpe (ann.)" */
  label?: string;
  /** Axis label of the categories. @default "Fold" */
  xLabel?: string;
  /** Horizontal reference line (e.g. a threshold). @default undefined */
  threshold?: number;
}

/**
 * Bar chart of a per-fold statistic (green when >= 0, red below), with an optional
 * threshold line. Non-finite values are drawn as missing bars.
 *
 * @param bars One bar per fold, in fold order.
 * @param options Label and threshold.
 * @returns HTML holding the SVG (wide and phone renderings).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { foldBarFigure } from "./fold_figure.ts";
 * const svg = foldBarFigure([{ fold: "0", value: 1.2 }, { fold: "1", value: -0.4 }], { threshold: 0.8 });
 * assert.ok(svg.includes('aria-label="bar"'));
 * ```
 */
export function foldBarFigure(
  bars: readonly FoldBar[],
  options: FoldBarFigureOptions = {},
): string {
  const domain = bars.map((b) => b.fold);
  const rows = bars.filter((b) => Number.isFinite(b.value)).map((b) => ({
    fold: b.fold,
    value: b.value,
    color: b.value >= 0 ? COLORS.gain : COLORS.loss,
  }));
  const t = options.threshold;
  const longest = Math.max(0, ...domain.map((d) => d.length));
  return responsive(
    `Per-fold ${options.label ?? "Sharpe"}`,
    (size) => {
      // long category names (dates) stand upright so they never run into each other,
      // thinned to one per label height; the axis label sits below the tick labels
      const turn = longest > 4;
      const tickSpace = turn
        ? Math.ceil(longest * size.fontSize * 0.62) + 8
        : size.fontSize + 8;
      const room = size.width - size.fontSize * 5.5 - 20;
      const every = Math.ceil(
        domain.length /
          Math.max(
            1,
            Math.floor(room / (turn ? size.fontSize + 6 : 3 * size.fontSize)),
          ),
      );
      return plotSvg(size, {
        height: Math.round(size.width * 0.3) + tickSpace,
        marginBottom: tickSpace + size.fontSize + 10,
        x: {
          label: options.xLabel ?? "Fold",
          labelAnchor: "center",
          labelOffset: tickSpace + size.fontSize + 6,
          domain,
          tickRotate: turn ? -90 : 0,
          tickFormat: (d: string, i: number) => (i % every ? "" : d),
        },
        y: { label: options.label ?? "Sharpe (ann.)", grid: true },
        marks: [
          Plot.barY(rows, { x: "fold", y: "value", fill: "color" }),
          Plot.ruleY([0]),
          ...(t !== undefined && Number.isFinite(t)
            ? [
              Plot.ruleY([t], {
                stroke: COLORS.second,
                strokeDasharray: "4,3",
              }),
            ]
            : []),
        ],
      });
    },
  );
}
