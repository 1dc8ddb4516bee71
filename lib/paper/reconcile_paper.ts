/**
 * A stored session against the backtest of its own rules (strategy, sizing, costs,
 * limits: `reconcile.ts`), over the session's whole period and week by week (ISO weeks),
 * with the weekly expectation of the same rules before the session started.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { isoWeek } from "../data/mod.ts";
import type { BarGroup, ExecutionBacktestResult } from "../backtest/mod.ts";
import type { PaperConfig } from "./config.ts";
import type { PaperJournal } from "./journal.ts";
import {
  type ReconcileRuns,
  reconcileRuns,
  type Reconciliation,
  sessionBacktest,
  summariseRuns,
  VARIANTS,
} from "./reconcile.ts";
import {
  type PeriodOverrides,
  planPaper,
  sessionSettings,
} from "./run_paper.ts";
import { sessionChanges } from "./session_identity.ts";
import { UsageError } from "../_shared/errors.ts";

/** One ISO week of a session against the backtest of its rules (week returns). */
export interface WeekReconciliation {
  /** ISO week label. */
  readonly week: string;
  /** First and last session date of the week. */
  readonly from: string;
  readonly to: string;
  /** Equity at the week's last date over equity at the previous week's (or capital), - 1. */
  readonly paper: number;
  /** The same for each backtest variant. */
  readonly backtest: Reconciliation["backtest"];
  /** Each variant's week return minus the previous one's; fills/other = paper - the last. */
  readonly breakdown: Reconciliation["breakdown"];
  /** `paper - backtest.killSwitch`: the week against the backtest of the rules. */
  readonly difference: number;
}

/** Mean and std (n-1) of the weekly returns of the same rules before the session. */
export interface SameRulesExpectation {
  readonly weeks: number;
  readonly mean: number;
  readonly std: number;
  /** First and last date of the backtest the weeks come from. */
  readonly from: string;
  readonly to: string;
}

/** A session's reconciliation, its weeks and the same rules' weekly expectation. */
export interface PaperWeeks {
  readonly sessionId: string;
  readonly from: string;
  readonly to: string;
  readonly total: Reconciliation;
  readonly weeks: readonly WeekReconciliation[];
  /** Null when the history before the session holds fewer than 10 weeks after warm-up. */
  readonly expectation: SameRulesExpectation | null;
}

/** Options of {@linkcode reconcilePaper} and {@linkcode reconcilePaperWeeks}. */
export interface ReconcilePaperOptions extends PeriodOverrides {
  /** @default config.name */
  readonly sessionId?: string;
  /** Allowed relative difference (the roadmap's 5%). @default 0.05 */
  readonly target?: number;
}

/** Each ISO week of an equity path: its dates and compounded return. */
function weekEnds(
  dates: readonly string[],
): { week: string; from: number; to: number }[] {
  const out: { week: string; from: number; to: number }[] = [];
  dates.forEach((d, i) => {
    const w = isoWeek(d), last = out.at(-1);
    if (last && last.week === w) last.to = i;
    else out.push({ week: w, from: i, to: i });
  });
  return out;
}

function weekReturn(
  byDate: ReadonlyMap<string, number>,
  prev: string | undefined,
  end: string,
  capital: number,
): number {
  const start = prev === undefined ? capital : byDate.get(prev) ?? NaN;
  return (byDate.get(end) ?? NaN) / start - 1;
}

/**
 * The weeks of a session against the variants' paths (the same dates, the same start).
 *
 * @param runs From `reconcileRuns` over the session's period.
 * @param paper The session's equity by date.
 * @param capital Starting equity of both.
 * @returns One row per ISO week of the session, in time order.
 */
export function reconcileWeeks(
  runs: ReconcileRuns,
  paper: { dates: readonly string[]; equity: Float64Array },
  capital: number,
): WeekReconciliation[] {
  const keys = Object.keys(VARIANTS) as (keyof typeof VARIANTS)[];
  const maps = new Map(keys.map((k) => [k, pathMap(runs[k])]));
  const paperMap = new Map(paper.dates.map((d, i) => [d, paper.equity[i]]));
  return weekEnds(paper.dates).map((w) => {
    const prev = w.from > 0 ? paper.dates[w.from - 1] : undefined;
    const end = paper.dates[w.to];
    const ret = (m: ReadonlyMap<string, number>) =>
      weekReturn(m, prev, end, capital);
    const bt = Object.fromEntries(
      keys.map((k) => [k, ret(maps.get(k)!)]),
    ) as Reconciliation["backtest"];
    const p = ret(paperMap);
    return {
      week: w.week,
      from: paper.dates[w.from],
      to: end,
      paper: p,
      backtest: bt,
      breakdown: {
        timing: bt.timing - bt.research,
        slippage: bt.slippage - bt.timing,
        commission: bt.costs - bt.slippage,
        killSwitch: bt.killSwitch - bt.costs,
        halt: bt.sessionHalt - bt.killSwitch,
        fillsAndOther: p - bt.sessionHalt,
      },
      difference: p - bt.killSwitch,
    };
  });
}

