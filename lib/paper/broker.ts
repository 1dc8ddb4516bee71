/**
 * The broker interface shared by the simulated broker and the IBKR adapter, so a session
 * talks to either the same way.
 *
 * @module
 */
import {
  cancelSimOrder,
  createSimBrokerState,
  isOpen,
  type Order,
  type OrderRequest,
  type Position,
  type SimBrokerOptions,
  type SimBrokerState,
  simEquity,
  submitSimOrder,
} from "../backtest/mod.ts";

/** What a session needs from a broker. */
export interface Broker {
  readonly kind: "simulated" | "ibkr";
  /** Submit an order; a known `clientOrderId` returns the existing order (idempotent). */
  submit(request: OrderRequest, date: string): Promise<Order>;
  /** Cancel an open order by client order id. */
  cancel(clientOrderId: string): Promise<Order | undefined>;
  /** The broker's view of one order. */
  status(clientOrderId: string): Promise<Order | undefined>;
  /** Open orders. */
  openOrders(): Promise<Order[]>;
  /** Current holdings. */
  positions(): Promise<Position[]>;
  /** Net liquidation value in account currency. */
  equity(): Promise<number>;
}

/** A {@linkcode Broker} over a {@linkcode SimBrokerState} (bars are applied by the session). */
export class SimulatedBroker implements Broker {
  readonly kind = "simulated" as const;
  state: SimBrokerState;
  readonly options: SimBrokerOptions;
  constructor(
    stateOrCash: SimBrokerState | number,
    options: SimBrokerOptions = {},
  ) {
    this.state = typeof stateOrCash === "number"
      ? createSimBrokerState(stateOrCash)
      : stateOrCash;
    this.options = options;
  }
  submit(request: OrderRequest, date: string): Promise<Order> {
    return Promise.resolve(submitSimOrder(this.state, request, date));
  }
  cancel(clientOrderId: string): Promise<Order | undefined> {
    return Promise.resolve(cancelSimOrder(this.state, clientOrderId));
  }
  status(clientOrderId: string): Promise<Order | undefined> {
    return Promise.resolve(this.state.orders[clientOrderId]);
  }
  openOrders(): Promise<Order[]> {
    return Promise.resolve(
      this.state.orderSequence.map((id) => this.state.orders[id]).filter(
        isOpen,
      ),
    );
  }
  positions(): Promise<Position[]> {
    return Promise.resolve(Object.values(this.state.positions));
  }
  equity(): Promise<number> {
    return Promise.resolve(simEquity(this.state));
  }
}
