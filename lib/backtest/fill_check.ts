/**
 * The risk check repeated at the fill: before a market order fills at the open, it is
 * checked again at its actual fill price (slippage included) against the equity net of
 * its commission, and clipped or cancelled when the fill would take the book past a
 * limit. Orders are sized at the decision bar's close, so a gap at the open, slippage,
 * commission and share rounding could otherwise breach a limit the sizing respects.
 *
 * @module
 */
import { checkOrder, type RiskDecision, type RiskLimits } from "../risk/mod.ts";
import { fillCommission, fillPrice } from "./cost_model.ts";
import type { Bar, Order } from "./execution_types.ts";
import {
  isOpen,
  type SimBrokerOptions,
  type SimBrokerState,
} from "./sim_broker.ts";

/** What the fill check did to the orders of one bar. */
export interface FillCheck {
  readonly decisions: RiskDecision[];
  /** Journal events for clipped or cancelled orders (`risk_clip`, `risk_deny`). */
  readonly events: { kind: string; detail: unknown }[];
  /** Ids of orders that were amended or cancelled. */
  readonly changed: string[];
}

/**
 * Check every open market order of `bar.symbol` that fills in this bar. Each is checked
 * with lib/risk's `checkOrder` at `fillPrice(bar.open)` against equity marked at that price
 * net of the order's commission (the kill switch flag from the guard; a new day, so no
 * daily-loss flag). CLIP amends the order to the allowed quantity, DENY cancels it;
 * orders that only reduce a position always pass. After the fill, exposure at the fill
 * price is within every limit (to the 1e-9 tolerance of the risk checks).
 *
 * @param state Broker state (orders amended in place).
 * @param bar The bar about to be processed.
 * @param limits Validated limits.
 * @param halted Kill switch state.
 * @param costs The broker's cost model.
 * @returns Decisions, events and the ids of changed orders.
 */
export function checkFills(
  state: SimBrokerState,
  bar: Bar,
  limits: RiskLimits,
  halted: boolean,
  costs: SimBrokerOptions,
): FillCheck {
  const out: FillCheck = { decisions: [], events: [], changed: [] };
  for (const id of state.orderSequence) {
    const o = state.orders[id];
    if (
      !isOpen(o) || o.symbol !== bar.symbol || o.submittedAt >= bar.date ||
      o.type !== "MARKET"
    ) continue;
    checkOneFill(state, o, bar, limits, halted, costs, out);
  }
  return out;
}

/** Positions, and equity with the symbol marked at its fill price, net of the commission. */
function bookAtFill(
  state: SimBrokerState,
  symbol: string,
  price: number,
  commission: number,
): { equity: number; positions: Record<string, number> } {
  const positions: Record<string, number> = {};
  let equity = state.cash - commission;
  for (const p of Object.values(state.positions)) {
    positions[p.symbol] = p.quantity;
    const mark = p.symbol === symbol
      ? price
      : state.marks[p.symbol] ?? p.avgPrice;
    equity += p.quantity * mark;
  }
  return { equity, positions };
}

function checkOneFill(
  state: SimBrokerState,
  o: Order,
  bar: Bar,
  limits: RiskLimits,
  halted: boolean,
  costs: SimBrokerOptions,
  out: FillCheck,
): void {
  const buy = o.side === "BUY";
  const remaining = o.quantity - o.filledQuantity;
  const price = fillPrice(bar.open, buy, costs);
  const { equity, positions } = bookAtFill(
    state,
    o.symbol,
    price,
    fillCommission(remaining, price, costs),
  );
  const r = checkOrder(
    { symbol: o.symbol, quantity: (buy ? 1 : -1) * remaining, price },
    { equity, positions, prices: state.marks, halted },
    limits,
  );
  const decision: RiskDecision = {
    date: bar.date,
    symbol: o.symbol,
    stage: "fill",
    action: r.action,
    rule: r.rule,
    reason: r.reason,
  };
  out.decisions.push(decision);
  if (r.action === "ALLOW") return;
  const allowed = Math.abs(r.quantity);
  state.orders[o.clientOrderId] = r.action === "CLIP"
    ? { ...o, quantity: o.filledQuantity + allowed }
    : {
      ...o,
      status: "CANCELLED",
      reason: `risk check at the fill: ${r.reason}`,
    };
  out.changed.push(o.clientOrderId);
  out.events.push({
    kind: `risk_${r.action.toLowerCase()}`,
    detail: {
      stage: "fill",
      order: o.clientOrderId,
      requested: remaining,
      fillPrice: price,
      action: r.action,
      quantity: allowed,
      reason: r.reason,
      rule: r.rule,
    },
  });
}
