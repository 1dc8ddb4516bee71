/**
 * Standard performance sections of a daily return series, a tearsheet: equity with
 * drawdown (regime shading, the benchmark's line, log scale), key metrics against the
 * benchmark, worst drawdowns, end-of-year returns, rolling Sharpe/volatility, monthly
 * heatmap, return distribution with VaR/CVaR. Every number comes from lib/metrics.
 *
 * @module
 */
import {
  annualReturn,
  annualVolatility,
  conditionalValueAtRisk,
  cumReturnsFinal,
  maxDrawdown,
  sharpeRatio,
  valueAtRisk,
} from "../metrics/mod.ts";
import { distributionFigure } from "./distribution_figure.ts";
import { equityFigure, type RegimeShading } from "./equity_figure.ts";
import { ddPct, fixed, pct } from "./_format.ts";
import { formatCell } from "./column_format.ts";
import {
  keyMetricsTable,
  type TearsheetBenchmark,
  worstDrawdownsTable,
  yearlyReturnsTable,
} from "./tearsheet.ts";
import type { HeadlineCard, ReportSection } from "./model.ts";
import { monthlyHeatmap } from "./monthly_heatmap.ts";
import { rollingFigure } from "./rolling_figure.ts";

/** Headline statistics of daily simple returns (lib/metrics conventions). */
export interface PerformanceSummary {
  /** Number of returns. */
  readonly days: number;
  /** `mean / std(n-1) * sqrt(252)`. */
  readonly sharpe: number;
  /** `prod(1 + r) - 1`. */
  readonly totalReturn: number;
  /** Negative fraction (empyrical); shown as a positive percentage. */
  readonly maxDrawdown: number;
  /** Compound annual growth rate (252 days a year). */
  readonly annualReturn: number;
  /** `std(n-1) * sqrt(252)`. */
  readonly annualVolatility: number;
  /** Historical 1-day VaR/CVaR as returns (negative = loss) at 95% and 99%. */
  readonly var95: number;
  /** Mean of the returns at or below the 95% VaR. */
  readonly cvar95: number;
  /** 99% VaR (1st percentile). */
  readonly var99: number;
  /** Mean of the returns at or below the 99% VaR. */
  readonly cvar99: number;
}

/**
 * Summarise daily simple returns with lib/metrics (NaN where undefined).
 *
 * @param returns Daily simple returns.
 * @returns The summary.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summarizePerformance } from "./performance.ts";
 * const s = summarizePerformance(new Float64Array([0.1, -0.5, 0.2]));
 * assert.ok(Math.abs(s.maxDrawdown + 0.5) < 1e-12);
 * ```
 */
export function summarizePerformance(
  returns: Float64Array,
): PerformanceSummary {
  const finite = returns.filter(Number.isFinite);
  const tail = (f: typeof valueAtRisk, cutoff: number) =>
    finite.length ? f(finite, { cutoff }) : NaN;
  return {
    days: returns.length,
    sharpe: sharpeRatio(returns),
    totalReturn: returns.length ? cumReturnsFinal(returns) : NaN,
    maxDrawdown: returns.length ? maxDrawdown(returns) : NaN,
    annualReturn: annualReturn(returns),
    annualVolatility: annualVolatility(returns),
    var95: tail(valueAtRisk, 0.05),
    cvar95: tail(conditionalValueAtRisk, 0.05),
    var99: tail(valueAtRisk, 0.01),
    cvar99: tail(conditionalValueAtRisk, 0.01),
  };
}

/** Headline cards of a summary (drawdown and VaR as positive percentages). */
export function summaryCards(
  s: PerformanceSummary,
  prefix = "",
): HeadlineCard[] {
  return [
    { label: `${prefix}Sharpe (ann.)`, value: fixed(s.sharpe) },
    { label: `${prefix}Total return`, value: pct(s.totalReturn) },
    { label: `${prefix}Annual return`, value: pct(s.annualReturn) },
    { label: `${prefix}Annual volatility`, value: pct(s.annualVolatility) },
    { label: `${prefix}Max drawdown`, value: ddPct(s.maxDrawdown) },
    { label: `${prefix}1-day VaR 95%`, value: ddPct(s.var95) },
  ];
}

/** Options of {@link performanceSections}. */
export interface PerformanceSectionsOptions {
  /** Regime shading of the equity figure. */
  regimes?: RegimeShading;
  /**
   * The benchmark on the same dates (buy-and-hold of the same symbol, or one named):
   * drawn over the equity and set against the strategy in the tables.
   */
  benchmark?: TearsheetBenchmark;
  /** Log-scale equity axis. @default false */
  logScale?: boolean;
  /** Rolling window in days. @default 63 (shrunk to a third of the series when short) */
  rollingWindowDays?: number;
  /** Caption of the equity figure (replaces the one stating its axis). */
  caption?: string;
  /** A sentence added to the equity figure's caption (e.g. what the shading means). */
  note?: string;
}

