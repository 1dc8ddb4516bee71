import { conditionalValueAtRisk, valueAtRisk } from "../metrics/mod.ts";
import { COLORS, Plot, plotSvg, responsive } from "./_plot.ts";

/** Options of {@link distributionFigure}. */
export interface DistributionFigureOptions {
  /** Lower-tail probability of VaR/CVaR. @default 0.05 */
  cutoff?: number;
}

/**
 * Histogram of daily returns (percent) with the historical VaR and CVaR at `cutoff`
 * marked as vertical rules (lib/metrics `valueAtRisk`, `conditionalValueAtRisk`; both are
 * returns, so negative; the labels give them as positive losses).
 *
 * @param returns Daily simple returns (NaN dropped).
 * @param options Tail probability.
 * @returns HTML holding the SVG (wide and phone renderings).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { distributionFigure } from "./distribution_figure.ts";
 * const r = Float64Array.from({ length: 100 }, (_, i) => (i - 50) / 1000);
 * assert.ok(distributionFigure(r).includes("VaR 95%"));
 * ```
 */
export function distributionFigure(
  returns: Float64Array,
  options: DistributionFigureOptions = {},
): string {
  const cutoff = options.cutoff ?? 0.05;
  const finite = returns.filter(Number.isFinite);
  const rows = Array.from(finite, (r) => ({ pct: r * 100 }));
  const v = finite.length ? valueAtRisk(finite, { cutoff }) * 100 : NaN;
  const cv = finite.length
    ? conditionalValueAtRisk(finite, { cutoff }) * 100
    : NaN;
  const conf = `${Math.round((1 - cutoff) * 100)}%`;
  const rules = [
    {
      x: v,
      label: `VaR ${conf}: ${(-v).toFixed(2)}% loss`,
      color: COLORS.second,
    },
    {
      x: cv,
      label: `CVaR ${conf}: ${(-cv).toFixed(2)}% loss`,
      color: COLORS.loss,
    },
  ].filter((r) => Number.isFinite(r.x));
  return responsive(
    `Daily return distribution with VaR and CVaR ${conf}`,
    (size) => {
      // the VaR and CVaR labels sit in the top margin at the right (the y label is at
      // the left), above the bars, never on them
      const line = size.fontSize + 4;
      const top = 8 + rules.length * line + 14;
      return plotSvg(size, {
        height: Math.round(size.width * 0.4) + top,
        marginTop: top,
        x: { label: "Daily return (%)", labelAnchor: "center" },
        y: { label: "Days", grid: true },
        marks: [
          Plot.rectY(rows, {
            ...Plot.binX({ y: "count" }, { x: "pct" }),
            fill: COLORS.line,
            fillOpacity: 0.7,
          }),
          Plot.ruleY([0]),
          Plot.ruleX(rules, { x: "x", stroke: "color", strokeWidth: 2 }),
          ...rules.map((r, k) =>
            Plot.text([r], {
              frameAnchor: "top-right",
              dy: -top + 6 + k * line,
              dx: 0,
              textAnchor: "end",
              lineAnchor: "top",
              text: "label",
              fill: r.color,
              fontSize: size.fontSize,
            })
          ),
        ],
      });
    },
  );
}
