/**
 * The tables of a performance tearsheet (the quantstats set, plus what it lacks): key
 * metrics next to the benchmark's (buy-and-hold of the same symbol, or one named), with
 * alpha, beta, correlation and excess Sharpe; the worst drawdowns with their recovery
 * dates; end-of-year returns against the benchmark. Every number comes from lib/metrics.
 *
 * @module
 */
import {
  alphaBeta,
  annualReturn,
  annualVolatility,
  calmarRatio,
  conditionalValueAtRisk,
  correlation,
  cumReturnsFinal,
  drawdownPeriods,
  excessSharpe,
  kurtosis,
  maxDrawdown,
  omegaRatio,
  sharpeRatio,
  skewness,
  sortinoRatio,
  tailRatio,
  ulcerIndex,
  valueAtRisk,
} from "../metrics/mod.ts";
import type { TableCell, TableColumn } from "./table.ts";
import { type ColumnFormat, formatCell } from "./column_format.ts";

/** A benchmark series aligned with the strategy's dates. */
export interface TearsheetBenchmark {
  /** "buy-and-hold SP500". */
  readonly name: string;
  /** Returns on the strategy's dates (NaN where missing). */
  readonly returns: Float64Array;
}

/** A table with its columns and rows (rows hold raw values in each row's unit). */
export interface TearsheetTable {
  readonly columns: readonly TableColumn[];
  readonly rows: TableCell[][];
}

const ANN = Math.sqrt(252);

/** Finite values only (lib/metrics tail statistics want them). */
const finite = (r: Float64Array) => r.filter(Number.isFinite);

/** Per-series metrics: [label, unit, value of a series]. */
const SERIES_METRICS: readonly [
  string,
  ColumnFormat,
  (r: Float64Array) => number,
][] = [
  ["Total return", "pct", (r) => (r.length ? cumReturnsFinal(r) : NaN)],
  ["CAGR", "pct", (r) => annualReturn(r)],
  ["Annual volatility", "pct", (r) => annualVolatility(r)],
  ["Sharpe (ann.)", "ratio", (r) => sharpeRatio(r)],
  ["Sortino (ann.)", "ratio", (r) => sortinoRatio(r)],
  ["Calmar", "ratio", (r) => calmarRatio(r)],
  ["Max drawdown", "pct", (r) => (r.length ? Math.abs(maxDrawdown(r)) : NaN)],
  [
    "Longest drawdown (days)",
    "int",
    (r) =>
      r.length
        ? Math.max(
          0,
          ...drawdownPeriods(r, { top: Infinity }).map((p) => p.lengthDays),
        )
        : NaN,
  ],
  ["Ulcer index", "pct", (r) => ulcerIndex(r)],
  ["Skew", "ratio", (r) => skewness(r)],
  ["Excess kurtosis", "ratio", (r) => kurtosis(r)],
  ["Tail ratio", "ratio", (r) => tailRatio(r)],
  ["Omega", "ratio", (r) => omegaRatio(r)],
  [
    "Daily VaR 95% (loss)",
    "pct",
    (r) => (finite(r).length ? -valueAtRisk(finite(r), { cutoff: 0.05 }) : NaN),
  ],
  [
    "Daily CVaR 95% (loss)",
    "pct",
    (r) =>
      finite(r).length
        ? -conditionalValueAtRisk(finite(r), { cutoff: 0.05 })
        : NaN,
  ],
  ["Best day", "pct", (r) => (finite(r).length ? Math.max(...finite(r)) : NaN)],
  [
    "Worst day",
    "pct",
    (r) => (finite(r).length ? Math.min(...finite(r)) : NaN),
  ],
];

/**
 * The key-metrics table: one row per metric, the strategy and (when given) the
 * benchmark side by side, then the strategy against the benchmark: alpha (annualised),
 * beta, correlation and excess Sharpe (annualised information ratio, sqrt 252 x the
 * per-day lib/metrics `excessSharpe`). Units vary by row, so cells are formatted with
 * the row's unit (`formatCell`): percents, ratios to 2 decimals, counts.
 *
 * @param returns Strategy returns.
 * @param benchmark Benchmark on the same dates.
 * @returns Columns and rows.
 */
