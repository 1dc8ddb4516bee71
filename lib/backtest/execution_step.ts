/**
 * One bar of execution in shares, the kernel shared by the execution backtest and paper
 * trading (nautilus_trader's rule: backtest and live run the same code).
 *
 * Per bar t (all symbols of one date): fill check and fills of the orders sent after the
 * previous close (at t's open: {@linkcode checkFills}, `processSimBar`) -> mark to market
 * at t's close -> risk guard (lib/risk `updateRiskGuard`: drawdown kill switch, daily-loss
 * flag; a manual kill request) -> on a halt, cancel and (optionally) flatten -> otherwise
 * targets from data up to t -> orders `target - current` ({@linkcode orderDelta}) ->
 * pre-trade checks (lib/risk `checkOrder`: ALLOW / CLIP / DENY) -> submit (and, for fills
 * at the close, fill at t's close).
 *
 * @module
 */
import {
  checkOrder,
  createRiskGuard,
  haltDecision,
  haltRiskGuard,
  type RiskDecision,
  type RiskGuardState,
  type RiskLimits,
  updateRiskGuard,
} from "../risk/mod.ts";
import type { Bar, Fill, OrderRequest } from "./execution_types.ts";
import type { FillTiming } from "./types.ts";
import { checkFills } from "./fill_check.ts";
import { orderDelta, type SizingRule } from "./order_sizing.ts";
import {
  cancelSimOrder,
  createSimBrokerState,
  isOpen,
  processSimBar,
  processSimClose,
  type SimBrokerOptions,
  type SimBrokerState,
  simEquity,
  submitSimOrder,
} from "./sim_broker.ts";

/** What execution carries from bar to bar (plain JSON, checkpointable). */
export interface ExecutionState {
  broker: SimBrokerState;
  guard: RiskGuardState;
  lastEquity: number;
  lastDate: string | null;
}

/** The rules of execution (complete: defaults are resolved by the caller's config). */
export interface ExecutionOptions {
  /** Prefix of client order ids (`<prefix>-<date>-<symbol>`), e.g. the session id. */
  readonly orderPrefix: string;
  /** Market orders fill at the next bar's open (paper) or at the decision bar's close. */
  readonly fill: FillTiming;
  /** Costs and partial fills of the simulated broker. */
  readonly broker: SimBrokerOptions;
  readonly sizing: SizingRule;
  /** Risk limits; omitted = no guard, no checks (a frictionless research backtest). */
  readonly limits?: RiskLimits;
  /**
   * Who fills orders: the simulated broker (`"simulated"`), or a real broker whose
   * executions the caller books before each step with `applyBrokerFill` (`"broker"`:
   * the step then only marks to market, decides and sends). @default "simulated"
   */
  readonly fills?: "simulated" | "broker";
}

/** One bar's input. */
export interface ExecutionBar {
  readonly date: string;
  /** The date's bars (already screened for bad data). */
  readonly bars: readonly Bar[];
  /** Target weights from data up to t's close; only called when orders may be sent. */
  readonly decide: () => Readonly<Record<string, number>>;
  /** A manual kill request handled on this bar. */
  readonly manualKill?: { readonly flatten: boolean; readonly reason: string };
}

/** What one bar did. */
export interface ExecutionStep {
  readonly fills: Fill[];
  /** Ids of orders created or changed on this bar, in the order it happened. */
  readonly touched: string[];
  /** Journal events: `risk_clip` / `risk_deny`, `kill_switch`, `flatten`. */
  readonly events: { kind: string; detail: unknown }[];
  /** Every risk decision of the bar (ALLOW included). */
  readonly decisions: RiskDecision[];
  /** Equity marked at t's close (before any fill at that close). */
  readonly equity: number;
  /** `equity / previous equity - 1`. */
  readonly ret: number;
  /** `1 - equity / peak` (positive fraction). */
  readonly drawdown: number;
  readonly halted: boolean;
  /** Orders submitted on this bar. */
  readonly submitted: number;
}

/**
 * A fresh execution state holding `capital` in cash.
 *
 * @param capital Starting equity (> 0).
 * @returns The state.
 */
export function createExecutionState(capital: number): ExecutionState {
  return {
    broker: createSimBrokerState(capital),
    guard: createRiskGuard(capital),
    lastEquity: capital,
    lastDate: null,
  };
}

