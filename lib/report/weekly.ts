/**
 * Weekly performance reports: one ISO week of a paper journal or of a backtest's
 * out-of-sample series - the week's P&L, positions, trades, risk-limit usage, alerts and
 * the week against the backtest's expectation.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { listRuns, loadRun } from "../store/mod.ts";
import { conventions } from "./conventions.ts";
import type { ReportModel } from "./model.ts";
import {
  listPaperSessions,
  type PaperSessionInfo,
  readPaperEquity,
} from "../store/mod.ts";
import { sessionManifest } from "./phase2.ts";
import { loadRunContext } from "./_run_context.ts";
import { weeklyPaperSections } from "./_weekly_paper.ts";
import { backtestWeeks } from "./_weekly_backtest.ts";
import { expectationCards, pickWeeks, weeklyReturns } from "./weekly_data.ts";

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
  /** ISO week label ("2020-W12"). */
  readonly week: string;
  /** Session or run id. */
  readonly source: string;
  /** Paper session or walk-forward backtest. */
  readonly sourceKind: "paper" | "backtest";
  /** Compounded return of the week. */
  readonly ret: number;
  /** The page. */
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