export function keyMetricsTable(
  returns: Float64Array,
  benchmark?: TearsheetBenchmark,
): TearsheetTable {
  const rows: TableCell[][] = SERIES_METRICS.map(([label, unit, f]) => [
    label,
    formatCell(f(returns), unit),
    ...(benchmark ? [formatCell(f(benchmark.returns), unit)] : []),
  ]);
  if (benchmark) {
    const b = benchmark.returns;
    const ab = alphaBeta(returns, b);
    rows.push(
      ["Alpha (ann.)", formatCell(ab.alpha, "pct"), "-"],
      ["Beta", formatCell(ab.beta, "ratio"), "-"],
      ["Correlation", formatCell(correlation(returns, b), "ratio"), "-"],
      [
        "Excess Sharpe (ann.)",
        formatCell(excessSharpe(returns, b) * ANN, "ratio"),
        "-",
      ],
    );
  }
  return {
    columns: [
      { title: "metric" },
      { title: "strategy" },
      ...(benchmark ? [{ title: benchmark.name }] : []),
    ],
    rows,
  };
}

/**
 * The worst drawdowns (lib/metrics `drawdownPeriods`, deepest first): the last date at
 * the high before the fall, the valley, the date equity was back at that high (or "not
 * recovered"), the depth and the lengths in trading days.
 *
 * @param returns Strategy returns.
 * @param dates One date per return.
 * @param top How many. @default 5
 * @returns Columns and rows.
 */
export function worstDrawdownsTable(
  returns: Float64Array,
  dates: readonly string[],
  top = 5,
): TearsheetTable {
  const periods = returns.length
    ? drawdownPeriods(returns, { top, dates })
    : [];
  return {
    columns: [
      { title: "peak (last high)" },
      { title: "valley" },
      { title: "recovered" },
      { title: "depth", format: "pct" },
      { title: "days to valley", format: "int" },
      { title: "days to recover", format: "int" },
      { title: "length (days)", format: "int" },
    ],
    rows: periods.map((p) => [
      p.peakDate ?? "start",
      p.valleyDate ?? "-",
      p.recoveryDate ?? "not recovered",
      Math.abs(p.depth),
      p.daysToValley,
      p.daysToRecovery ?? "-",
      p.lengthDays,
    ]),
  };
}

/**
 * Compounded return of each calendar year (by the dates' year), the strategy against the
 * benchmark and the difference (strategy minus benchmark).
 *
 * @param returns Strategy returns.
 * @param dates One ISO date per return.
 * @param benchmark Benchmark on the same dates.
 * @returns Columns and rows, oldest year first.
 */
export function yearlyReturnsTable(
  returns: Float64Array,
  dates: readonly string[],
  benchmark?: TearsheetBenchmark,
): TearsheetTable {
  const years = [...new Set(dates.map((d) => d.slice(0, 4)))];
  const ofYear = (r: Float64Array, y: string) =>
    r.filter((_, i) => dates[i].startsWith(y));
  const total = (r: Float64Array) => (r.length ? cumReturnsFinal(r) : NaN);
  return {
    columns: [
      { title: "year" },
      { title: "days", format: "int" },
      { title: "strategy", format: "pct" },
      ...(benchmark
        ? [
          { title: benchmark.name, format: "pct" as const },
          { title: "difference", format: "pct" as const },
        ]
        : []),
    ],
    rows: years.map((y) => {
      const s = total(ofYear(returns, y));
      const b = benchmark ? total(ofYear(benchmark.returns, y)) : NaN;
      return [
        y,
        ofYear(returns, y).length,
        s,
        ...(benchmark ? [b, s - b] : []),
      ];
    }),
  };
}
