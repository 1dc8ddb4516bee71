/**
 * A paper-trading session: bars in, journal out, one journal transaction per bar.
 *
 * Per bar t (all symbols of one date): data check -> lib/backtest's `stepExecution`, the
 * same code the execution backtest runs (fills of orders sent after the previous close
 * at t's open, each re-checked at its fill price -> mark to market at t's close -> lib/risk's
 * guard: drawdown kill switch, daily-loss flag, manual kill request -> strategy targets
 * from data up to t -> orders `target - current` -> pre-trade checks (ALLOW / CLIP /
 * DENY) -> submit) -> alerts -> journal + checkpoint, committed together.
 *
 * Durability: the checkpoint (broker, guard and monitor state, sequence counters) is
 * written in the same transaction as the bar's journal rows. A session killed at any
 * instant restarts from its last committed bar and, because every step is a pure function
 * of config, data and that state, ends in exactly the state of an uninterrupted run.
 * External alert sinks (console, file, webhook) are called after the commit: at most once.
 *
 * @module
 */
import {
  type Bar,
  createExecutionState,
  type ExecutionOptions,
  type ExecutionState,
  type ExecutionStep,
  type SimBrokerOptions,
  simEquity,
  type SizingRule,
  stepExecution,
} from "../backtest/mod.ts";
import type { RiskDecision, RiskLimits } from "../risk/mod.ts";
import type { BarJournal, PaperJournal } from "./journal.ts";
import {
  type Alert,
  type AlertRules,
  createMonitorState,
  evaluateAlerts,
  type Expectation,
  type MonitorState,
} from "./monitor.ts";
import { checkBar } from "./bar_check.ts";
import { appendBar, createHistory, type History } from "./history.ts";
import type { OrderRouter } from "./order_router.ts";

/** Everything a session needs; the CLI wires real implementations. */
export interface SessionOptions {
  readonly sessionId: string;
  readonly symbols: readonly string[];
  readonly capital: number;
  /** Dates (inclusive) in which the session trades; earlier bars only feed history. */
  readonly from: string;
  readonly to: string;
  /** Costs and partial fills of the simulated broker (lib/backtest's cost model). */
  readonly broker: SimBrokerOptions;
  readonly sizing: SizingRule;
  /** The one limits config (lib/risk), as the backtests use it. */
  readonly limits: RiskLimits;
  readonly alertRules: AlertRules;
  readonly expectation?: Expectation;
  /** Target position per symbol (units of `sizing.fraction` of equity) from data up to t. */
  readonly decide: (history: History) => Readonly<Record<string, number>>;
  /** Returns a pending manual kill request, if any (checked once per bar). */
  readonly pollKill?: () => Promise<
    { flatten: boolean; reason: string } | undefined
  >;
  /** Called after a bar's kill request was committed, to acknowledge it. */
  readonly ackKill?: () => Promise<void>;
  /** External alert sinks, called after each commit. */
  readonly onAlerts?: (alerts: readonly Alert[]) => Promise<void>;
  /** Progress after each committed bar, with every risk decision of the bar. */
  readonly onBar?: (
    info: {
      index: number;
      date: string;
      equity: number;
      decisions: readonly RiskDecision[];
      /** The session is halted after this bar. */
      halted: boolean;
    },
  ) => void | Promise<void>;
  /** Monotonic clock in ms for latency. @default performance.now */
  readonly now?: () => number;
  /**
   * A real broker that places and fills the orders (see `order_router.ts`); without
   * one, the simulated broker fills them. @default none
   */
  readonly router?: OrderRouter;
}

/** State carried in the checkpoint: execution (broker, guard) plus monitor and counters. */
interface SessionState extends ExecutionState {
  monitor: MonitorState;
  seq: { events: number; alerts: number; orders: number };
}

/** Why a session halted: the rule of lib/risk's guard that tripped, when and why. */
export interface SessionHaltInfo {
  /** Date of the bar that tripped it. */
  readonly date: string;
  /** `"max-drawdown"` (the `limits.maxDrawdown` rule) or `"manual"` (the kill switch). */
  readonly rule: string;
  /** In words, e.g. "drawdown 8.30% reached the 8.00% limit". */
  readonly reason: string;
}

/**
 * What a finished (or stopped) session returns. Figures cover the whole session as
 * journaled (a resumed run included), so a run that resumes a finished session shows
 * the same numbers as the run that finished it.
 */
