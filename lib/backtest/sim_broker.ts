/**
 * The simulated broker: a deterministic state machine over bars, used by the execution
 * backtest and by paper trading (so both fill the same way).
 *
 * - Market orders fill at the next bar's open, moved against the trader by `slippageBps`
 *   (or, for a backtest that fills at the close, at the decision bar's close:
 *   {@linkcode processSimClose}).
 * - Limit orders fill within the bar when its range reaches the limit: at the open when
 *   the open is already better, else at the limit. Stop orders trigger when the range
 *   reaches the stop and fill at the worse of open and stop, plus slippage.
 * - `partialFillRatio` < 1 fills at most that fraction of the remaining quantity per bar.
 * - Commission: `commissionPerShare * |qty|`, at least `commissionMin` per fill, plus
 *   `commissionBps` of the traded notional. Prices and commissions come from
 *   cost_model.ts, the project's one cost convention.
 * - DAY orders expire after the first bar they could trade in; GTC orders persist.
 * - Submitting a `clientOrderId` that the broker already knows returns the known order
 *   (idempotent resubmission after a crash) and changes nothing.
 *
 * The whole state is plain JSON, so a checkpoint is `JSON.stringify(state)`.
 *
 * @module
 */
import type {
  Bar,
  Fill,
  Order,
  OrderRequest,
  Position,
} from "./execution_types.ts";
import { type CostModel, fillCommission, fillPrice } from "./cost_model.ts";

/** Execution assumptions of the simulated broker: the cost model plus partial fills. */
export interface SimBrokerOptions extends CostModel {
  /** Fraction of the remaining quantity that can fill per bar, in (0, 1]. @default 1 */
  readonly partialFillRatio?: number;
}

/** The complete broker state (plain JSON). */
export interface SimBrokerState {
  cash: number;
  positions: Record<string, Position>;
  orders: Record<string, Order>;
  /** Client order ids in submission order (deterministic processing order). */
  orderSequence: string[];
  fillCount: number;
  /** Last close per symbol, for marking to market. */
  marks: Record<string, number>;
}

/** A fresh account holding `cash`. */
export function createSimBrokerState(cash: number): SimBrokerState {
  if (!(cash > 0)) {
    throw new RangeError(`Starting cash must be positive, got ${cash}`);
  }
  return {
    cash,
    positions: {},
    orders: {},
    orderSequence: [],
    fillCount: 0,
    marks: {},
  };
}

/**
 * Submit an order (idempotent by `clientOrderId`).
 *
 * @returns The order as the broker holds it (the existing one on a resubmit).
 */
export function submitSimOrder(
  state: SimBrokerState,
  request: OrderRequest,
  date: string,
): Order {
  const known = state.orders[request.clientOrderId];
  if (known) return known;
  let reason: string | undefined;
  if (!(request.quantity > 0) || !Number.isFinite(request.quantity)) {
    reason = "quantity must be positive";
  } else if (request.type === "LIMIT" && !(request.limitPrice! > 0)) {
    reason = "limit order without a positive limitPrice";
  } else if (request.type === "STOP" && !(request.stopPrice! > 0)) {
    reason = "stop order without a positive stopPrice";
  }
  const order: Order = {
    ...request,
    status: reason ? "REJECTED" : "NEW",
    filledQuantity: 0,
    avgFillPrice: NaN,
    submittedAt: date,
    ...(reason ? { reason } : {}),
  };
  state.orders[request.clientOrderId] = order;
  state.orderSequence.push(request.clientOrderId);
  return order;
}

/** Cancel an open order; returns the order (unchanged when already final). */
export function cancelSimOrder(
  state: SimBrokerState,
  clientOrderId: string,
  reason = "cancelled",
): Order | undefined {
  const o = state.orders[clientOrderId];
  if (!o || !isOpen(o)) return o;
  const next: Order = { ...o, status: "CANCELLED", reason };
  state.orders[clientOrderId] = next;
  return next;
}

