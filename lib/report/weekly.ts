/**
 * Weekly performance reports: one ISO week of a paper journal or of a backtest's
 * out-of-sample series - the week's P&L, positions, trades, risk-limit usage, alerts.
 * A paper week is compared with the backtest of the session's own rules over the same
 * week (the reconciliation, week by week), and says HALTED at the top from its halt on.
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
import { weeklyPaperSections } from "./_weekly_paper.ts";
import { backtestWeeks } from "./_weekly_backtest.ts";
import { haltBanner, sameRulesWeeks } from "./_weekly_same_rules.ts";
import { pickWeeks, weeklyReturns } from "./weekly_data.ts";

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
  /**
   * Where the paper pages' bars came from, shown under the title and kept in the
   * manifest (the weekly cycle: "bars from the store, no update", "bars updated from
   * yahoo"). @default not shown
   */
  bars?: string;
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
  const same = await sameRulesWeeks(db, session);
  const { returns: weekly } = weeklyReturns(eq.dates, eq.ret);
  const retOf = new Map(weekly.map((w) => [w.week, w.ret]));
  const out: WeeklyReport[] = [];
  for (
    const w of pickWeeks(eq.dates, options, `session ${session.sessionId}`)
  ) {
    const ret = retOf.get(w.week) ?? NaN;
    const end = eq.dates[w.to - 1];
    const sameWeek = typeof same === "string"
      ? same
      : same.weeks.find((x) => x.week === w.week);
    const halt = typeof same === "string" ? null : same.total.halt;
    const sections = await weeklyPaperSections(db, session, eq, w, {
      ret,
      same,
      sameWeek,
    });
    const banner = haltBanner(halt, end);
    out.push({
      week: w.week,
      source: session.sessionId,
      sourceKind: "paper",
      ret,
      model: {
        title: `Weekly report ${w.week}: paper session ${session.sessionId}${
          banner ? " (HALTED)" : ""
        }`,
        subtitle: `${eq.dates[w.from]} – ${end}${
          options.bars ? ` · ${options.bars}` : ""
        }`,
        generatedAt: options.generatedAt ?? new Date().toISOString(),
        kind: "weekly",
        conventions: conventions({ backtest: true, paper: true }),
        sections: banner ? [banner, ...sections] : sections,
        manifest: {
          report: "weekly",
          week: w.week,
          session: sessionManifest(session),
          comparedWith: "the backtest of the session's own rules",
          ...(options.bars ? { bars: options.bars } : {}),
        },
      },
    });
  }
  return out;
}
