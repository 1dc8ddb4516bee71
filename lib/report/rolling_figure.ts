import { annualVolatility, rollSharpeRatio } from "../metrics/mod.ts";
import { COLORS, Plot, plotSvg, responsive, utcDate } from "./_plot.ts";

/** Options of {@link rollingFigure}. */
export interface RollingFigureOptions {
  /** Trailing window in trading days. @default 63 */
  windowDays?: number;
}

/**
 * Rolling statistics of daily simple returns over a trailing window: annualised Sharpe
 * (`mean / std(n-1) * sqrt(252)`, lib/metrics `rollSharpeRatio`) and annualised volatility
 * (`std(n-1) * sqrt(252)`, lib/metrics `annualVolatility`), one value per window end.
 *
 * @param dates ISO dates of the returns.
 * @param returns Daily simple returns (same length).
 * @param windowDays Trailing window.
 * @returns `{ date, sharpe, volatility }` rows, volatility in percent.
 */
export function rollingStats(
  dates: readonly string[],
  returns: Float64Array,
  windowDays: number,
): { date: string; sharpe: number; volatility: number }[] {
  if (dates.length !== returns.length) {
    throw new RangeError(
      `Cannot compute rolling statistics: expected ${dates.length} returns, got ${returns.length}`,
    );
  }
  if (returns.length < windowDays) return [];
  const sharpe = rollSharpeRatio(returns, { window: windowDays });
  return Array.from(sharpe, (s, k) => {
    const end = k + windowDays;
    return {
      date: dates[end - 1],
      sharpe: s,
      volatility: annualVolatility(returns.subarray(end - windowDays, end)) *
        100,
    };
  });
}

/**
 * Rolling Sharpe ratio and rolling annualised volatility panels (see {@link rollingStats}).
 *
 * @param data `{ dates, returns }` daily simple returns.
 * @param options Window.
 * @returns HTML holding the SVG panels (wide and phone renderings).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingFigure } from "./rolling_figure.ts";
 * const r = Float64Array.from({ length: 80 }, (_, i) => Math.sin(i) / 100);
 * const d = Array.from({ length: 80 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
 * assert.ok(rollingFigure({ dates: d, returns: r }, { windowDays: 21 }).includes("Rolling Sharpe"));
 * ```
 */
export function rollingFigure(
  data: { dates: readonly string[]; returns: Float64Array },
  options: RollingFigureOptions = {},
): string {
  const w = options.windowDays ?? 63;
  const rows = rollingStats(data.dates, data.returns, w)
    .filter((r) => Number.isFinite(r.sharpe) && Number.isFinite(r.volatility))
    .map((r) => ({ ...r, date: utcDate(r.date) }));
  return responsive(
    `Rolling ${w}-day Sharpe and volatility`,
    (size) =>
      plotSvg(size, {
        height: Math.round(size.width * 0.22),
        x: { label: null },
        y: { label: `Rolling Sharpe (${w}d, ann.)`, grid: true },
        marks: [
          Plot.ruleY([0]),
          Plot.lineY(rows, { x: "date", y: "sharpe", stroke: COLORS.line }),
        ],
      }) + plotSvg(size, {
        height: Math.round(size.width * 0.22),
        x: { label: null },
        y: { label: `Rolling volatility (${w}d, ann. %)`, grid: true },
        marks: [
          Plot.lineY(rows, {
            x: "date",
            y: "volatility",
            stroke: COLORS.second,
          }),
        ],
      }),
  );
}
