/**
 * Report sections of a stored walk-forward run (lib/store `StoredRun`): per-fold table and
 * chart, trade statistics, the standard performance figures and a date window.
 *
 * @module
 */
import type { StoredRun } from "../store/mod.ts";
import { WALK_FORWARD_DEFAULTS } from "../walkforward/mod.ts";
import { controlsTable, storedControls } from "./controls_table.ts";
import type { RegimeShading } from "./equity_figure.ts";
import type { TearsheetBenchmark } from "./tearsheet.ts";
import { foldBarFigure } from "./fold_figure.ts";
import { dataSanityLine } from "./data_sanity_line.ts";
import { ddPct, metric } from "./_format.ts";
import { formatCell } from "./column_format.ts";
import type { ReportSection } from "./model.ts";
import {
  performanceSections,
  summarizePerformance,
  summaryCards,
} from "./performance.ts";

/** The per-fold table of a run (drawdowns positive); over 20 folds, worst and best shown. */
export function foldTable(run: StoredRun, title: string): ReportSection {
  return {
    kind: "table",
    title,
    columns: [
      { title: "fold", format: "int" },
      { title: "train" },
      { title: "test" },
      { title: "days", format: "int" },
      { title: "Sharpe", format: "ratio" },
      { title: "return", format: "pct" },
      { title: "max DD", format: "pct" },
      { title: "hit rate", format: "pct" },
    ],
    rows: run.folds.map((f) => [
      f.fold,
      `${f.trainStart} – ${f.trainEnd}`,
      `${f.testStart} – ${f.testEnd}`,
      metric(f.metrics, "days"),
      metric(f.metrics, "sharpe"),
      metric(f.metrics, "totalReturn"),
      Math.abs(metric(f.metrics, "maxDrawdown")),
      metric(f.metrics, "hitRate"),
    ]),
    rankBy: "Sharpe",
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
      ["trades", formatCell(metric(m, "trades"), "int")],
      ["win rate", formatCell(metric(m, "winRate"), "pct")],
      ["profit factor", formatCell(metric(m, "profitFactor"), "ratio")],
      ["payoff ratio", formatCell(metric(m, "payoffRatio"), "ratio")],
      [
        "exposure (share of days in the market)",
        formatCell(metric(m, "exposure"), "pct"),
      ],
      [
        "mean daily turnover |p[t] - p[t-1]|",
        formatCell(metric(m, "turnover"), "pct"),
      ],
      ["hit rate (days)", formatCell(metric(m, "hitRate"), "pct")],
    ],
  };
}

/**
 * The adversarial controls stored with a run, next to the run's own Sharpe; a run made
 * without controls says so and names the command that runs them.
 *
 * @param run The stored run.
 * @returns One section.
 */
export function controlsSection(run: StoredRun): ReportSection {
  const sym = run.summary.symbol ?? "?";
  const title = `${sym}: adversarial controls of run ${run.manifest.runId}`;
  const c = storedControls(run.summary.metrics);
  if (!c) {
    const cfg = run.manifest.config as Record<string, unknown>;
    return {
      kind: "missing",
      title,
      text:
        `This run was made without adversarial controls, so nothing here shows that the pipeline finds no edge where there is none (shuffled and block-shifted labels, signals from a block-bootstrapped path, random walks).`,
      command: `deno task walkforward --symbol ${sym} --train-len ${
        String(cfg.train)
      } --test-len ${String(cfg.test)} --stride ${
        String(cfg.stride ?? cfg.test)
      } --controls`,
    };
  }
  const t = controlsTable({
    days: run.oos.dates.length,
    sharpe: metric(run.summary.metrics, "sharpe"),
  }, c);
  return {
    kind: "table",
    title,
    columns: [...t.columns],
    rows: t.rows,
    caption:
      `The same configuration on data whose expected edge on the real returns is zero; t = Sharpe / sqrt(252) x sqrt(days), the t statistic of the mean daily return. Verdict: ${t.verdict}.`,
  };
}

/**
 * Everything about one run: fold table and chart, trade statistics and the standard
 * performance figures of its stitched out-of-sample series.
 *
 * @param run The stored run.
 * @param options Regime shading, the Sharpe threshold line of the fold chart, the
 *   benchmark of the tearsheet and its log scale.
 * @returns Sections.
 */
export function walkForwardSections(
  run: StoredRun,
  options: {
    regimes?: RegimeShading;
    sharpeThreshold?: number;
    benchmark?: TearsheetBenchmark;
    logScale?: boolean;
  } = {},
): ReportSection[] {
  const sym = run.summary.symbol ?? "?";
  const o = run.oos;
  const cfg = run.manifest.config as Record<string, unknown>;
  const perf = performanceSections(`${sym} out-of-sample`, o, {
    regimes: options.regimes,
    benchmark: options.benchmark,
    logScale: options.logScale,
    note: options.regimes
      ? "Background: volatility regime of the symbol (green low, grey normal, red high; 21-day volatility ranked over the past 252 days)."
      : undefined,
  });
  const [equity, keyMetrics, ...rest] = perf;
  return [
    equity,
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
    keyMetrics,
    controlsSection(run),
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
    foldTable(run, `${sym}: per-fold out-of-sample results`),
    tradeStatsTable(run, `${sym}: trade statistics, exposure and turnover`),
    ...rest,
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
