/**
 * Weekly reports of a backtest's stitched out-of-sample series (lib/store `StoredRun`).
 *
 * @module
 */
import type { StoredRun } from "../store/mod.ts";
import { conventions } from "./conventions.ts";
import { foldBarFigure } from "./fold_figure.ts";
import { cell, ddPct, pct, pctCell } from "./_format.ts";
import type { ReportSection } from "./model.ts";
import type { WeeklyOptions, WeeklyReport } from "./weekly.ts";
import {
  expectationCards,
  pickWeeks,
  type WeeklyExpectation,
  weeklyReturns,
  type WeekRange,
} from "./weekly_data.ts";

/** Drawdown (positive fraction) of `equity` below its running peak at each index. */
function drawdowns(equity: Float64Array): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    if (Number.isFinite(equity[i])) peak = Math.max(peak, equity[i]);
    out[i] = 1 - equity[i] / peak;
  }
  return out;
}

/** One report per selected week of the run. */
export function backtestWeeks(
  run: StoredRun,
  options: WeeklyOptions,
): WeeklyReport[] {
  const o = run.oos;
  const sym = run.summary.symbol ?? "";
  const { returns: weekly, expectation } = weeklyReturns(o.dates, o.returns);
  const retOf = new Map(weekly.map((w) => [w.week, w.ret]));
  const dd = drawdowns(o.equity);
  return pickWeeks(o.dates, options, `run ${run.manifest.runId}`).map((w) => {
    const ret = retOf.get(w.week) ?? NaN;
    return {
      week: w.week,
      source: run.manifest.runId,
      sourceKind: "backtest" as const,
      ret,
      model: {
        title: `Weekly report ${w.week}: ${sym} backtest`,
        subtitle: `run ${run.manifest.runId}, ${o.dates[w.from]} – ${
          o.dates[w.to - 1]
        }`,
        generatedAt: options.generatedAt ?? new Date().toISOString(),
        kind: "weekly",
        conventions: conventions({ backtest: true }),
        sections: weekSections(run, w, {
          ret,
          endDd: dd[w.to - 1],
          expectation,
        }),
        manifest: { report: "weekly", week: w.week, run: run.manifest },
      },
    };
  });
}

function weekSections(
  run: StoredRun,
  w: WeekRange,
  m: { ret: number; endDd: number; expectation: WeeklyExpectation },
): ReportSection[] {
  const o = run.oos;
  const idx = Array.from({ length: w.to - w.from }, (_, k) => w.from + k);
  return [
    {
      kind: "headline",
      title: `${run.summary.symbol ?? ""} backtest, week ${w.week}`,
      cards: [
        { label: "Week return", value: pct(m.ret) },
        { label: "Days", value: String(idx.length) },
        { label: "Drawdown at week end", value: ddPct(m.endDd) },
        ...expectationCards(m.ret, m.expectation),
      ],
    },
    {
      kind: "figure",
      title: "Daily returns (%)",
      svg: foldBarFigure(
        idx.map((i) => ({ fold: o.dates[i], value: o.returns[i] * 100 })),
        { label: "Return (%)", xLabel: "Date" },
      ),
    },
    {
      kind: "table",
      title: "Positions and P&L by day",
      columns: ["date", "position", "return %", "equity"],
      rows: idx.map((i) => [
        o.dates[i],
        cell(o.positions[i], 3),
        pctCell(o.returns[i], 3),
        cell(o.equity[i], 4),
      ]),
    },
    tradesSection(run, idx),
    {
      kind: "table",
      title: "Risk usage",
      columns: ["measure", "value"],
      rows: [
        [
          "largest |position| (x capital)",
          cell(Math.max(0, ...idx.map((i) => Math.abs(o.positions[i]))), 3),
        ],
        ["drawdown from the run's peak at week end", ddPct(m.endDd)],
      ],
      caption:
        "A backtest runs without a limits config; limits are enforced in paper sessions.",
    },
    {
      kind: "text",
      title: "Alerts",
      text: "Backtests raise no alerts; alerts come from paper sessions.",
    },
    {
      kind: "text",
      title: "Against the backtest's expectation",
      text: `This week ${pct(m.ret)} vs a mean week of ${
        pct(m.expectation.mean)
      } (std ${
        pct(m.expectation.std)
      }) over ${m.expectation.weeks} weeks of run ${run.manifest.runId}.`,
    },
  ];
}

function tradesSection(run: StoredRun, idx: number[]): ReportSection {
  const p = run.oos.positions;
  const trades = idx.flatMap((i) => {
    const prev = i > 0 ? p[i - 1] : 0;
    return p[i] === prev
      ? []
      : [[run.oos.dates[i], cell(prev, 3), cell(p[i], 3)]];
  });
  return trades.length
    ? {
      kind: "table",
      title: `Trades (${trades.length} position changes)`,
      columns: ["date", "from", "to"],
      rows: trades,
      caption: "A position change is filled at that day's close.",
    }
    : { kind: "text", title: "Trades", text: "No position change this week." };
}
