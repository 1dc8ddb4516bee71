/**
 * Reconciliation of a paper session against backtests of the same strategy over the same
 * period, with the difference broken down by cause.
 *
 * The backtests are lib/backtest's execution backtest (`runExecutionBacktest`: the same
 * sizing, simulated broker and risk guard code the session runs), on the targets the
 * session's strategy gives on each date, in six variants that add one real-world effect
 * at a time:
 *
 * 1. `research`: fills at the close of the decision bar, no slippage, no commission, no
 *    limits (what a close-to-close research backtest assumes);
 * 2. `timing`: fills at the next bar's open (the session's declared timing);
 * 3. `slippage`: plus the broker's slippage;
 * 4. `costs`: plus commission;
 * 5. `killSwitch`: plus the risk limits (lib/risk's guard: kill switch, daily-loss flag,
 *    pre-trade and fill checks) applied to the backtest's own equity -- the backtest of
 *    the session's rules, which the session should match. Its halt (if any) is derived
 *    by the guard from its own path, never copied from the session's event log;
 * 6. `sessionHalt`: variant 5 halted where the session halted instead of where its own
 *    guard did (the same as 5 when both halt on the same bar, or neither halts). A
 *    manual kill in the session, or fills that take the session's drawdown past the
 *    limit on another bar, make the two halts differ: that is a cause of its own.
 *
 * The breakdown: timing = 2 - 1, slippage = 3 - 2, commission = 4 - 3, kill switch and
 * limits = 5 - 4, halt = 6 - 5, and fills/other = paper - 6 (partial fills, bars the
 * session rejected, rounding). Every figure is a total return over the period (fraction
 * of capital). The target compares the session with variant 5.
 *
 * @module
 */
import {
  type BarGroup,
  type ExecutionBacktestResult,
  runExecutionBacktest,
  type SimBrokerOptions,
  type SizingRule,
} from "../backtest/mod.ts";
import type { RiskLimits } from "../risk/mod.ts";
import type { History } from "./history.ts";
import { replayTargets } from "./decide.ts";

/** Settings shared by the session and its backtests. */
export interface ReconcileOptions {
  readonly symbols: readonly string[];
  readonly capital: number;
  readonly from: string;
  readonly to: string;
  readonly broker: SimBrokerOptions;
  readonly sizing: SizingRule;
  readonly limits: RiskLimits;
  readonly decide: (history: History) => Readonly<Record<string, number>>;
}

/** A kill-switch halt: the bar it happened on, whether it flattened, and why. */
export interface SessionHalt {
  readonly date: string;
  readonly flatten: boolean;
  /** A manual kill request, else the guard's own halt. */
  readonly manual?: boolean;
  /** The rule: "max-drawdown" or "manual". */
  readonly rule?: string;
  readonly reason?: string;
}

/** The reconciliation report. */
export interface Reconciliation {
  readonly paperReturn: number;
  readonly backtest: {
    research: number;
    timing: number;
    slippage: number;
    costs: number;
    /** Costs plus the risk limits and kill switch: what the session should match. */
    killSwitch: number;
    /** `killSwitch` halted where the session halted (equal to it when the halts agree). */
    sessionHalt: number;
  };
  /** The session's halt (from its journal), if any. */
  readonly halt: SessionHalt | null;
  /** The backtest's halt, from the same limits applied to its own equity, if any. */
  readonly backtestHalt: SessionHalt | null;
  /** The two halts are on different bars (or only one of them halted). */
  readonly haltsDiffer: boolean;
  /** Contribution of each cause to paper - research, in return units (they sum to it). */
  readonly breakdown: {
    timing: number;
    slippage: number;
    commission: number;
    /** The risk limits: kill switch, daily-loss flag, pre-trade and fill checks. */
    killSwitch: number;
    /** Halting where the session did instead of where the backtest's guard did. */
    halt: number;
    fillsAndOther: number;
  };
  /** |paper - kill-switch backtest| / |1 + that backtest|: the relative equity difference. */
  readonly relativeDifference: number;
  /** The roadmap's target: within 5% of the backtest. */
  readonly withinTarget: boolean;
  readonly target: number;
  /** Largest daily |paper equity / backtest equity - 1| over the period. */
  readonly maxDailyDeviation: number;
}

/**
 * The execution backtest of the session's rules with the given costs and limits.
 *
 * @param groups All date groups from the start of history (warm-up included).
 * @param o Session settings.
 * @param variant Fill timing, costs, and whether the limits apply.
 * @param replayHalt With the limits: halt here (a manual kill request on that bar)
 *   instead of where the drawdown limit would; omitted = the guard decides.
 * @returns The equity path.
 */
export function sessionBacktest(
  groups: readonly BarGroup[],
  o: ReconcileOptions,
  variant: {
    fill: "close" | "open";
    slippage: boolean;
    commission: boolean;
    limits: boolean;
  },
  replayHalt?: SessionHalt | null,
): ExecutionBacktestResult {
  const targets = replayTargets(groups, o.symbols, o.decide, o.from, o.to);
  const b = o.broker;
  const broker: SimBrokerOptions = {
    slippageBps: variant.slippage ? b.slippageBps : 0,
    ...(variant.commission
      ? {
        commissionPerShare: b.commissionPerShare,
        commissionMin: b.commissionMin,
        commissionBps: b.commissionBps,
      }
      : {}),
  };
  const replay = variant.limits && replayHalt !== undefined;
  return runExecutionBacktest(groups, (d) => targets.get(d) ?? {}, {
    capital: o.capital,
    from: o.from,
    to: o.to,
    fill: variant.fill,
    broker,
    sizing: o.sizing,
    limits: !variant.limits
      ? undefined
      : replay
      ? { ...o.limits, maxDrawdown: Infinity }
      : o.limits,
    manualHalt: replay && replayHalt
      ? {
        date: replayHalt.date,
        flatten: replayHalt.flatten,
        reason: replayHalt.reason ?? "",
      }
      : undefined,
  });
}

