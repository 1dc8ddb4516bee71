/**
 * Value types of execution in shares, shared by the execution backtest and paper
 * trading: orders, fills, positions, bars as they arrive, bars grouped by date.
 *
 * Fill timing (declared, never implied): a strategy decides target positions at the close
 * of bar t; the orders it causes are submitted after that close and fill at the OPEN of
 * bar t+1 (market orders) or within bar t+1's range (limit and stop orders). A backtest
 * may instead fill market orders at the close of t (`fill: "close"`, market-on-close).
 *
 * @module
 */

/** Buy or sell. */
export type Side = "BUY" | "SELL";
/** Market, limit or stop (stop-market) orders. */
export type OrderType = "MARKET" | "LIMIT" | "STOP";
/** DAY orders expire after the first bar they could trade in; GTC orders stay open. */
export type TimeInForce = "DAY" | "GTC";
/** Order life cycle. */
export type OrderStatus =
  | "NEW"
  | "PARTIALLY_FILLED"
  | "FILLED"
  | "CANCELLED"
  | "REJECTED"
  | "EXPIRED";

/** An order request. `clientOrderId` makes a resubmit after a crash idempotent. */
export interface OrderRequest {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  /** Shares (may be fractional when the broker allows it); always positive. */
  readonly quantity: number;
  readonly type: OrderType;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
  readonly tif: TimeInForce;
}

/** An order as the broker knows it. */
export interface Order extends OrderRequest {
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** Volume-weighted fill price; NaN before the first fill. */
  readonly avgFillPrice: number;
  /** Date of the bar after whose close the order was submitted. */
  readonly submittedAt: string;
  readonly reason?: string;
}

/** One execution. `quantity` is positive; `side` gives the direction. */
export interface Fill {
  readonly fillId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly ts: string;
  readonly side: Side;
  readonly quantity: number;
  readonly price: number;
  /** Commission in account currency (positive = paid). */
  readonly commission: number;
  /** Slippage cost in account currency versus the reference price (positive = paid). */
  readonly slippage: number;
}

/** A holding: signed quantity (negative = short) and average cost. */
export interface Position {
  readonly symbol: string;
  readonly quantity: number;
  readonly avgPrice: number;
}

/** One bar of one symbol as delivered by a feed. */
export interface Bar {
  readonly symbol: string;
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Bars of one date, one per symbol that traded that date. */
export interface BarGroup {
  readonly date: string;
  readonly bars: Bar[];
}
