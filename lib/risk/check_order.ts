/**
 * Pre-trade check of one order in shares (paper trading, live), with the same limits
 * as {@linkcode applyLimits}.
 *
 * @module
 */
import type { RiskLimits } from "./config.ts";
import type { RiskAction } from "./apply_limits.ts";
import { correlationClusters, type CorrelationInput } from "./clusters.ts";

/** An order: signed quantity in shares (+ buy, - sell) at a reference price. */
export interface Order {
  readonly symbol: string;
  readonly quantity: number;
  /** Reference price (last or limit), > 0. */
  readonly price: number;
}

/** The account as the risk check sees it. */
export interface PortfolioState {
  /** Account equity (currency, > 0). */
  readonly equity: number;
  /** Signed positions in shares by symbol. */
  readonly positions: Readonly<Record<string, number>>;
  /** Mark prices by symbol (the order's own price is used for its symbol). */
  readonly prices: Readonly<Record<string, number>>;
  /** Kill switch tripped. */
  readonly halted?: boolean;
  /** Daily loss limit hit today. */
  readonly dailyLossHit?: boolean;
  /** Correlations for the concentration limit; omitted = not checked. */
  readonly correlation?: CorrelationInput;
}

/** Answer of {@linkcode checkOrder}. */
export interface OrderCheck {
  readonly action: RiskAction;
  /** Allowed signed quantity (0 when denied). */
  readonly quantity: number;
  readonly reason: string;
  /** Binding rule id (as in applyLimits, plus "reduces-exposure", "max-order-shares", "invalid"), "none" when allowed in full. */
  readonly rule: string;
}

interface Bound {
  readonly lo: number;
  readonly hi: number;
  readonly rule: string;
  readonly reason: string;
}

/**
 * Check one order. Orders that only reduce |position| (no sign flip) are always ALLOWed,
 * so a breach can always be cut. Otherwise the new position q1 = q0 + quantity must stay
 * inside every bound (kill switch / daily loss: no increase; no shorts; |q1| p / E <=
 * maxPositionWeight; gross, net, cluster and leverage caps given the other positions;
 * order size <= maxOrderFraction x E / p and <= maxOrderShares). The order is cut at the
 * tightest bound it crosses (CLIP, whole shares toward zero when the order is whole
 * shares) or DENYed when nothing of it fits.
 *
 * @param order Symbol, signed shares, price.
 * @param state Equity, positions, prices and guard flags.
 * @param limits Validated limits.
 * @returns `{ action, quantity, reason, rule }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkOrder } from "./check_order.ts";
 * import { RiskLimitsSchema } from "./config.ts";
 * const limits = RiskLimitsSchema.parse({ maxPositionWeight: 0.1 });
 * const state = { equity: 100_000, positions: {}, prices: {} };
 * const r = checkOrder({ symbol: "AAPL", quantity: 100, price: 150 }, state, limits);
 * assert.deepEqual(r, { action: "CLIP", quantity: 66, reason: "|weight| above maxPositionWeight 0.1", rule: "max-position" });
 * ```
 */
export function checkOrder(
  order: Order,
  state: PortfolioState,
  limits: RiskLimits,
): OrderCheck {
  const { symbol, quantity: dq, price: p } = order;
  const E = state.equity;
  if (!Number.isFinite(dq) || !(p > 0) || !(E > 0)) {
    return {
      action: "DENY",
      quantity: 0,
      reason:
        `invalid order or account: quantity ${dq}, price ${p}, equity ${E}`,
      rule: "invalid",
    };
  }
  const q0 = state.positions[symbol] ?? 0;
  const q1 = q0 + dq;
  if (dq === 0) {
    return {
      action: "ALLOW",
      quantity: 0,
      reason: "empty order",
      rule: "none",
    };
  }
  if (Math.abs(q1) <= Math.abs(q0) && q1 * q0 >= 0) {
    return {
      action: "ALLOW",
      quantity: dq,
      reason: "reduces exposure",
      rule: "reduces-exposure",
    };
  }
  return clipToBounds(q0, dq, orderBounds(symbol, q0, p, E, state, limits));
}

/** Cut the order at the tightest bound it crosses (whole shares stay whole). */
function clipToBounds(
  q0: number,
  dq: number,
  bounds: readonly Bound[],
): OrderCheck {
  const d = Math.sign(dq);
  let target = q0 + dq, binding: Bound | undefined;
  for (const b of bounds) {
    const lim = d > 0 ? b.hi : b.lo;
    if (d * (target - lim) > 0) {
      target = lim;
      binding = b;
    }
  }
  if (!binding) {
    return {
      action: "ALLOW",
      quantity: dq,
      reason: "within limits",
      rule: "none",
    };
  }
  let allowed = target - q0;
  if (Number.isInteger(dq)) allowed = Math.trunc(allowed + d * 1e-9);
  return {
    action: d * allowed <= 0 ? "DENY" : "CLIP",
    quantity: d * allowed <= 0 ? 0 : allowed,
    reason: binding.reason,
    rule: binding.rule,
  };
}