function pathMap(r: ExecutionBacktestResult): Map<string, number> {
  return new Map(r.dates.map((d, i) => [d, r.equity[i]]));
}

/** Weekly returns of the costed backtest of the rules over the history before `from`. */
function expectationBefore(
  config: PaperConfig,
  before: readonly BarGroup[],
): SameRulesExpectation | null {
  const warm = config.feed.warmupBars;
  if (before.length <= warm + 1) return null;
  const from = before[warm].date, to = before[before.length - 1].date;
  const path = sessionBacktest(
    before,
    { ...sessionSettings(config), from, to },
    { fill: "open", slippage: true, commission: true, limits: false },
  );
  const m = pathMap(path);
  const rs = weekEnds(path.dates).map((w) =>
    weekReturn(
      m,
      w.from > 0 ? path.dates[w.from - 1] : undefined,
      path.dates[w.to],
      config.capital,
    )
  );
  const n = rs.length;
  if (n < 10) return null;
  const mean = rs.reduce((a, x) => a + x, 0) / n;
  const std = Math.sqrt(rs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  return { weeks: n, mean, std, from, to };
}

async function sessionRuns(
  journal: PaperJournal,
  config: PaperConfig,
  bars: readonly Bars[],
  options: ReconcilePaperOptions,
) {
  const sessionId = options.sessionId ?? config.name;
  const paper = await journal.readEquity(sessionId);
  if (paper.dates.length === 0) {
    throw new RangeError(
      `No equity rows for session "${sessionId}": run \`deno task paper\` first`,
    );
  }
  // the session's own period: its first and last journaled bars
  const plan = planPaper(config, bars, {
    from: options.from ?? paper.dates[0],
    to: options.to ?? paper.dates[paper.dates.length - 1],
  });
  const changes = await sessionChanges(
    journal,
    sessionId,
    config,
    plan.from,
  );
  if (changes?.length) {
    throw new UsageError(
      "--config",
      `Cannot reconcile session "${sessionId}" with this config: it differs from the one the session ran (${
        changes.join("; ")
      })`,
    );
  }
  const halt = await journal.firstKill(sessionId);
  const runs = reconcileRuns(
    plan.groups,
    { ...sessionSettings(config), from: plan.from, to: plan.to },
    halt,
  );
  return { sessionId, paper, plan, runs };
}

/**
 * Reconcile a stored session against backtests of the same strategy, sizing, costs and
 * limits over the session's period (see `reconcile.ts` for the variants, the two halts
 * and the breakdown).
 *
 * @param journal The session's journal.
 * @param config The session's config.
 * @param bars Every stored bar of the config's symbols (as the session traded them).
 * @param options Period (default: the session's first to last journaled bar), session
 *   id, target.
 * @returns The reconciliation with the session and period it covers.
 */
export async function reconcilePaper(
  journal: PaperJournal,
  config: PaperConfig,
  bars: readonly Bars[],
  options: ReconcilePaperOptions = {},
): Promise<Reconciliation & { sessionId: string; from: string; to: string }> {
  const { sessionId, paper, plan, runs } = await sessionRuns(
    journal,
    config,
    bars,
    options,
  );
  const r = summariseRuns(runs, paper, config.capital, options.target ?? 0.05);
  return { ...r, sessionId, from: plan.from, to: plan.to };
}

/**
 * {@linkcode reconcilePaper} plus every ISO week of the session against the same weeks
 * of the backtest of its rules, and the weekly expectation of those rules (costed,
 * without the kill switch) over the history before the session.
 *
 * @param journal The session's journal.
 * @param config The session's config.
 * @param bars Every stored bar of the config's symbols (as the session traded them).
 * @param options Session id, target.
 * @returns The total, the weeks and the expectation.
 */
export async function reconcilePaperWeeks(
  journal: PaperJournal,
  config: PaperConfig,
  bars: readonly Bars[],
  options: ReconcilePaperOptions = {},
): Promise<PaperWeeks> {
  const { sessionId, paper, plan, runs } = await sessionRuns(
    journal,
    config,
    bars,
    options,
  );
  return {
    sessionId,
    from: plan.from,
    to: plan.to,
    total: summariseRuns(runs, paper, config.capital, options.target ?? 0.05),
    weeks: reconcileWeeks(runs, paper, config.capital),
    expectation: expectationBefore(config, plan.before),
  };
}
