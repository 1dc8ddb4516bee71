/**
 * Weekly performance reports: one ISO week of a paper journal or of a backtest's
 * out-of-sample series - the week's P&L, positions, trades, risk-limit usage, alerts and
 * the week against the backtest's expectation.
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";
import { listRuns, loadRun, type StoredRun } from "../runs/mod.ts";
import { conventions } from "./conventions.ts";
import { foldBarFigure } from "./fold_figure.ts";
import { cell, ddPct, fixed, pct, pctCell } from "./format.ts";
import { isoWeekRange } from "./iso_week.ts";
import type { ReportModel, ReportSection } from "./model.ts";
import {
  listPaperSessions,
  type PaperSessionInfo,
  readPaperEquity,
} from "./paper_store.ts";
import { sessionManifest } from "./phase2.ts";
import { loadRunContext } from "./run_context.ts";
import { weeklyPaperSections } from "./weekly_paper.ts";
import {
  type WeeklyExpectation,
  weeklyReturns,
  weekRanges,
} from "./weekly_data.ts";

/** Options of {@link buildWeekly}. */
export interface WeeklyOptions {
  /** One ISO week ("2020-W12"). @default every week of the source */
  week?: string;
  /** A paper session id or a walk-forward run id. @default newest paper session, else newest walk-forward run */
  runId?: string;
  /** Only the last N weeks (when `week` is not given). @default all */
  lastWeeks?: number;
  /** ISO instant shown as the generation time. @default now */
  generatedAt?: string;
}

/** One weekly report with what it covers. */
export interface WeeklyReport {
  readonly week: string;
  /** Session or run id. */
  readonly source: string;
  readonly sourceKind: "paper" | "backtest";
  /** Compounded return of the week. */
  readonly ret: number;
  readonly model: ReportModel;
}

/**
 * Build weekly reports from the store.
 *
 * @param db The store.
 * @param options Week, source id, last N weeks, generation time.
 * @returns One report per week in time order ([] when nothing is stored).
 * @throws RangeError when `week` has no data in the source, or `runId` is unknown.
 */
export async function buildWeekly(
  db: DbEngine,
  options: WeeklyOptions = {},
): Promise<WeeklyReport[]> {
  const sessions = await listPaperSessions(db);
  const session = options.runId === undefined
    ? sessions[0]
    : sessions.find((s) => s.sessionId === options.runId);
  if (session) return await paperWeeks(db, session, options);
  const runId = options.runId ??
    (await listRuns(db)).find((r) => r.kind === "walkforward")?.runId;
  if (runId === undefined) return [];
  return backtestWeeks(await loadRun(db, runId), options);
}

function pickWeeks(
  dates: readonly string[],
  options: WeeklyOptions,
  source: string,
): { week: string; from: number; to: number }[] {
  const all = weekRanges(dates);
  if (options.week !== undefined) {
    isoWeekRange(options.week); // validates the label
    const w = all.filter((x) => x.week === options.week);
    if (w.length === 0) {
      throw new RangeError(
        `Cannot report week ${options.week}: ${source} has data from ${
          all[0]?.week ?? "-"
        } to ${all.at(-1)?.week ?? "-"}`,
      );
    }
    return w;
  }
  return options.lastWeeks ? all.slice(-options.lastWeeks) : all;
}

function expectationCards(ret: number, e: WeeklyExpectation) {
  const z = (ret - e.mean) / e.std;
  return [
    { label: "Backtest mean week", value: pct(e.mean) },
    { label: "Backtest weekly std", value: pct(e.std) },
    { label: "This week vs expectation (z)", value: fixed(z) },
  ];
}