/**
 * Run one bar (mutates `state`; every step is a pure function of the state, the bar and
 * the options, so a resumed run ends exactly where an uninterrupted one does).
 *
 * @param state Execution state (mutated).
 * @param bar The date's bars, the decision function, a manual kill request.
 * @param options Fill timing, costs, sizing, limits.
 * @returns Fills, touched orders, events, decisions and the marks of the bar.
 */
export function stepExecution(
  state: ExecutionState,
  bar: ExecutionBar,
  options: ExecutionOptions,
): ExecutionStep {
  const step = fillPending(state, bar, options);
  const equity = simEquity(state.broker);
  const ret = equity / state.lastEquity - 1;
  const trigger = guardStep(state, bar, equity, options, step.decisions);
  const drawdown = 1 - equity / state.guard.peakEquity;
  let submitted = 0;
  if (trigger) {
    step.events.push({
      kind: "kill_switch",
      detail: { ...trigger, equity, drawdown },
    });
    haltOrders(state, bar.date, trigger.flatten, options, step);
  } else if (!state.guard.halted && bar.bars.length > 0) {
    submitted = sendOrders(state, bar, equity, options, step);
  }
  if (options.fill === "close") {
    for (const b of bar.bars) {
      for (const f of processSimClose(state.broker, b, options.broker)) {
        step.fills.push(f);
        touch(step.touched, f.clientOrderId);
      }
    }
  }
  state.lastEquity = equity;
  state.lastDate = bar.date;
  return {
    ...step,
    equity,
    ret,
    drawdown,
    halted: state.guard.halted,
    submitted,
  };
}

type StepLog = Pick<
  ExecutionStep,
  "fills" | "touched" | "events" | "decisions"
>;

function touch(ids: string[], id: string): void {
  if (!ids.includes(id)) ids.push(id);
}

/** Fill check and fills at the open of every bar; day orders that could not trade expire. */
function fillPending(
  state: ExecutionState,
  bar: ExecutionBar,
  options: ExecutionOptions,
): StepLog {
  const step: StepLog = { fills: [], touched: [], events: [], decisions: [] };
  if (options.fills === "broker") {
    for (const b of bar.bars) state.broker.marks[b.symbol] = b.close;
    return step;
  }
  for (const b of bar.bars) {
    if (options.limits) {
      const c = checkFills(
        state.broker,
        b,
        options.limits,
        state.guard.halted,
        options.broker,
      );
      step.decisions.push(...c.decisions);
      step.events.push(...c.events);
      for (const id of c.changed) touch(step.touched, id);
    }
    for (const f of processSimBar(state.broker, b, options.broker)) {
      step.fills.push(f);
      touch(step.touched, f.clientOrderId);
    }
  }
  // Day orders that could not trade expire inside processSimBar; journal them too.
  for (const id of state.broker.orderSequence) {
    const ord = state.broker.orders[id];
    if (ord.status === "EXPIRED" && ord.submittedAt === state.lastDate) {
      touch(step.touched, id);
    }
  }
  return step;
}

/** Why the kill switch tripped on this bar, and whether to flatten. */
interface Trigger {
  /** The guard's rule: "max-drawdown" or "manual". */
  readonly rule: string;
  readonly reason: string;
  readonly flatten: boolean;
  readonly manual: boolean;
}

/** Update the guard with the bar's mark (a manual request first); the trigger if it tripped. */
function guardStep(
  state: ExecutionState,
  bar: ExecutionBar,
  equity: number,
  options: ExecutionOptions,
  decisions: RiskDecision[],
): Trigger | undefined {
  const prior = state.guard;
  const manual = prior.halted ? undefined : bar.manualKill;
  let g = manual ? haltRiskGuard(prior, bar.date, manual.reason) : prior;
  g = options.limits
    ? updateRiskGuard(g, { date: bar.date, equity }, options.limits)
    : { ...g, peakEquity: Math.max(g.peakEquity, equity) };
  state.guard = g;
  const halt = haltDecision(prior, g, bar.date);
  if (!halt) return undefined;
  decisions.push(halt);
  return {
    rule: halt.rule,
    reason: halt.reason,
    flatten: manual ? manual.flatten : options.limits?.flattenOnKill ?? false,
    manual: manual !== undefined,
  };
}

