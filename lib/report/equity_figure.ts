import { COLORS, Plot, plotSvg, responsive, utcDate } from "./_plot.ts";

/** Regime labels aligned with the dates, for background shading. */
export interface RegimeShading {
  /** One label per date; negative = unknown (not shaded). */
  readonly labels: ArrayLike<number>;
  /** Name of each label value (index = label). */
  readonly names: readonly string[];
}

/** Options of {@link equityFigure}. */
export interface EquityFigureOptions {
  /** Shade the background by regime. @default undefined (no shading) */
  regimes?: RegimeShading;
  /** Accessible label. @default "Equity curve and drawdown" */
  label?: string;
  /** A second equity line (e.g. buy-and-hold of the same symbol), on the same dates. */
  benchmark?: { readonly name: string; readonly equity: ArrayLike<number> };
  /** Name of the strategy line in the legend. @default "strategy" */
  name?: string;
  /** Log-scale equity axis (equal percentage moves look equal). @default false */
  logScale?: boolean;
}

/** Contiguous runs of one regime label: `[{start, end, regime}]` with ISO dates. */
export function regimeSpans(
  dates: readonly string[],
  shading: RegimeShading,
): { start: Date; end: Date; regime: string }[] {
  const out: { start: Date; end: Date; regime: string }[] = [];
  let from = 0;
  for (let i = 1; i <= dates.length; i++) {
    const l = shading.labels[from];
    if (i < dates.length && shading.labels[i] === l) continue;
    if (l >= 0) {
      out.push({
        start: utcDate(dates[from]),
        end: utcDate(dates[i - 1]),
        regime: shading.names[l] ?? `regime ${l}`,
      });
    }
    from = i;
  }
  return out;
}

const SHADES = ["#2e7d32", "#9e9e9e", "#b22222", "#1565c0", "#6a1b9a"];

/**
 * Equity curve with its drawdown panel underneath (and optional regime shading), as
 * self-contained SVG (wide and phone renderings, see `responsive`).
 *
 * Drawdown at t = 1 - equity_t / max(equity_0..t), drawn as a POSITIVE percentage below
 * zero ("Drawdown (%)" axis counts down from 0). NaN equity values are skipped.
 * Rendered server-side with Observable Plot on a linkedom document; no scripts, no fonts.
 *
 * @param data `{ dates, equity }` with ISO dates ascending and equity values.
 * @param options Regime shading, label, a benchmark line (legend top left), log scale.
 * @returns HTML holding the SVG panels.
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
  data: { dates: readonly string[]; equity: ArrayLike<number> },
  options: EquityFigureOptions = {},
): string {
  if (data.dates.length !== data.equity.length) {
    throw new RangeError(
      `Cannot draw equity: expected ${data.dates.length} equity values, got ${data.equity.length}`,
    );
  }
  const rows = equityRows(data);
  const bench = options.benchmark
    ? equityRows({ dates: data.dates, equity: options.benchmark.equity })
    : [];
  if (
    options.benchmark && options.benchmark.equity.length !== data.dates.length
  ) {
    throw new RangeError(
      `Cannot draw the benchmark: expected ${data.dates.length} equity values, got ${options.benchmark.equity.length}`,
    );
  }
  const spans = options.regimes ? regimeSpans(data.dates, options.regimes) : [];
  const names = options.regimes?.names ?? [];
  const lines = options.benchmark
    ? [
      { name: options.name ?? "strategy", color: COLORS.line },
      { name: options.benchmark.name, color: COLORS.second },
    ]
    : [];
  return responsive(options.label ?? "Equity curve and drawdown", (size) => {
    const color = {
      domain: names,
      range: SHADES.slice(0, Math.max(1, names.length)),
    };
    const top = plotSvg(size, {
      height: Math.round(size.width * 0.36),
      y: {
        label: options.logScale ? "Equity (log scale)" : "Equity",
        grid: true,
        ...(options.logScale ? { type: "log" as const } : {}),
      },
      x: { label: null },
      color,
      marks: [
        ...(spans.length
          ? [Plot.rect(spans, {
            x1: "start",
            x2: "end",
            fill: "regime",
            fillOpacity: 0.15,
          })]
          : []),
        ...(bench.length
          ? [Plot.lineY(bench, {
            x: "date",
            y: "equity",
            stroke: COLORS.second,
            strokeWidth: 1.2,
          })]
          : []),
        Plot.lineY(rows, { x: "date", y: "equity", stroke: COLORS.line }),
        ...lines.map((l, i) =>
          Plot.text([`— ${l.name}`], {
            frameAnchor: "top-left",
            dx: 6,
            dy: 4 + i * (size.fontSize + 3),
            fill: l.color,
            textAnchor: "start",
          })
        ),
      ],
    });
    const bottom = plotSvg(size, {
      height: Math.max(110, Math.round(size.width * 0.18)),
      y: { label: "Drawdown (%)", grid: true, reverse: true },
      x: { label: null },
      marks: [
        Plot.areaY(rows, {
          x: "date",
          y: "drawdown",
          fill: COLORS.loss,
          fillOpacity: 0.4,
        }),
        Plot.ruleY([0]),
      ],
    });
    return top + bottom;
  });
}

function equityRows(
  data: { dates: readonly string[]; equity: ArrayLike<number> },
): { date: Date; equity: number; drawdown: number }[] {
  const rows: { date: Date; equity: number; drawdown: number }[] = [];
  let peak = -Infinity;
  for (let i = 0; i < data.equity.length; i++) {
    const e = data.equity[i];
    if (!Number.isFinite(e)) continue;
    peak = Math.max(peak, e);
    rows.push({
      date: utcDate(data.dates[i]),
      equity: e,
      drawdown: (1 - e / peak) * 100,
    });
  }
  return rows;
}
