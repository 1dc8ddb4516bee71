/**
 * A paper-trading session: bars in, journal out, one DuckDB transaction per bar.
 *
 * Per bar t (all symbols of one date): data check -> fills of orders sent after the
 * previous close (at t's open, or within t's range) -> mark to market at t's close -> risk
 * guard (drawdown / daily-loss kill switch, manual kill request) -> strategy targets from
 * data up to t -> orders `target - current` -> pre-trade checks (ALLOW / CLIP / DENY) ->
 * submit -> alerts -> journal + checkpoint, committed together.
 *
 * Durability: the checkpoint (broker, guard and monitor state, sequence counters) is
 * written in the same transaction as the bar's journal rows. A session killed at any
 * instant restarts from its last committed bar and, because every step is a pure function
 * of config, data and that state, ends in exactly the state of an uninterrupted run.
 * External alert sinks (console, file, webhook) are called after the commit: at most once.
 *
 * @module
 */
import type { DbEngine } from "../data/engine.ts";
import {
  type BarJournal,
  ensureJournal,
  readCheckpoint,
  writeBar,
} from "./journal.ts";
import {
  type Alert,
  type AlertRules,
  createMonitorState,
  evaluateAlerts,
  type Expectation,
  type MonitorState,
} from "./monitor.ts";
import {
  cancelSimOrder,
  createSimBrokerState,
  isOpen,
  processSimBar,
  type SimBrokerOptions,
  type SimBrokerState,
  simEquity,
  submitSimOrder,
} from "./sim_broker.ts";
import type { Bar, Fill, Order, OrderRequest } from "./types.ts";
import { checkBar } from "./bar_check.ts";
import { appendBar, createHistory, type History } from "./history.ts";

/** A pre-trade decision, as every risk check in the project answers. */
export interface PreTradeDecision {
  readonly action: "ALLOW" | "CLIP" | "DENY";
  /** Quantity allowed (the clipped quantity for CLIP, 0 for DENY). */
  readonly quantity: number;
  readonly reason: string;
  readonly rule?: string;
}

/** What a pre-trade check sees. */
export interface PreTradeContext {
  readonly equity: number;
  readonly price: number;
  /** Signed current position in shares per symbol. */
  readonly positions: Readonly<Record<string, number>>;
  /** Last close per symbol. */
  readonly marks: Readonly<Record<string, number>>;
}

/** Session limits (positive fractions of equity; null disables). */
export interface SessionLimits {
  readonly maxDrawdown: number | null;
  readonly dailyLossLimit: number | null;
  readonly maxGrossExposure: number | null;
  readonly flattenOnKill: boolean;
}

/** Everything a session needs; the CLI wires real implementations. */
export interface SessionOptions {
  readonly sessionId: string;
  readonly symbols: readonly string[];
  readonly capital: number;
  /** Dates (inclusive) in which the session trades; earlier bars only feed history. */
  readonly from: string;
  readonly to: string;
  readonly broker: SimBrokerOptions;
  readonly sizing: {
    fraction: number;
    fractionalShares: boolean;
    minTradeFraction: number;
  };
  readonly limits: SessionLimits;
  readonly alertRules: AlertRules;
  readonly expectation?: Expectation;
  /** Target position per symbol (units of `sizing.fraction` of equity) from data up to t. */
  readonly decide: (history: History) => Readonly<Record<string, number>>;
  /** Pre-trade risk check of one order. @default allow everything */
  readonly checkOrder?: (
    order: OrderRequest,
    ctx: PreTradeContext,
  ) => PreTradeDecision;
  /** Returns a pending manual kill request, if any (checked once per bar). */
  readonly pollKill?: () => Promise<
    { flatten: boolean; reason: string } | undefined
  >;
  /** Called after a bar's kill request was committed, to acknowledge it. */
  readonly ackKill?: () => Promise<void>;
  /** External alert sinks, called after each commit. */
  readonly onAlerts?: (alerts: readonly Alert[]) => Promise<void>;
  /** Progress after each committed bar. */
  readonly onBar?: (
    info: { index: number; date: string; equity: number },
  ) => void;
  /** Monotonic clock in ms for latency. @default performance.now */
  readonly now?: () => number;
}

/** State carried in the checkpoint. */
interface SessionState {
  broker: SimBrokerState;
  monitor: MonitorState;
  peak: number;
  lastEquity: number;
  halted: boolean;
  lastDate: string | null;
  seq: { events: number; alerts: number; orders: number };
}

