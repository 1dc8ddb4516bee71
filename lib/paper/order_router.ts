/**
 * Orders to a real broker (`broker.kind: "ibkr"`): the session decides exactly as with
 * the simulated broker (the same execution step, risk guard and pre-trade checks), but
 * the book's orders are placed with the broker and only the broker's executions fill
 * them. Per live bar:
 *
 * 1. `sync`: before the step, ask the broker for every open order of the book and book
 *    what it executed since the last bar (`applyBrokerFill`: quantity and average price
 *    from the broker, commission from the config's cost model because the order status
 *    does not report it); orders the broker cancelled or rejected are closed with its
 *    status;
 * 2. the step marks to market, runs the guard and decides orders (`fills: "broker"`);
 * 3. `route`: before the bar's journal commit, place the new orders (the client order id
 *    travels as IBKR's `cOID`, so a crash and resume never places one twice) and cancel
 *    those the step cancelled (a halt).
 *
 * @module
 */
import {
  applyBrokerFill,
  type Fill,
  fillCommission,
  isOpen,
  type Order,
  type OrderRequest,
  type SimBrokerOptions,
  type SimBrokerState,
} from "../backtest/mod.ts";
import type { Broker } from "./broker.ts";

/** Where a session's orders go when a real broker fills them. */
export interface OrderRouter {
  /** Book the broker's executions of the book's open orders; returns the fills booked. */
  sync(book: SimBrokerState, date: string): Promise<Fill[]>;
  /** Place the orders created on `date` and cancel the cancelled ones, of `touched`. */
  route(
    book: SimBrokerState,
    touched: readonly string[],
    date: string,
  ): Promise<void>;
}

/** The part of an order the broker executed since the book last looked. */
function newFill(
  mine: Order,
  theirs: Order,
): { quantity: number; price: number } | undefined {
  const quantity = theirs.filledQuantity - mine.filledQuantity;
  if (!(quantity > 1e-9) || !Number.isFinite(theirs.avgFillPrice)) {
    return undefined;
  }
  const before = mine.filledQuantity > 0
    ? mine.avgFillPrice * mine.filledQuantity
    : 0;
  return {
    quantity,
    price: (theirs.avgFillPrice * theirs.filledQuantity - before) / quantity,
  };
}

function requestOf(o: Order): OrderRequest {
  return {
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    quantity: o.quantity,
    type: o.type,
    tif: o.tif,
    ...(o.limitPrice === undefined ? {} : { limitPrice: o.limitPrice }),
    ...(o.stopPrice === undefined ? {} : { stopPrice: o.stopPrice }),
  };
}

/**
 * A router over a broker adapter (the IBKR Client Portal adapter in a session).
 *
 * @param broker The adapter.
 * @param costs The config's cost model (commission of each execution).
 * @returns The router.
 */
export function brokerRouter(
  broker: Broker,
  costs: SimBrokerOptions,
): OrderRouter {
  return {
    async sync(book, date) {
      const fills: Fill[] = [];
      for (const id of book.orderSequence) {
        const mine = book.orders[id];
        if (!isOpen(mine)) continue;
        const theirs = await broker.status(id);
        if (!theirs) continue;
        const f = newFill(mine, theirs);
        if (f) {
          fills.push(applyBrokerFill(book, id, {
            ...f,
            commission: fillCommission(f.quantity, f.price, costs),
            ts: date,
          }));
        }
        const now = book.orders[id];
        const closed = theirs.status === "CANCELLED" ||
          theirs.status === "REJECTED" || theirs.status === "EXPIRED";
        if (isOpen(now) && closed) {
          book.orders[id] = {
            ...now,
            status: theirs.status,
            reason: `${broker.kind}: ${theirs.status.toLowerCase()}`,
          };
        }
      }
      return fills;
    },
    async route(book, touched, date) {
      for (const id of touched) {
        const o = book.orders[id];
        if (o.status === "NEW" && o.submittedAt === date) {
          await broker.submit(requestOf(o), date);
        } else if (o.status === "CANCELLED") await broker.cancel(id);
      }
    },
  };
}
