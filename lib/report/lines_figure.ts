import { Plot, plotSvg, responsive, utcDate } from "./_plot.ts";

/** One named line of {@link linesFigure}. */
export interface NamedSeries {
  /** Legend name, drawn at the line's end. */
  readonly name: string;
  /** Values aligned with the figure's dates (NaN skipped). */
  readonly values: ArrayLike<number>;
}

/**
 * Several series over the same dates as coloured lines with a text key (e.g. paper vs
 * backtest equity, both rebased to 1).
 *
 * @param dates ISO dates.
 * @param series Named series aligned with `dates`.
 * @param options Axis label.
 * @returns HTML holding the SVG (wide and phone renderings).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { linesFigure } from "./lines_figure.ts";
 * const svg = linesFigure(["2020-01-01", "2020-01-02"], [{ name: "a", values: [1, 2] }, { name: "b", values: [1, 1.5] }]);
 * assert.ok(svg.includes('aria-label="line"'));
 * ```
 */
export function linesFigure(
  dates: readonly string[],
  series: readonly NamedSeries[],
  options: { label?: string } = {},
): string {
  for (const s of series) {
    if (s.values.length !== dates.length) {
      throw new RangeError(
        `Cannot draw series "${s.name}": expected ${dates.length} values, got ${s.values.length}`,
      );
    }
  }
  const rows = series.flatMap((s) =>
    Array.from(
      s.values,
      (v, i) => ({ date: utcDate(dates[i]), v, name: s.name }),
    )
      .filter((r) => Number.isFinite(r.v))
  );
  const names = series.map((s) => s.name);
  const last = series.map((s) => {
    let i = s.values.length - 1;
    while (i >= 0 && !Number.isFinite(s.values[i])) i--;
    return i < 0
      ? null
      : { date: utcDate(dates[i]), v: s.values[i], name: s.name };
  }).filter((x) => x !== null);
  return responsive(
    options.label ?? names.join(" vs "),
    (size) =>
      plotSvg(size, {
        height: Math.round(size.width * 0.36),
        marginRight: 8 + size.fontSize * 6,
        x: { label: null },
        y: { label: options.label ?? "Value", grid: true },
        color: { domain: names, scheme: "tableau10" },
        marks: [
          Plot.lineY(rows, { x: "date", y: "v", stroke: "name" }),
          Plot.text(last, {
            x: "date",
            y: "v",
            text: "name",
            fill: "name",
            dx: 4,
            textAnchor: "start",
            fontSize: size.fontSize,
          }),
        ],
      }),
  );
}
