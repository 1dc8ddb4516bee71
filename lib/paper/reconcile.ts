/**
 * Reconciliation of a paper session against backtests of the same strategy over the same
 * period, with the difference broken down by cause.
 *
 * The backtests are lib/backtest's execution backtest (`runExecutionBacktest`: the same
 * sizing, simulated broker and risk guard code the session runs), on the targets the
 * session's strategy gives on each date, in five variants that add one real-world effect
 * at a time:
 *
 * 1. `research`: fills at the close of the decision bar, no slippage, no commission, no
 *    limits (what a close-to-close research backtest assumes);
 * 2. `timing`: fills at the next bar's open (the session's declared timing);
 * 3. `slippage`: plus the broker's slippage;
 * 4. `costs`: plus commission;
 * 5. `killSwitch`: plus the risk limits (lib/risk's guard: kill switch, daily-loss flag,
 *    pre-trade and fill checks) and the session's manual kill, if it had one -- the
 *    backtest the session should match.
 *
 * The breakdown: timing = 2 - 1, slippage = 3 - 2, commission = 4 - 3, kill switch and
 * limits = 5 - 4, and fills/other = paper - 5 (partial fills, bars the session rejected,
 * rounding). Every figure is a total return over the period (fraction of capital).
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

/** A session's kill-switch halt: the bar it happened on and whether it flattened. */
export interface SessionHalt {
  readonly date: string;
  readonly flatten: boolean;
  /** A manual kill request (replayed by the backtest), else the guard's own halt. */
  readonly manual?: boolean;
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
  };
  /** The session's halt, if any. */
  readonly halt: SessionHalt | null;
  /** Contribution of each cause to paper - research, in return units (they sum to it). */
  readonly breakdown: {
    timing: number;
    slippage: number;
    commission: number;
    /** The risk limits: kill switch, daily-loss flag, pre-trade and fill checks. */
    killSwitch: number;
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
 * @param halt A manual kill to replay.
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
  halt?: SessionHalt,
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
  return runExecutionBacktest(groups, (d) => targets.get(d) ?? {}, {
    capital: o.capital,
    from: o.from,
    to: o.to,
    fill: variant.fill,
    broker,
    sizing: o.sizing,
    limits: variant.limits ? o.limits : undefined,
    manualHalt: halt?.manual
      ? { date: halt.date, flatten: halt.flatten, reason: halt.reason ?? "" }
      : undefined,
  });
}

/**
 * Reconcile a paper equity path against the five backtest variants.
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
  const run = (
    fill: "close" | "open",
    slippage: boolean,
    commission: boolean,
    limits = false,
  ) =>
    sessionBacktest(
      groups,
      o,
      { fill, slippage, commission, limits },
      limits ? halt : undefined,
    );
  const research = run("close", false, false);
  const timing = run("open", false, false);
  const slippage = run("open", true, false);
  const costs = run("open", true, true);
  const guarded = run("open", true, true, true);
  const paperReturn = paper.equity.length
    ? paper.equity[paper.equity.length - 1] / o.capital - 1
    : 0;
  const rel = Math.abs(paperReturn - guarded.totalReturn) /
    Math.abs(1 + guarded.totalReturn);
  return {
    paperReturn,
    backtest: {
      research: research.totalReturn,
      timing: timing.totalReturn,
      slippage: slippage.totalReturn,
      costs: costs.totalReturn,
      killSwitch: guarded.totalReturn,
    },
    halt: halt ?? null,
    breakdown: {
      timing: timing.totalReturn - research.totalReturn,
      slippage: slippage.totalReturn - timing.totalReturn,
      commission: costs.totalReturn - slippage.totalReturn,
      killSwitch: guarded.totalReturn - costs.totalReturn,
      fillsAndOther: paperReturn - guarded.totalReturn,
    },
    relativeDifference: rel,
    withinTarget: rel <= target,
    target,
    maxDailyDeviation: maxDeviation(paper, guarded),
  };
}

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