function backtestWeeks(run: StoredRun, options: WeeklyOptions): WeeklyReport[] {
  const o = run.oos;
  const sym = run.summary.symbol ?? "";
  const { returns: weekly, expectation } = weeklyReturns(o.dates, o.returns);
  const retOf = new Map(weekly.map((w) => [w.week, w.ret]));
  return pickWeeks(o.dates, options, `run ${run.manifest.runId}`).map((w) => {
    const ret = retOf.get(w.week) ?? NaN;
    let peak = -Infinity;
    for (let i = 0; i < w.to; i++) {
      if (Number.isFinite(o.equity[i])) peak = Math.max(peak, o.equity[i]);
    }
    const endDd = 1 - o.equity[w.to - 1] / peak;
    const trades: (string | number | null)[][] = [];
    for (let i = w.from; i < w.to; i++) {
      const prev = i > 0 ? o.positions[i - 1] : 0;
      if (o.positions[i] !== prev) {
        trades.push([o.dates[i], cell(prev, 3), cell(o.positions[i], 3)]);
      }
    }
    let maxPos = 0;
    for (let i = w.from; i < w.to; i++) {
      maxPos = Math.max(maxPos, Math.abs(o.positions[i]));
    }
    const sections: ReportSection[] = [
      {
        kind: "headline",
        title: `${sym} backtest, week ${w.week}`,
        cards: [
          { label: "Week return", value: pct(ret) },
          { label: "Days", value: String(w.to - w.from) },
          { label: "Drawdown at week end", value: ddPct(endDd) },
          ...expectationCards(ret, expectation),
        ],
      },
      {
        kind: "figure",
        title: "Daily returns (%)",
        svg: foldBarFigure(
          o.dates.slice(w.from, w.to).map((d, k) => ({
            fold: d,
            value: o.returns[w.from + k] * 100,
          })),
          { label: "Return (%)", xLabel: "Date" },
        ),
      },
      {
        kind: "table",
        title: "Positions and P&L by day",
        columns: ["date", "position", "return %", "equity"],
        rows: o.dates.slice(w.from, w.to).map((d, k) => {
          const i = w.from + k;
          return [
            d,
            cell(o.positions[i], 3),
            pctCell(o.returns[i], 3),
            cell(o.equity[i], 4),
          ];
        }),
      },
      trades.length
        ? {
          kind: "table",
          title: `Trades (${trades.length} position changes)`,
          columns: ["date", "from", "to"],
          rows: trades,
        }
        : {
          kind: "text",
          title: "Trades",
          text: "No position change this week.",
        },
      {
        kind: "table",
        title: "Risk usage",
        columns: ["measure", "value"],
        rows: [
          ["largest |position| (x capital)", cell(maxPos, 3)],
          ["drawdown from the run's peak at week end", ddPct(endDd)],
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
        text: `This week ${pct(ret)} vs a mean week of ${
          pct(expectation.mean)
        } (std ${
          pct(expectation.std)
        }) over ${expectation.weeks} weeks of run ${run.manifest.runId}.`,
      },
    ];
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
        sections,
        manifest: { report: "weekly", week: w.week, run: run.manifest },
      },
    };
  });
}

async function paperWeeks(
  db: DbEngine,
  session: PaperSessionInfo,
  options: WeeklyOptions,
): Promise<WeeklyReport[]> {
  const eq = await readPaperEquity(db, session.sessionId);
  const symbols = (session.config?.symbols ?? []) as string[];
  const ctx = await loadRunContext(db, { symbol: symbols[0] });
  const { returns: weekly } = weeklyReturns(eq.dates, eq.ret);
  const retOf = new Map(weekly.map((w) => [w.week, w.ret]));
  const bt = ctx.main
    ? weeklyReturns(ctx.main.oos.dates, ctx.main.oos.returns)
    : null;
  const out: WeeklyReport[] = [];
  for (
    const w of pickWeeks(eq.dates, options, `session ${session.sessionId}`)
  ) {
    const ret = retOf.get(w.week) ?? NaN;
    const sections = await weeklyPaperSections(db, session, eq, w, {
      ret,
      backtest: ctx.main,
      expectation: bt?.expectation ?? null,
      backtestWeek: bt?.returns.find((x) => x.week === w.week)?.ret ?? null,
    });
    out.push({
      week: w.week,
      source: session.sessionId,
      sourceKind: "paper",
      ret,
      model: {
        title: `Weekly report ${w.week}: paper session ${session.sessionId}`,
        subtitle: `${eq.dates[w.from]} – ${eq.dates[w.to - 1]}`,
        generatedAt: options.generatedAt ?? new Date().toISOString(),
        kind: "weekly",
        conventions: conventions({ backtest: true, paper: true }),
        sections: [
          ...sections.slice(0, 1),
          ...(bt
            ? [{
              kind: "headline" as const,
              title: "Backtest expectation",
              cards: expectationCards(ret, bt.expectation),
            }]
            : []),
          ...sections.slice(1),
        ],
        manifest: {
          report: "weekly",
          week: w.week,
          session: sessionManifest(session),
          backtestRun: ctx.main?.manifest.runId ?? null,
        },
      },
    });
  }
  return out;
}
