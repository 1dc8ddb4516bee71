/**
 * Reconciliation of a paper session against backtests of the same strategy over the same
 * period, with the difference broken down by cause.
 *
 * The backtests here are a deliberately simple share-based loop, independent of the
 * broker and journal machinery, run in five variants that add one real-world effect at a
 * time:
 *
 * 1. `research`: fills at the close of the decision bar, no slippage, no commission
 *    (what a close-to-close research backtest assumes);
 * 2. `timing`: fills at the next bar's open (the session's declared timing);
 * 3. `slippage`: plus the broker's slippage;
 * 4. `costs`: plus commission;
 * 5. `killSwitch`: plus the session's halt, when it had one (from the halt bar on: no
 *    new decisions; with flatten, every position closed at the next open) -- the
 *    backtest the session should match.
 *
 * The breakdown: timing = 2 - 1, slippage = 3 - 2, commission = 4 - 3, kill switch =
 * 5 - 4, and fills/other = paper - 5 (partial fills, rejected or clipped orders,
 * rounding). Every figure is a total return over the period (fraction of capital).
 *
 * @module
 */
import type { SimBrokerOptions } from "./sim_broker.ts";
import { appendBar, createHistory, type History } from "./history.ts";
import type { BarGroup } from "./feed.ts";

/** Settings shared by the session and its backtests. */
export interface ReconcileOptions {
  readonly symbols: readonly string[];
  readonly capital: number;
  readonly from: string;
  readonly to: string;
  readonly broker: SimBrokerOptions;
  readonly sizing: {
    fraction: number;
    fractionalShares: boolean;
    minTradeFraction: number;
  };
  readonly decide: (history: History) => Readonly<Record<string, number>>;
}

/** One backtest variant's equity path. */
export interface BacktestPath {
  readonly dates: string[];
  readonly equity: Float64Array;
  readonly totalReturn: number;
}

/**
 * Run the share-based backtest with the given execution assumptions.
 *
 * @param groups All date groups from the start of history (warm-up included).
 * @param fillAt `"close"`: trade at the decision bar's close; `"open"`: at the next open.
 */
export function shareBacktest(
  groups: readonly BarGroup[],
  o: ReconcileOptions,
  fillAt: "close" | "open",
  costs: { slippage: boolean; commission: boolean },
  halt?: SessionHalt,
): BacktestPath {
  const history = createHistory(o.symbols);
  const slip = costs.slippage ? (o.broker.slippageBps ?? 0) / 1e4 : 0;
  let cash = o.capital;
  const qty: Record<string, number> = {};
  const mark: Record<string, number> = {};
  let pending: Record<string, number> = {};
  const dates: string[] = [];
  const equity: number[] = [];
  const trade = (symbol: string, delta: number, ref: number) => {
    const buy = delta > 0;
    const price = ref * (buy ? 1 + slip : 1 - slip);
    const n = Math.abs(delta);
    const commission = costs.commission
      ? Math.max(
        (o.broker.commissionPerShare ?? 0) * n,
        o.broker.commissionMin ?? 0,
      ) +
        (n * price * (o.broker.commissionBps ?? 0)) / 1e4
      : 0;
    cash -= delta * price + commission;
    qty[symbol] = (qty[symbol] ?? 0) + delta;
  };
  const value = () => {
    let v = cash;
    for (const s of Object.keys(qty)) v += qty[s] * (mark[s] ?? 0);
    return v;
  };
  for (const g of groups) {
    if (g.date > o.to) break;
    const trading = g.date >= o.from;
    for (const bar of g.bars) {
      if (trading && pending[bar.symbol] !== undefined) {
        trade(bar.symbol, pending[bar.symbol], bar.open);
      }
      appendBar(history, bar);
      mark[bar.symbol] = bar.close;
    }
    pending = {};
    if (!trading) continue;
    const eq = value();
    if (halt && g.date >= halt.date) {
      if (g.date === halt.date && halt.flatten) {
        for (const [s, q] of Object.entries(qty)) {
          if (q !== 0) {
            if (fillAt === "close") trade(s, -q, mark[s]);
            else pending[s] = -q;
          }
        }
      }
      dates.push(g.date);
      equity.push(value());
      continue;
    }
    const targets = o.decide(history);
    for (const bar of g.bars) {
      const t = targets[bar.symbol];
      if (t === undefined || !Number.isFinite(t)) continue;
      let want = (t * o.sizing.fraction * eq) / bar.close;
      if (!o.sizing.fractionalShares) want = Math.trunc(want);
      const delta = want - (qty[bar.symbol] ?? 0);
      if (
        delta === 0 ||
        Math.abs(delta * bar.close) < o.sizing.minTradeFraction * eq
      ) continue;
      if (fillAt === "close") trade(bar.symbol, delta, bar.close);
      else pending[bar.symbol] = delta;
    }
    dates.push(g.date);
    equity.push(value());
  }
  const eqArr = Float64Array.from(equity);
  return {
    dates,
    equity: eqArr,
    totalReturn: eqArr.length ? eqArr[eqArr.length - 1] / o.capital - 1 : 0,
  };
}