/** Cancel every open order; with `flatten`, send market orders closing every position. */
function haltOrders(
  state: ExecutionState,
  date: string,
  flatten: boolean,
  options: ExecutionOptions,
  step: StepLog,
): void {
  const b = state.broker;
  for (const id of b.orderSequence) {
    if (isOpen(b.orders[id])) {
      cancelSimOrder(b, id, "kill switch");
      touch(step.touched, id);
    }
  }
  if (!flatten) return;
  for (const p of Object.values(b.positions)) {
    const ord = submitSimOrder(b, {
      clientOrderId: `${options.orderPrefix}-${date}-${p.symbol}-flatten`,
      symbol: p.symbol,
      side: p.quantity > 0 ? "SELL" : "BUY",
      quantity: Math.abs(p.quantity),
      type: "MARKET",
      tif: "GTC",
    }, date);
    touch(step.touched, ord.clientOrderId);
  }
  step.events.push({
    kind: "flatten",
    detail: { positions: Object.keys(b.positions) },
  });
}

/** Orders toward the targets, each through the pre-trade check; returns how many were sent. */
function sendOrders(
  state: ExecutionState,
  bar: ExecutionBar,
  equity: number,
  options: ExecutionOptions,
  step: StepLog,
): number {
  const b = state.broker;
  const targets = bar.decide();
  const positions: Record<string, number> = {};
  for (const p of Object.values(b.positions)) positions[p.symbol] = p.quantity;
  let sent = 0;
  for (const x of bar.bars) {
    const target = targets[x.symbol];
    if (target === undefined || !Number.isFinite(target)) continue;
    const held = positions[x.symbol] ?? 0;
    const delta = orderDelta(
      target,
      x.close,
      equity,
      held,
      pendingShares(b, x.symbol),
      options.sizing,
    );
    if (delta === 0) continue;
    const req: OrderRequest = {
      clientOrderId: `${options.orderPrefix}-${bar.date}-${x.symbol}`,
      symbol: x.symbol,
      side: delta > 0 ? "BUY" : "SELL",
      quantity: Math.abs(delta),
      type: "MARKET",
      tif: "DAY",
    };
    const quantity = preTrade(state, req, x, equity, positions, options, step);
    if (!(quantity > 0)) continue;
    const ord = submitSimOrder(b, { ...req, quantity }, bar.date);
    touch(step.touched, ord.clientOrderId);
    sent++;
  }
  return sent;
}

/** Signed shares of a symbol's open orders still to fill. */
function pendingShares(b: SimBrokerState, symbol: string): number {
  let pending = 0;
  for (const id of b.orderSequence) {
    const ord = b.orders[id];
    if (isOpen(ord) && ord.symbol === symbol) {
      pending += (ord.side === "BUY" ? 1 : -1) *
        (ord.quantity - ord.filledQuantity);
    }
  }
  return pending;
}

/** lib/risk's `checkOrder` at the bar's close; journals CLIP / DENY; the quantity allowed. */
function preTrade(
  state: ExecutionState,
  req: OrderRequest,
  bar: Bar,
  equity: number,
  positions: Readonly<Record<string, number>>,
  options: ExecutionOptions,
  step: StepLog,
): number {
  if (!options.limits) return req.quantity;
  const sign = req.side === "BUY" ? 1 : -1;
  const r = checkOrder(
    { symbol: req.symbol, quantity: sign * req.quantity, price: bar.close },
    {
      equity,
      positions,
      prices: state.broker.marks,
      halted: state.guard.halted,
      dailyLossHit: state.guard.dailyLossHit,
    },
    options.limits,
  );
  const decision = {
    action: r.action,
    quantity: Math.abs(r.quantity),
    reason: r.reason,
    rule: r.rule,
  };
  step.decisions.push({
    date: bar.date,
    symbol: req.symbol,
    stage: "order",
    action: r.action,
    rule: r.rule,
    reason: r.reason,
  });
  if (decision.action !== "ALLOW") {
    step.events.push({
      kind: `risk_${decision.action.toLowerCase()}`,
      detail: { order: req, ...decision },
    });
  }
  return decision.action === "DENY" ? 0 : decision.quantity;
}