export interface SessionSummary {
  readonly sessionId: string;
  /** Bars the session has journaled. */
  readonly bars: number;
  /** Bars journaled by this run (0 when it resumed a session with nothing left to trade). */
  readonly newBars: number;
  /** Date of the last bar journaled before this run, when it resumed. */
  readonly resumedFrom: string | null;
  readonly finalEquity: number;
  readonly totalReturn: number;
  readonly halted: boolean;
  /** Why it halted (null when it did not). */
  readonly halt: SessionHaltInfo | null;
  readonly orders: number;
  readonly fills: number;
  readonly alerts: number;
  /** Decision latency (bar in -> orders out) over every journaled bar, in ms (NaN when none). */
  readonly latencyMs: { p50: number; p99: number; max: number };
}

function quantile(xs: ArrayLike<number>, q: number): number {
  if (xs.length === 0) return NaN;
  const s = Array.from(xs).sort((a, b) => a - b);
  const pos = (s.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * Run (or resume) a session over `groups` (bars grouped by date, ascending).
 *
 * @param journal Where the session is journaled (lib/store `createPaperJournal`).
 * @param groups Every date's bars from the start of history; bars before `from` are warm-up.
 * @param options Strategy, sizing, costs, limits, alerts and the session's hooks.
 * @returns Summary with equity, counts and latency quantiles.
 */
export async function runSession(
  journal: PaperJournal,
  groups:
    | AsyncIterable<{ date: string; bars: Bar[] }>
    | Iterable<{ date: string; bars: Bar[] }>,
  options: SessionOptions,
): Promise<SessionSummary> {
  await journal.ensure();
  const now = options.now ?? (() => performance.now());
  const cp = await journal.readCheckpoint(options.sessionId);
  const st = cp ? restoredState(cp.state, options) : freshState(options);
  const history = createHistory(options.symbols);
  let index = -1, traded = 0;
  for await (const group of groups) {
    index++;
    if (group.date > options.to) break;
    const t0 = now();
    const { clean, issues } = screenBars(group.bars, history);
    for (const bar of clean) appendBar(history, bar);
    if ((cp && group.date <= cp.date) || group.date < options.from) continue;
    const bar = await tradeBar(st, history, group.date, clean, options);
    const latencyMs = now() - t0;
    const j = barJournal(st, bar, issues, latencyMs, index, options);
    await journal.writeBar(j);
    traded++;
    await afterCommit(j, bar.step, index, options);
  }
  return summarise(journal, st, options, traded, cp?.date ?? null);
}

function freshState(o: SessionOptions): SessionState {
  return {
    ...createExecutionState(o.capital),
    monitor: createMonitorState(),
    seq: { events: 0, alerts: 0, orders: 0 },
  };
}

function restoredState(state: unknown, o: SessionOptions): SessionState {
  const s = state as Partial<SessionState>;
  if (!s.guard || !s.broker) {
    throw new RangeError(
      `Session "${o.sessionId}" was checkpointed by an older version without the shared risk guard: start a new session (--new-session NAME)`,
    );
  }
  return s as SessionState;
}

/** Split a date's bars into clean ones and the problems of the rejected ones. */
function screenBars(
  bars: readonly Bar[],
  history: History,
): { clean: Bar[]; issues: string[] } {
  const clean: Bar[] = [], issues: string[] = [];
  for (const bar of bars) {
    const problem = checkBar(bar, history);
    if (problem) issues.push(`${bar.symbol} ${bar.date}: ${problem}`);
    else clean.push(bar);
  }
  return { clean, issues };
}

/** One traded bar: the shared execution step, with the session's kill request and strategy. */
interface TradedBar {
  readonly date: string;
  /** Date of the previous traded bar (for the stale-data alert). */
  readonly previousDate: string | null;
  readonly step: ExecutionStep;
}

async function tradeBar(
  st: SessionState,
  history: History,
  date: string,
  bars: Bar[],
  o: SessionOptions,
): Promise<TradedBar> {
  const previousDate = st.lastDate;
  const manualKill = st.guard.halted ? undefined : await o.pollKill?.();
  const executed = o.router ? await o.router.sync(st.broker, date) : [];
  const step = stepExecution(st, {
    date,
    bars,
    decide: () => o.decide(history),
    manualKill,
  }, executionOptions(o));
  st.seq.orders += step.submitted;
  if (!o.router) return { date, previousDate, step };
  await o.router.route(st.broker, step.touched, date);
  const ids = executed.map((f) => f.clientOrderId);
  return {
    date,
    previousDate,
    step: {
      ...step,
      fills: [...executed, ...step.fills],
      touched: [...new Set([...ids, ...step.touched])],
    },
  };
}

/** Paper trading's execution rules: market orders fill at the next bar's open. */
function executionOptions(o: SessionOptions): ExecutionOptions {
  return {
    orderPrefix: o.sessionId,
    fill: "open",
    broker: o.broker,
    sizing: o.sizing,
    limits: o.limits,
    fills: o.router ? "broker" : "simulated",
  };
}

/** Positions marked at the last close, and gross / net exposure as fractions of equity. */
function bookRows(st: SessionState, equity: number) {
  let gross = 0, net = 0;
  const positions = Object.values(st.broker.positions).map((p) => {
    const mark = st.broker.marks[p.symbol] ?? p.avgPrice;
    gross += Math.abs(p.quantity * mark);
    net += p.quantity * mark;
    return { ...p, mark };
  });
  return { positions, gross: gross / equity, net: net / equity };
}

/** The monitor's alerts for the bar (limit usage: gross exposure and drawdown). */
function barAlerts(
  st: SessionState,
  bar: TradedBar,
  gross: number,
  issues: string[],
  o: SessionOptions,
): Alert[] {
  const { equity, ret, drawdown } = bar.step;
  return evaluateAlerts(
    st.monitor,
    {
      date: bar.date,
      previousDate: bar.previousDate ?? undefined,
      equity,
      ret,
      limitUsage: {
        gross: gross / o.limits.maxGrossExposure,
        drawdown: drawdown / o.limits.maxDrawdown,
      },
      dataIssues: issues,
    },
    o.alertRules,
    o.expectation,
  );
}

/** Everything the bar writes, with event and alert sequence numbers assigned. */
function barJournal(
  st: SessionState,
  bar: TradedBar,
  issues: string[],
  latencyMs: number,
  barIndex: number,
  o: SessionOptions,
): BarJournal {
  const s = bar.step;
  const book = bookRows(st, s.equity);
  const alerts = barAlerts(st, bar, book.gross, issues, o);
  const events = issues.length
    ? [...s.events, { kind: "data_rejected", detail: { issues } }]
    : s.events;
  return {
    sessionId: o.sessionId,
    date: bar.date,
    orders: s.touched.map((id) => st.broker.orders[id]),
    fills: s.fills,
    positions: book.positions,
    equity: {
      cash: st.broker.cash,
      equity: s.equity,
      ret: s.ret,
      gross: book.gross,
      net: book.net,
      drawdown: s.drawdown,
      halted: s.halted,
      latencyMs,
    },
    events: events.map((e) => ({ seq: ++st.seq.events, ...e })),
    alerts: alerts.map((a) => ({ ...a, seq: ++st.seq.alerts })),
    checkpoint: { barIndex, state: st },
  };
}

/** After the commit: acknowledge a manual kill, call the alert sinks, report progress. */
async function afterCommit(
  j: BarJournal,
  step: ExecutionStep,
  index: number,
  o: SessionOptions,
): Promise<void> {
  const manual = j.events.some((e) =>
    e.kind === "kill_switch" && (e.detail as { manual?: boolean }).manual
  );
  if (manual) await o.ackKill?.();
  if (j.alerts.length) {
    await o.onAlerts?.(j.alerts.map(({ seq: _, ...a }) => a));
  }
  await o.onBar?.({
    index,
    date: j.date,
    equity: j.equity.equity,
    decisions: step.decisions,
    halted: j.equity.halted,
  });
}

async function summarise(
  journal: PaperJournal,
  st: SessionState,
  o: SessionOptions,
  newBars: number,
  resumedFrom: string | null,
): Promise<SessionSummary> {
  const counts = await journal.counts(o.sessionId);
  const latencies = await journal.readLatencies(o.sessionId);
  const equity = simEquity(st.broker);
  const g = st.guard;
  return {
    sessionId: o.sessionId,
    bars: counts.bars,
    newBars,
    resumedFrom,
    finalEquity: equity,
    totalReturn: equity / o.capital - 1,
    halted: g.halted,
    halt: g.halted
      ? { date: g.haltedOn, rule: g.haltRule, reason: g.haltReason }
      : null,
    orders: counts.orders,
    fills: counts.fills,
    alerts: counts.alerts,
    latencyMs: {
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.length ? Math.max(...latencies) : NaN,
    },
  };
}