/** The six backtests of a reconciliation (see the module doc), with both halts. */
export interface ReconcileRuns {
  readonly research: ExecutionBacktestResult;
  readonly timing: ExecutionBacktestResult;
  readonly slippage: ExecutionBacktestResult;
  readonly costs: ExecutionBacktestResult;
  readonly killSwitch: ExecutionBacktestResult;
  readonly sessionHalt: ExecutionBacktestResult;
  readonly halt: SessionHalt | null;
  readonly backtestHalt: SessionHalt | null;
  readonly haltsDiffer: boolean;
}

/** The halt the guard of a backtest derived from its own equity, if it halted. */
function haltOf(
  r: ExecutionBacktestResult,
  limits: ReconcileOptions["limits"],
): SessionHalt | null {
  const g = r.state.guard;
  if (!g.halted) return null;
  return {
    date: g.haltedOn,
    flatten: limits.flattenOnKill,
    manual: g.haltRule === "manual",
    rule: g.haltRule,
    reason: g.haltReason,
  };
}

/**
 * Run the six backtest variants of a reconciliation.
 *
 * @param groups All date groups from the start of history (warm-up included).
 * @param o Session settings and period.
 * @param halt The session's halt (from its journal), if any.
 * @returns The variants' paths, the session's and the backtest's halts.
 */
export function reconcileRuns(
  groups: readonly BarGroup[],
  o: ReconcileOptions,
  halt?: SessionHalt | null,
): ReconcileRuns {
  const run = (
    fill: "close" | "open",
    slippage: boolean,
    commission: boolean,
    limits = false,
    replay?: SessionHalt | null,
  ) =>
    sessionBacktest(groups, o, { fill, slippage, commission, limits }, replay);
  const killSwitch = run("open", true, true, true);
  const backtestHalt = haltOf(killSwitch, o.limits);
  const session = halt ?? null;
  const haltsDiffer = session?.date !== backtestHalt?.date ||
    (session !== null && session.flatten !== backtestHalt?.flatten);
  return {
    research: run("close", false, false),
    timing: run("open", false, false),
    slippage: run("open", true, false),
    costs: run("open", true, true),
    killSwitch,
    sessionHalt: haltsDiffer
      ? run("open", true, true, true, session)
      : killSwitch,
    halt: session,
    backtestHalt,
    haltsDiffer,
  };
}

/**
 * Reconcile a paper equity path against the backtest variants.
 *
 * @param groups All date groups from the start of history (warm-up included).
 * @param paper The session's equity by date (from its journal).
 * @param o Session settings.
 * @param target Allowed relative difference. @default 0.05
 * @param halt The session's kill-switch halt (from its journal), if any.
 * @returns The report.
 */
export function reconcile(
  groups: readonly BarGroup[],
  paper: { dates: readonly string[]; equity: Float64Array },
  o: ReconcileOptions,
  target = 0.05,
  halt?: SessionHalt,
): Reconciliation {
  return summariseRuns(
    reconcileRuns(groups, o, halt),
    paper,
    o.capital,
    target,
  );
}

/**
 * The reconciliation of a paper path from the variants' paths.
 *
 * @param runs From {@linkcode reconcileRuns}.
 * @param paper The session's equity by date.
 * @param capital Starting equity of both.
 * @param target Allowed relative difference.
 * @returns The report.
 */
export function summariseRuns(
  runs: ReconcileRuns,
  paper: { dates: readonly string[]; equity: Float64Array },
  capital: number,
  target: number,
): Reconciliation {
  const r = (k: keyof typeof VARIANTS) => runs[k].totalReturn;
  const paperReturn = paper.equity.length
    ? paper.equity[paper.equity.length - 1] / capital - 1
    : 0;
  const guarded = r("killSwitch");
  const rel = Math.abs(paperReturn - guarded) / Math.abs(1 + guarded);
  return {
    paperReturn,
    backtest: {
      research: r("research"),
      timing: r("timing"),
      slippage: r("slippage"),
      costs: r("costs"),
      killSwitch: guarded,
      sessionHalt: r("sessionHalt"),
    },
    halt: runs.halt,
    backtestHalt: runs.backtestHalt,
    haltsDiffer: runs.haltsDiffer,
    breakdown: {
      timing: r("timing") - r("research"),
      slippage: r("slippage") - r("timing"),
      commission: r("costs") - r("slippage"),
      killSwitch: guarded - r("costs"),
      halt: r("sessionHalt") - guarded,
      fillsAndOther: paperReturn - r("sessionHalt"),
    },
    relativeDifference: rel,
    withinTarget: rel <= target,
    target,
    maxDailyDeviation: maxDeviation(paper, runs.killSwitch),
  };
}

/** The variants in order, each adding one effect to the one before. */
export const VARIANTS = {
  research: "backtest: fills at the close, no costs",
  timing: "+ fills at the next open",
  slippage: "+ slippage",
  costs: "+ commission",
  killSwitch: "+ risk limits and kill switch (the backtest's own halt)",
  sessionHalt: "+ halting where the session halted",
} as const;

function maxDeviation(
  paper: { dates: readonly string[]; equity: Float64Array },
  bt: ExecutionBacktestResult,
): number {
  const byDate = new Map(bt.dates.map((d, i) => [d, bt.equity[i]]));
  let maxDev = 0;
  paper.dates.forEach((d, i) => {
    const b = byDate.get(d);
    if (b !== undefined) {
      maxDev = Math.max(maxDev, Math.abs(paper.equity[i] / b - 1));
    }
  });
  return maxDev;
}