/** Every bound on the new position q1 (shares), in the order they are reported. */
function orderBounds(
  symbol: string,
  q0: number,
  p: number,
  E: number,
  state: PortfolioState,
  limits: RiskLimits,
): Bound[] {
  const out: Bound[] = [];
  const add = (lo: number, hi: number, rule: string, reason: string) =>
    out.push({ lo, hi, rule, reason });
  const w = (s: string): number => {
    const q = state.positions[s] ?? 0;
    const px = s === symbol ? p : state.prices[s];
    return q === 0 ? 0 : (q * px) / E;
  };
  guardBound(q0, state, add);
  if (!limits.allowShort) add(0, Infinity, "no-short", "shorts not allowed");
  const mp = limits.maxPositionWeight * E / p;
  add(
    -mp,
    mp,
    "max-position",
    `|weight| above maxPositionWeight ${limits.maxPositionWeight}`,
  );
  if (state.correlation) clusterBound(symbol, p, E, state, limits, w, add);
  exposureBounds(symbol, p, E, state, limits, w, add);
  orderSizeBounds(q0, p, E, limits, add);
  return out;
}

type AddBound = (lo: number, hi: number, rule: string, reason: string) => void;

/** Kill switch or daily-loss flag: no increase of |position|. */
function guardBound(q0: number, state: PortfolioState, add: AddBound): void {
  if (!state.halted && !state.dailyLossHit) return;
  const rule = state.halted ? "kill-switch" : "daily-loss";
  const reason = state.halted
    ? "kill switch: drawdown limit hit, no new risk"
    : "daily loss limit hit, no new risk today";
  add(Math.min(0, q0), Math.max(0, q0), rule, reason);
}

/** The symbol's correlated cluster: sum |w| <= maxCorrelatedWeight. */
function clusterBound(
  symbol: string,
  p: number,
  E: number,
  state: PortfolioState,
  limits: RiskLimits,
  w: (s: string) => number,
  add: AddBound,
): void {
  const cl = correlationClusters(
    state.correlation!,
    limits.correlationThreshold,
  ).find((c) => c.includes(symbol));
  if (!cl || cl.length < 2) return;
  const rest = cl.filter((s) => s !== symbol).reduce(
    (a, s) => a + Math.abs(w(s)),
    0,
  );
  const m = Math.max(0, limits.maxCorrelatedWeight - rest) * E / p;
  add(
    -m,
    m,
    "correlation",
    `cluster ${
      cl.join("+")
    } above maxCorrelatedWeight ${limits.maxCorrelatedWeight}`,
  );
}

/** Gross (and leverage) and net exposure given the other positions. */
function exposureBounds(
  symbol: string,
  p: number,
  E: number,
  state: PortfolioState,
  limits: RiskLimits,
  w: (s: string) => number,
  add: AddBound,
): void {
  const others = Object.keys(state.positions).filter((s) => s !== symbol);
  const grossOther = others.reduce((a, s) => a + Math.abs(w(s)), 0);
  const gcap = Math.min(limits.maxGrossExposure, limits.maxLeverage);
  const g = Math.max(0, gcap - grossOther) * E / p;
  add(
    -g,
    g,
    limits.maxLeverage < limits.maxGrossExposure ? "max-leverage" : "max-gross",
    `gross exposure above ${gcap}`,
  );
  const netOther = others.reduce((a, s) => a + w(s), 0);
  add(
    (-limits.maxNetExposure - netOther) * E / p,
    (limits.maxNetExposure - netOther) * E / p,
    "max-net",
    `net exposure above maxNetExposure ${limits.maxNetExposure}`,
  );
}

/** Order size: notional <= maxOrderFraction x equity, shares <= maxOrderShares. */
function orderSizeBounds(
  q0: number,
  p: number,
  E: number,
  limits: RiskLimits,
  add: AddBound,
): void {
  const of = limits.maxOrderFraction * E / p;
  add(
    q0 - of,
    q0 + of,
    "max-order",
    `order notional above maxOrderFraction ${limits.maxOrderFraction}`,
  );
  if (limits.maxOrderShares !== undefined) {
    add(
      q0 - limits.maxOrderShares,
      q0 + limits.maxOrderShares,
      "max-order-shares",
      `order above maxOrderShares ${limits.maxOrderShares}`,
    );
  }
}