/** A session's kill-switch halt: the bar it happened on and whether it flattened. */
export interface SessionHalt {
  readonly date: string;
  readonly flatten: boolean;
}

/** The reconciliation report. */
export interface Reconciliation {
  readonly paperReturn: number;
  readonly backtest: {
    research: number;
    timing: number;
    slippage: number;
    costs: number;
    /** Equal to `costs` when the session never halted. */
    killSwitch: number;
  };
  /** The session's halt, if any. */
  readonly halt: SessionHalt | null;
  /** Contribution of each cause to paper - research, in return units (they sum to it). */
  readonly breakdown: {
    timing: number;
    slippage: number;
    commission: number;
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
 * Reconcile a paper equity path against the five backtest variants.
 *
 * @param paper The session's equity by date (from the `equity` table).
 * @param target Allowed relative difference. @default 0.05
 * @param halt The session's kill-switch halt (from its `events`), if any.
 */
export function reconcile(
  groups: readonly BarGroup[],
  paper: { dates: readonly string[]; equity: Float64Array },
  o: ReconcileOptions,
  target = 0.05,
  halt?: SessionHalt,
): Reconciliation {
  const research = shareBacktest(groups, o, "close", {
    slippage: false,
    commission: false,
  });
  const timing = shareBacktest(groups, o, "open", {
    slippage: false,
    commission: false,
  });
  const slippage = shareBacktest(groups, o, "open", {
    slippage: true,
    commission: false,
  });
  const costs = shareBacktest(groups, o, "open", {
    slippage: true,
    commission: true,
  });
  const halted = halt
    ? shareBacktest(
      groups,
      o,
      "open",
      { slippage: true, commission: true },
      halt,
    )
    : costs;
  const paperReturn = paper.equity.length
    ? paper.equity[paper.equity.length - 1] / o.capital - 1
    : 0;
  const byDate = new Map(halted.dates.map((d, i) => [d, halted.equity[i]]));
  let maxDev = 0;
  paper.dates.forEach((d, i) => {
    const b = byDate.get(d);
    if (b !== undefined) {
      maxDev = Math.max(maxDev, Math.abs(paper.equity[i] / b - 1));
    }
  });
  const rel = Math.abs(paperReturn - halted.totalReturn) /
    Math.abs(1 + halted.totalReturn);
  return {
    paperReturn,
    backtest: {
      research: research.totalReturn,
      timing: timing.totalReturn,
      slippage: slippage.totalReturn,
      costs: costs.totalReturn,
      killSwitch: halted.totalReturn,
    },
    halt: halt ?? null,
    breakdown: {
      timing: timing.totalReturn - research.totalReturn,
      slippage: slippage.totalReturn - timing.totalReturn,
      commission: costs.totalReturn - slippage.totalReturn,
      killSwitch: halted.totalReturn - costs.totalReturn,
      fillsAndOther: paperReturn - halted.totalReturn,
    },
    relativeDifference: rel,
    withinTarget: rel <= target,
    target,
    maxDailyDeviation: maxDev,
  };
}

/** Where `deno task reconcile` keeps each reconciliation (the Phase 2 report shows the newest). */
export const RECONCILIATIONS_DDL =
  `CREATE TABLE IF NOT EXISTS reconciliations (session_id VARCHAR, checked_at VARCHAR,
  from_date VARCHAR, to_date VARCHAR, paper_return DOUBLE, research DOUBLE, timing DOUBLE,
  slippage DOUBLE, costs DOUBLE, kill_switch DOUBLE, cause_timing DOUBLE,
  cause_slippage DOUBLE, cause_commission DOUBLE, cause_kill_switch DOUBLE,
  cause_fills_other DOUBLE, halt_date VARCHAR, relative_difference DOUBLE, target DOUBLE,
  within_target BOOLEAN, max_daily_deviation DOUBLE)`;

/** One `reconciliations` row (returns as fractions of capital). */
export function reconciliationRow(
  r: Reconciliation & { sessionId: string; from: string; to: string },
  checkedAt: string,
): Record<string, string | number | boolean | null> {
  return {
    session_id: r.sessionId,
    checked_at: checkedAt,
    from_date: r.from,
    to_date: r.to,
    paper_return: r.paperReturn,
    research: r.backtest.research,
    timing: r.backtest.timing,
    slippage: r.backtest.slippage,
    costs: r.backtest.costs,
    kill_switch: r.backtest.killSwitch,
    cause_timing: r.breakdown.timing,
    cause_slippage: r.breakdown.slippage,
    cause_commission: r.breakdown.commission,
    cause_kill_switch: r.breakdown.killSwitch,
    cause_fills_other: r.breakdown.fillsAndOther,
    halt_date: r.halt?.date ?? null,
    relative_difference: r.relativeDifference,
    target: r.target,
    within_target: r.withinTarget,
    max_daily_deviation: r.maxDailyDeviation,
  };
}