/** True while an order can still fill. */
export function isOpen(o: Order): boolean {
  return o.status === "NEW" || o.status === "PARTIALLY_FILLED";
}

/**
 * Execute open orders of `bar.symbol` against the bar, then mark the symbol at its close.
 * Orders submitted on the bar's own date are not eligible (they were sent after its close).
 *
 * @returns The fills produced, in order-submission order.
 */
export function processSimBar(
  state: SimBrokerState,
  bar: Bar,
  options: SimBrokerOptions = {},
): Fill[] {
  return fillEligible(
    state,
    bar,
    options,
    (o) => (o.submittedAt >= bar.date ? null : referencePrice(o, bar)),
  );
}

/**
 * Fill the market orders of `bar.symbol` submitted on the bar's own date at its close
 * (market-on-close, for backtests that fill at the close of t), with the same slippage
 * and commission as any fill.
 *
 * @returns The fills produced, in order-submission order.
 */
export function processSimClose(
  state: SimBrokerState,
  bar: Bar,
  options: SimBrokerOptions = {},
): Fill[] {
  return fillEligible(
    state,
    bar,
    options,
    (
      o,
    ) => (o.submittedAt === bar.date && o.type === "MARKET" ? bar.close : null),
  );
}

/**
 * Fill the open orders of `bar.symbol` in submission order at `ref(order)` (null: not
 * eligible in this bar; NaN: not marketable, a DAY order expires), then mark the symbol
 * at the bar's close.
 */
function fillEligible(
  state: SimBrokerState,
  bar: Bar,
  options: SimBrokerOptions,
  ref: (o: Order) => number | null,
): Fill[] {
  const fills: Fill[] = [];
  for (const id of state.orderSequence) {
    const o = state.orders[id];
    if (!isOpen(o) || o.symbol !== bar.symbol) continue;
    const price = ref(o);
    if (price === null) continue;
    if (Number.isNaN(price)) {
      if (o.tif === "DAY") {
        state.orders[id] = {
          ...o,
          status: "EXPIRED",
          reason: "day order not marketable",
        };
      }
      continue;
    }
    fills.push(fillOrder(state, id, price, bar.date, options));
  }
  state.marks[bar.symbol] = bar.close;
  return fills;
}

/** Where an order would fill in this bar before slippage, NaN when it cannot. */
function referencePrice(o: Order, bar: Bar): number {
  const buy = o.side === "BUY";
  if (o.type === "MARKET") return bar.open;
  if (o.type === "LIMIT") {
    const lim = o.limitPrice!;
    if (buy && bar.low <= lim) return Math.min(bar.open, lim);
    if (!buy && bar.high >= lim) return Math.max(bar.open, lim);
    return NaN;
  }
  const stop = o.stopPrice!;
  if (buy && bar.high >= stop) return Math.max(bar.open, stop);
  if (!buy && bar.low <= stop) return Math.min(bar.open, stop);
  return NaN;
}

/** Fill (part of) order `id` at reference price `ref`: price, commission, book, order. */
function fillOrder(
  state: SimBrokerState,
  id: string,
  ref: number,
  ts: string,
  options: SimBrokerOptions,
): Fill {
  const o = state.orders[id];
  const ratio = options.partialFillRatio ?? 1;
  // Limit fills get no slippage beyond the limit; market and stop fills do.
  const price = o.type === "LIMIT"
    ? ref
    : fillPrice(ref, o.side === "BUY", options);
  const remaining = o.quantity - o.filledQuantity;
  const qty = ratio >= 1
    ? remaining
    : Math.min(remaining, roundQty(o.quantity * ratio));
  return recordFill(state, id, {
    quantity: qty,
    price,
    commission: fillCommission(qty, price, options),
    slippage: Math.abs(price - ref) * qty,
    ts,
  });
}