/** What a finished (or stopped) session returns. */
export interface SessionSummary {
  readonly sessionId: string;
  readonly bars: number;
  readonly resumedFrom: string | null;
  readonly finalEquity: number;
  readonly totalReturn: number;
  readonly halted: boolean;
  readonly orders: number;
  readonly fills: number;
  readonly alerts: number;
  /** Decision latency (bar in -> orders out) per traded bar, in ms. */
  readonly latencyMs: { p50: number; p99: number; max: number };
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/**
 * Run (or resume) a session over `groups` (bars grouped by date, ascending).
 *
 * @param db The journal database (tables are created if missing).
 * @param groups Every date's bars from the start of history; bars before `from` are warm-up.
 * @returns Summary with equity, counts and latency quantiles.
 */
export async function runSession(
  db: DbEngine,
  groups:
    | AsyncIterable<{ date: string; bars: Bar[] }>
    | Iterable<{ date: string; bars: Bar[] }>,
  options: SessionOptions,
): Promise<SessionSummary> {
  await ensureJournal(db);
  const now = options.now ?? (() => performance.now());
  const cp = await readCheckpoint(db, options.sessionId);
  const st: SessionState = cp ? (cp.state as SessionState) : {
    broker: createSimBrokerState(options.capital),
    monitor: createMonitorState(),
    peak: options.capital,
    lastEquity: options.capital,
    halted: false,
    lastDate: null,
    seq: { events: 0, alerts: 0, orders: 0 },
  };
  const history = createHistory(options.symbols);
  const latencies: number[] = [];
  let index = -1, traded = 0;
  for await (const group of groups) {
    index++;
    if (group.date > options.to) break;
    const t0 = now();
    const issues: string[] = [];
    const clean: Bar[] = [];
    for (const bar of group.bars) {
      const problem = checkBar(bar, history);
      if (problem) issues.push(`${bar.symbol} ${bar.date}: ${problem}`);
      else clean.push(bar);
    }
    const warmup = group.date < options.from;
    if (cp && index <= cp.barIndex) {
      for (const bar of clean) appendBar(history, bar);
      continue;
    }
    if (warmup) {
      for (const bar of clean) appendBar(history, bar);
      continue;
    }
    const journal = await stepBar(
      st,
      history,
      group.date,
      clean,
      issues,
      options,
      now,
      t0,
    );
    latencies.push(journal.equity.latencyMs);
    await db.transaction((tx) =>
      writeBar(
        tx,
        { ...journal, checkpoint: { barIndex: index, state: st } },
        st.seq,
      )
    );
    traded++;
    if (
      journal.events.some((e) =>
        e.kind === "kill_switch" && (e.detail as { manual?: boolean }).manual
      )
    ) {
      await options.ackKill?.();
    }
    if (journal.alerts.length) await options.onAlerts?.(journal.alerts);
    options.onBar?.({ index, date: group.date, equity: journal.equity.equity });
  }
  const counts = await db.query<{ o: number; f: number; a: number }>(
    `SELECT (SELECT count(*) FROM orders WHERE session_id = $s) AS o,
            (SELECT count(*) FROM fills WHERE session_id = $s) AS f,
            (SELECT count(*) FROM alerts WHERE session_id = $s) AS a`,
    { s: options.sessionId },
  );
  const equity = simEquity(st.broker);
  return {
    sessionId: options.sessionId,
    bars: traded,
    resumedFrom: cp?.date ?? null,
    finalEquity: equity,
    totalReturn: equity / options.capital - 1,
    halted: st.halted,
    orders: Number(counts[0].o),
    fills: Number(counts[0].f),
    alerts: Number(counts[0].a),
    latencyMs: {
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.length ? Math.max(...latencies) : NaN,
    },
  };
}

async function stepBar(
  st: SessionState,
  history: History,
  date: string,
  bars: Bar[],
  issues: string[],
  o: SessionOptions,
  now: () => number,
  t0: number,
): Promise<Omit<BarJournal, "checkpoint">> {
  const touched = new Set<string>();
  const events: { kind: string; detail: unknown }[] = [];
  const fills: Fill[] = [];
  for (const bar of bars) {
    for (const f of processSimBar(st.broker, bar, o.broker)) {
      fills.push(f);
      touched.add(f.clientOrderId);
    }
    appendBar(history, bar);
  }
  // Day orders that could not trade expire inside processSimBar; journal them too.
  for (const id of st.broker.orderSequence) {
    const ord = st.broker.orders[id];
    if (
      ord.status === "EXPIRED" && !touched.has(id) &&
      ord.submittedAt === st.lastDate
    ) touched.add(id);
  }
  const equity = simEquity(st.broker);
  const ret = equity / st.lastEquity - 1;
  st.peak = Math.max(st.peak, equity);
  const drawdown = 1 - equity / st.peak;
  const L = o.limits;

  const kill = st.halted ? undefined : await o.pollKill?.();
  let trigger:
    | { reason: string; flatten: boolean; manual: boolean }
    | undefined;
  if (!st.halted) {
    if (kill) {
      trigger = { reason: kill.reason, flatten: kill.flatten, manual: true };
    } else if (L.maxDrawdown !== null && drawdown >= L.maxDrawdown) {
      trigger = {
        reason: `drawdown ${(drawdown * 100).toFixed(2)}% reached the ${
          (L.maxDrawdown * 100).toFixed(2)
        }% limit`,
        flatten: L.flattenOnKill,
        manual: false,
      };
    } else if (L.dailyLossLimit !== null && -ret >= L.dailyLossLimit) {
      trigger = {
        reason: `daily loss ${(-ret * 100).toFixed(2)}% reached the ${
          (L.dailyLossLimit * 100).toFixed(2)
        }% limit`,
        flatten: L.flattenOnKill,
        manual: false,
      };
    }
  }
  const submit = (req: OrderRequest) => {
    const ord = submitSimOrder(st.broker, req, date);
    touched.add(ord.clientOrderId);
    return ord;
  };
  if (trigger) {
    st.halted = true;
    events.push({
      kind: "kill_switch",
      detail: { ...trigger, equity, drawdown },
    });
    for (const id of st.broker.orderSequence) {
      if (isOpen(st.broker.orders[id])) {
        cancelSimOrder(st.broker, id, "kill switch");
        touched.add(id);
      }
    }
    if (trigger.flatten) {
      for (const p of Object.values(st.broker.positions)) {
        submit({
          clientOrderId: `${o.sessionId}-${date}-${p.symbol}-flatten`,
          symbol: p.symbol,
          side: p.quantity > 0 ? "SELL" : "BUY",
          quantity: Math.abs(p.quantity),
          type: "MARKET",
          tif: "GTC",
        });
      }
      events.push({
        kind: "flatten",
        detail: { positions: Object.keys(st.broker.positions) },
      });
    }
  } else if (!st.halted && bars.length > 0) {
    const targets = o.decide(history);
    const positions: Record<string, number> = {};
    for (const p of Object.values(st.broker.positions)) {
      positions[p.symbol] = p.quantity;
    }
    for (const bar of bars) {
      const target = targets[bar.symbol];
      if (target === undefined || !Number.isFinite(target)) continue;
      let targetQty = (target * o.sizing.fraction * equity) / bar.close;
      if (!o.sizing.fractionalShares) targetQty = Math.trunc(targetQty);
      let pending = 0;
      for (const id of st.broker.orderSequence) {
        const ord = st.broker.orders[id];
        if (isOpen(ord) && ord.symbol === bar.symbol) {
          pending += (ord.side === "BUY" ? 1 : -1) *
            (ord.quantity - ord.filledQuantity);
        }
      }
      const delta = targetQty - (positions[bar.symbol] ?? 0) - pending;
      if (
        Math.abs(delta * bar.close) < o.sizing.minTradeFraction * equity ||
        delta === 0
      ) continue;
      const req: OrderRequest = {
        clientOrderId: `${o.sessionId}-${date}-${bar.symbol}`,
        symbol: bar.symbol,
        side: delta > 0 ? "BUY" : "SELL",
        quantity: Math.abs(delta),
        type: "MARKET",
        tif: "DAY",
      };
      const decision = o.checkOrder?.(req, {
        equity,
        price: bar.close,
        positions,
        marks: st.broker.marks,
      }) ??
        {
          action: "ALLOW",
          quantity: req.quantity,
          reason: "no pre-trade check configured",
        };
      if (decision.action !== "ALLOW") {
        events.push({
          kind: `risk_${decision.action.toLowerCase()}`,
          detail: { order: req, ...decision },
        });
      }
      if (decision.action === "DENY" || !(decision.quantity > 0)) continue;
      submit({ ...req, quantity: decision.quantity });
      st.seq.orders++;
    }
  }
  const latencyMs = now() - t0;

  let gross = 0, net = 0;
  const positionRows = Object.values(st.broker.positions).map((p) => {
    const mark = st.broker.marks[p.symbol] ?? p.avgPrice;
    gross += Math.abs(p.quantity * mark);
    net += p.quantity * mark;
    return { ...p, mark };
  });
  gross /= equity;
  net /= equity;
  const usage: Record<string, number> = {};
  if (L.maxGrossExposure !== null) usage.gross = gross / L.maxGrossExposure;
  if (L.maxDrawdown !== null) usage.drawdown = drawdown / L.maxDrawdown;
  const alerts = evaluateAlerts(
    st.monitor,
    {
      date,
      previousDate: st.lastDate ?? undefined,
      equity,
      ret,
      limitUsage: usage,
      dataIssues: issues,
    },
    o.alertRules,
    o.expectation,
  );
  if (issues.length) events.push({ kind: "data_rejected", detail: { issues } });
  st.lastEquity = equity;
  st.lastDate = date;
  const orders: Order[] = [...touched].map((id) => st.broker.orders[id]);
  return {
    sessionId: o.sessionId,
    date,
    orders,
    fills,
    positions: positionRows,
    equity: {
      cash: st.broker.cash,
      equity,
      ret,
      gross,
      net,
      drawdown,
      halted: st.halted,
      latencyMs,
    },
    events,
    alerts,
  };
}