/**
 * The standard figure sections of one daily series.
 *
 * @param title Prefix of the section titles (e.g. "SP500 out-of-sample").
 * @param series Dates, daily simple returns and equity (same length).
 * @param options Regimes, rolling window, caption.
 * @returns Sections: equity+drawdown, rolling, monthly heatmap, distribution, VaR table.
 */
export function performanceSections(
  title: string,
  series: {
    dates: readonly string[];
    returns: Float64Array;
    equity: ArrayLike<number>;
  },
  options: PerformanceSectionsOptions = {},
): ReportSection[] {
  const s = summarizePerformance(series.returns);
  const n = series.returns.length;
  const w = Math.max(
    5,
    Math.min(options.rollingWindowDays ?? 63, Math.floor(n / 3)),
  );
  const b = options.benchmark;
  const start = startingEquity(series);
  const benchEquity = b ? compound(b.returns, start) : undefined;
  const out: ReportSection[] = [{
    kind: "figure",
    title: `${title}: equity and drawdown${b ? ` against ${b.name}` : ""}`,
    svg: equityFigure(series, {
      regimes: options.regimes,
      logScale: options.logScale,
      ...(b && benchEquity
        ? { benchmark: { name: b.name, equity: benchEquity } }
        : {}),
    }),
    caption: options.caption ??
      `${
        Math.abs(start - 1) < 1e-9
          ? "Growth of 1 invested (returns compounded)"
          : `Account equity, starting at ${formatCell(start, "money")}`
      }${b ? `, ${b.name} compounded from the same start` : ""}${
        options.logScale ? ", log scale" : ""
      }; drawdown below as a positive percentage from the running peak (max ${
        ddPct(s.maxDrawdown)
      }).${options.note ? ` ${options.note}` : ""}`,
  }];
  const metrics = keyMetricsTable(series.returns, b);
  const dd = worstDrawdownsTable(series.returns, series.dates);
  const years = yearlyReturnsTable(series.returns, series.dates, b);
  out.push(
    {
      kind: "table",
      title: `${title}: key metrics${b ? ` against ${b.name}` : ""}`,
      columns: [...metrics.columns],
      rows: metrics.rows,
      caption:
        "Annualised with 252 days a year, risk-free rate 0; drawdowns and VaR as positive losses; excess kurtosis (0 for a normal distribution); tail ratio = 95th percentile / |5th percentile|; omega at a 0 threshold. Alpha, beta and correlation from daily returns against the benchmark; excess Sharpe = sqrt(252) x mean / std of the daily excess returns.",
    },
    {
      kind: "table",
      title: `${title}: worst drawdowns`,
      columns: [...dd.columns],
      rows: dd.rows,
      caption:
        "Peak: the last day at the high before the fall; recovered: the first day back at that high. Lengths in trading days.",
    },
    {
      kind: "table",
      title: `${title}: end-of-year returns${b ? ` against ${b.name}` : ""}`,
      columns: [...years.columns],
      rows: years.rows,
      caption:
        "Compounded over the days of each calendar year in the series (a first or last year may be partial: see days).",
    },
  );
  if (n >= 15) {
    out.push({
      kind: "figure",
      title: `${title}: rolling Sharpe and volatility (${w} days)`,
      svg: rollingFigure(series, { windowDays: w }),
    });
  }
  out.push(
    {
      kind: "figure",
      title: `${title}: monthly returns (%)`,
      svg: monthlyHeatmap(series),
    },
    {
      kind: "figure",
      title: `${title}: daily return distribution`,
      svg: distributionFigure(series.returns, { cutoff: 0.05 }),
      caption:
        "Historical 1-day VaR = the 5th percentile of daily returns (linear interpolation); CVaR = mean of the returns at or below it; shown as positive losses.",
    },
    {
      kind: "table",
      title: `${title}: value at risk (historical, 1 day)`,
      columns: [
        { title: "confidence" },
        { title: "VaR (loss)", format: "pct" },
        { title: "CVaR (loss)", format: "pct" },
      ],
      rows: [
        ["95%", -s.var95, -s.cvar95],
        ["99%", -s.var99, -s.cvar99],
      ],
    },
  );
  return out;
}

/** The equity level before the first return (equity[0] / (1 + r[0])). */
function startingEquity(
  series: { returns: Float64Array; equity: ArrayLike<number> },
): number {
  const e0 = series.equity[0], r0 = series.returns[0];
  return Number.isFinite(e0) && Number.isFinite(r0) && r0 > -1
    ? e0 / (1 + r0)
    : 1;
}

/** Equity compounded from `start` by the returns (NaN returns compound as 0). */
function compound(r: Float64Array, start: number): Float64Array {
  let e = start;
  return r.map((v) => (e *= 1 + (Number.isFinite(v) ? v : 0)));
}
