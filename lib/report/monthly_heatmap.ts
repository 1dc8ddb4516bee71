import { cumReturnsFinal } from "../metrics/mod.ts";
import { Plot, plotSvg, responsive } from "./_plot.ts";

/** One calendar month's compounded return. */
export interface MonthlyReturn {
  /** Calendar year. */
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** `prod(1 + r) - 1` over the month's days (NaN days compound as 0). */
  readonly ret: number;
}

/**
 * Compound daily simple returns into calendar months (lib/metrics `cumReturnsFinal`).
 *
 * @param dates ISO dates, ascending.
 * @param returns Daily simple returns.
 * @returns One entry per month present, in time order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { monthlyReturns } from "./monthly_heatmap.ts";
 * const m = monthlyReturns(["2020-01-30", "2020-01-31", "2020-02-03"], new Float64Array([0.1, 0.1, -0.5]));
 * assert.equal(m.length, 2);
 * assert.ok(Math.abs(m[0].ret - 0.21) < 1e-12);
 * ```
 */
export function monthlyReturns(
  dates: readonly string[],
  returns: Float64Array,
): MonthlyReturn[] {
  if (dates.length !== returns.length) {
    throw new RangeError(
      `Cannot compute monthly returns: expected ${dates.length} returns, got ${returns.length}`,
    );
  }
  const out: MonthlyReturn[] = [];
  let from = 0;
  for (let i = 1; i <= dates.length; i++) {
    if (i < dates.length && dates[i].slice(0, 7) === dates[from].slice(0, 7)) {
      continue;
    }
    out.push({
      year: Number(dates[from].slice(0, 4)),
      month: Number(dates[from].slice(5, 7)),
      ret: cumReturnsFinal(returns.subarray(from, i)),
    });
    from = i;
  }
  return out;
}

const MONTHS = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/**
 * Heatmap of monthly returns (rows = years, columns = months), each cell labelled with
 * the month's compounded return in percent (one decimal; whole percents on a phone, where
 * a cell is too narrow for more), in light text on dark cells; red losses, green gains
 * (diverging at 0).
 *
 * @param data `{ dates, returns }` daily simple returns.
 * @returns HTML holding the SVG (wide and phone renderings).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { monthlyHeatmap } from "./monthly_heatmap.ts";
 * const svg = monthlyHeatmap({ dates: ["2020-01-31", "2020-02-28"], returns: new Float64Array([0.012, -0.03]) });
 * assert.ok(svg.includes(">1.2<") && svg.includes(">−3.0<"));
 * ```
 */
export function monthlyHeatmap(
  data: { dates: readonly string[]; returns: Float64Array },
): string {
  const cells = monthlyReturns(data.dates, data.returns).map((m) => ({
    year: String(m.year),
    month: MONTHS[m.month - 1],
    pct: m.ret * 100,
  }));
  const years = [...new Set(cells.map((c) => c.year))];
  const extent = Math.max(1e-9, ...cells.map((c) => Math.abs(c.pct)));
  // dark cells (the far ends of the diverging scale) get light text
  const ink = (d: { pct: number }) =>
    Math.abs(d.pct) / extent > 0.62 ? "white" : "#111";
  return responsive("Monthly returns heatmap", (size) => {
    // on a phone a cell is ~24 px wide: whole percents fit, one decimal does not
    const digits = size.width < 500 ? 0 : 1;
    return plotSvg(size, {
      height: 40 + years.length * (size.fontSize + 8),
      marginLeft: 44,
      padding: 0.05,
      x: { domain: MONTHS, label: null, axis: "top" },
      y: { domain: years, label: null },
      color: {
        type: "diverging",
        scheme: "RdYlGn",
        domain: [-extent, extent],
      },
      marks: [
        Plot.cell(cells, { x: "month", y: "year", fill: "pct" }),
        Plot.text(cells, {
          x: "month",
          y: "year",
          text: (d: { pct: number }) =>
            Number.isFinite(d.pct)
              ? d.pct.toFixed(digits).replace(/^-(?=0(\.0)?$)/, "")
                .replace("-", "−")
              : "",
          fill: ink,
          fontSize: size.fontSize - 1,
        }),
      ],
    });
  });
}