/** Book a fill of order `id`: cash, position, and the order's filled quantity and status. */
function recordFill(
  state: SimBrokerState,
  id: string,
  f: Pick<Fill, "quantity" | "price" | "commission" | "slippage" | "ts">,
): Fill {
  const o = state.orders[id];
  const fill: Fill = {
    fillId: `${id}#${++state.fillCount}`,
    clientOrderId: id,
    symbol: o.symbol,
    ts: f.ts,
    side: o.side,
    quantity: f.quantity,
    price: f.price,
    commission: f.commission,
    slippage: f.slippage,
  };
  applyFill(state, fill);
  const filled = o.filledQuantity + f.quantity;
  const avg = o.filledQuantity > 0
    ? (o.avgFillPrice * o.filledQuantity + f.price * f.quantity) / filled
    : f.price;
  const done = filled >= o.quantity - 1e-9;
  state.orders[id] = {
    ...o,
    filledQuantity: filled,
    avgFillPrice: avg,
    status: done ? "FILLED" : o.tif === "DAY" ? "EXPIRED" : "PARTIALLY_FILLED",
    ...(done || o.tif !== "DAY"
      ? {}
      : { reason: "day order partially filled, rest expired" }),
  };
  return fill;
}

/**
 * Book a fill a real broker reported for an order of this book (an IBKR execution):
 * cash and position move as for a simulated fill, the order's filled quantity, average
 * price and status follow. The commission is the caller's (the broker's, or the cost
 * model's estimate); there is no reference price, so slippage is recorded as 0.
 *
 * @param state The book (mutated).
 * @param clientOrderId The order.
 * @param fill Quantity (> 0, at most what is still open), price, commission, time.
 * @returns The fill as journaled.
 * @throws RangeError for an unknown or closed order or a bad quantity.
 */
export function applyBrokerFill(
  state: SimBrokerState,
  clientOrderId: string,
  fill: { quantity: number; price: number; commission: number; ts: string },
): Fill {
  const o = state.orders[clientOrderId];
  if (!o || !(o.status === "NEW" || o.status === "PARTIALLY_FILLED")) {
    throw new RangeError(`No open order ${clientOrderId} to fill`);
  }
  const open = o.quantity - o.filledQuantity;
  if (!(fill.quantity > 0 && fill.quantity <= open + 1e-9)) {
    throw new RangeError(
      `Fill of ${fill.quantity} for order ${clientOrderId}: expected more than 0 and at most the ${open} still open`,
    );
  }
  // a partial broker fill keeps the order open until the broker says otherwise
  const fillRec = recordFill(state, clientOrderId, { ...fill, slippage: 0 });
  const after = state.orders[clientOrderId];
  if (after.status === "EXPIRED") {
    const { reason: _, ...rest } = after;
    state.orders[clientOrderId] = { ...rest, status: "PARTIALLY_FILLED" };
  }
  return fillRec;
}

function roundQty(q: number): number {
  return Math.max(1e-6, Math.round(q * 1e6) / 1e6);
}

function applyFill(state: SimBrokerState, f: Fill): void {
  const sign = f.side === "BUY" ? 1 : -1;
  const p = state.positions[f.symbol] ??
    { symbol: f.symbol, quantity: 0, avgPrice: 0 };
  const q = p.quantity + sign * f.quantity;
  let avg = p.avgPrice;
  if (p.quantity === 0 || Math.sign(p.quantity) === sign) {
    avg = (p.avgPrice * Math.abs(p.quantity) + f.price * f.quantity) /
      Math.abs(q);
  } else if (Math.sign(q) !== Math.sign(p.quantity) && q !== 0) avg = f.price;
  state.cash -= sign * f.quantity * f.price + f.commission;
  if (Math.abs(q) < 1e-9) delete state.positions[f.symbol];
  else {state.positions[f.symbol] = {
      symbol: f.symbol,
      quantity: q,
      avgPrice: avg,
    };}
}

/** Account equity: cash plus positions marked at the last close seen. */
export function simEquity(state: SimBrokerState): number {
  let e = state.cash;
  for (const p of Object.values(state.positions)) {
    e += p.quantity * (state.marks[p.symbol] ?? p.avgPrice);
  }
  return e;
}
