/**
 * Report sections of a stored walk-forward run (lib/store `StoredRun`): per-fold table and
 * chart, trade statistics, the standard performance figures and a date window.
 *
 * @module
 */
import type { StoredRun } from "../store/mod.ts";
import { WALK_FORWARD_DEFAULTS } from "../walkforward/mod.ts";
import type { RegimeShading } from "./equity_figure.ts";
import { foldBarFigure } from "./fold_figure.ts";
import { dataSanityLine } from "./data_sanity_line.ts";
import { cell, ddPct, fixed, metric, pct, pctCell } from "./_format.ts";
import type { ReportSection } from "./model.ts";
import {
  performanceSections,
  summarizePerformance,
  summaryCards,
} from "./performance.ts";

/** The per-fold table of a run (drawdowns positive %). */
export function foldTable(run: StoredRun, title: string): ReportSection {
  return {
    kind: "table",
    title,
    columns: [
      "fold",
      "train",
      "test",
      "days",
      "Sharpe",
      "return %",
      "max DD %",
      "hit rate %",
    ],
    rows: run.folds.map((f) => [
      f.fold,
      `${f.trainStart} – ${f.trainEnd}`,
      `${f.testStart} – ${f.testEnd}`,
      cell(f.metrics.days, 0),
      cell(f.metrics.sharpe, 2),
      pctCell(f.metrics.totalReturn),
      pctCell(Math.abs(metric(f.metrics, "maxDrawdown"))),
      pctCell(f.metrics.hitRate),
    ]),
  };
}

/** Trade statistics and exposure/turnover of a run (from its stored metrics). */
export function tradeStatsTable(run: StoredRun, title: string): ReportSection {
  const m = run.summary.metrics;
  return {
    kind: "table",
    title,
    columns: ["statistic", "value"],
    rows: [
      ["trades", cell(m.trades, 0)],
      ["win rate", pct(metric(m, "winRate"))],
      ["profit factor", fixed(metric(m, "profitFactor"))],
      ["payoff ratio", fixed(metric(m, "payoffRatio"))],
      ["exposure (share of days in the market)", pct(metric(m, "exposure"))],
      ["mean daily turnover |p[t] - p[t-1]|", fixed(metric(m, "turnover"), 4)],
      ["hit rate (days)", pct(metric(m, "hitRate"))],
    ],
  };
}

/**
 * Everything about one run: fold table and chart, trade statistics and the standard
 * performance figures of its stitched out-of-sample series.
 *
 * @param run The stored run.
 * @param options Regime shading and the Sharpe threshold line of the fold chart.
 * @returns Sections.
 */
export function walkForwardSections(
  run: StoredRun,
  options: { regimes?: RegimeShading; sharpeThreshold?: number } = {},
): ReportSection[] {
  const sym = run.summary.symbol ?? "?";
  const o = run.oos;
  const cfg = run.manifest.config as Record<string, unknown>;
  return [
    {
      kind: "text",
      title: `${sym}: walk-forward setup`,
      text:
        `Run ${run.manifest.runId}: ${run.folds.length} folds, ${o.dates.length} out-of-sample days from ${
          o.dates[0] ?? "?"
        } to ${o.dates.at(-1) ?? "?"}; train ${String(cfg.train)} / test ${
          String(cfg.test)
        } / stride ${String(cfg.stride ?? cfg.test)} bars, model ${
          String(cfg.model ?? "ridge")
        }, cost ${
          String(cfg.costBps ?? WALK_FORWARD_DEFAULTS.costBps)
        } bps of turnover. ${dataSanityLine(cfg.dataSanity)}.`,
    },
    foldTable(run, `${sym}: per-fold out-of-sample results`),
    {
      kind: "figure",
      title: `${sym}: Sharpe by fold`,
      svg: foldBarFigure(
        run.folds.map((f) => ({
          fold: String(f.fold),
          value: metric(f.metrics, "sharpe"),
        })),
        { threshold: options.sharpeThreshold },
      ),
      caption: options.sharpeThreshold === undefined
        ? undefined
        : `Dashed line: the roadmap threshold (Sharpe ${options.sharpeThreshold}).`,
    },
    tradeStatsTable(run, `${sym}: trade statistics, exposure and turnover`),
    ...performanceSections(`${sym} out-of-sample`, o, {
      regimes: options.regimes,
      caption: options.regimes
        ? "Background: volatility regime of the symbol (green low, grey normal, red high; 21-day volatility ranked over the past 252 days). Drawdown below as a positive percentage."
        : undefined,
    }),
  ];
}

/**
 * The run's out-of-sample days inside [from, to] as sections (headline, equity figure),
 * or null when the run has no day in the window.
 */
export function windowSections(
  run: StoredRun,
  window: { from: string; to: string; name: string },
): ReportSection[] | null {
  const o = run.oos;
  const idx = o.dates.flatMap((
    d,
    i,
  ) => (d >= window.from && d <= window.to ? [i] : []));
  if (idx.length === 0) return null;
  const a = idx[0], b = idx[idx.length - 1] + 1;
  const returns = o.returns.slice(a, b);
  const equity = new Float64Array(b - a);
  let e = 1;
  for (let i = 0; i < returns.length; i++) {
    e *= 1 + (Number.isFinite(returns[i]) ? returns[i] : 0);
    equity[i] = e;
  }
  const s = summarizePerformance(returns);
  const series = { dates: o.dates.slice(a, b), returns, equity };
  const [eq] = performanceSections(window.name, series, {
    caption:
      `Equity rebased to 1 at the window start; max drawdown in the window ${
        ddPct(s.maxDrawdown)
      } (positive percentage).`,
  });
  return [
    {
      kind: "headline",
      title: `${window.name} (${series.dates[0]} – ${
        series.dates.at(-1)
      }, ${returns.length} days)`,
      cards: summaryCards(s),
    },
    eq,
  ];
}
