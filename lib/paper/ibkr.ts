/**
 * Adapter for the Interactive Brokers Client Portal Web API (the gateway's REST endpoints
 * under `/v1/api`): authentication status, accounts, positions, place / cancel order, order
 * status and market-data snapshots.
 *
 * Credentials and endpoints come only from the environment (see `config/env_example.txt`):
 * `IBKR_GATEWAY_URL` (e.g. `https://localhost:5000/v1/api`), `IBKR_ACCOUNT_ID`, and optional
 * `IBKR_CA_CERT` (path of the gateway's certificate). They are never logged: every error
 * message passes through {@linkcode redact}.
 *
 * Idempotency: the client order id travels as IBKR's `cOID`; before placing, the adapter
 * looks for a live order with that `order_ref` and returns it instead of placing twice.
 *
 * @module
 */
import {
  conidOf,
  conidSearchPath,
  ibkrFetch,
  type IbkrGatewaySettings,
  redact,
} from "../data/mod.ts";
import type { Broker } from "./broker.ts";
import type {
  Order,
  OrderRequest,
  OrderStatus,
  Position,
} from "../backtest/mod.ts";

/**
 * Connection settings (the gateway client's, in lib/data, plus the contract ids);
 * `fromEnv` reads them from the environment.
 */
export interface IbkrSettings extends IbkrGatewaySettings {
  /** Symbol -> IBKR contract id. Unknown symbols are looked up with `/iserver/secdef/search`. */
  readonly conids?: Readonly<Record<string, number>>;
}

export { redact };

/** Read settings from `IBKR_GATEWAY_URL` and `IBKR_ACCOUNT_ID`; throws naming what is missing. */
export function ibkrSettingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): IbkrSettings {
  const baseUrl = env.IBKR_GATEWAY_URL;
  const accountId = env.IBKR_ACCOUNT_ID;
  const missing = [
    !baseUrl && "IBKR_GATEWAY_URL",
    !accountId && "IBKR_ACCOUNT_ID",
  ].filter(Boolean);
  if (missing.length) {
    throw new Error(
      `Cannot connect to IBKR: set ${
        missing.join(" and ")
      } in the environment or .env`,
    );
  }
  return { baseUrl: baseUrl!.replace(/\/$/, ""), accountId: accountId! };
}

const STATUS: Record<string, OrderStatus> = {
  Submitted: "NEW",
  PreSubmitted: "NEW",
  PendingSubmit: "NEW",
  Filled: "FILLED",
  Cancelled: "CANCELLED",
  Inactive: "REJECTED",
};

/** Market-data snapshot of one contract. */
export interface IbkrSnapshot {
  readonly conid: number;
  readonly last: number;
  readonly bid: number;
  readonly ask: number;
  readonly high: number;
  readonly low: number;
}

/** The Client Portal adapter as a {@linkcode Broker}. */
export class IbkrBroker implements Broker {
  readonly kind = "ibkr" as const;
  readonly #s: IbkrSettings;
  readonly #conids = new Map<string, number>();
  readonly #orderIds = new Map<string, string>();
  constructor(settings: IbkrSettings) {
    this.#s = settings;
    for (const [k, v] of Object.entries(settings.conids ?? {})) {
      this.#conids.set(k, v);
    }
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await ibkrFetch(this.#s, method, path, body);
    const text = await res.text();
    if (!res.ok) {
      throw new Error(
        redact(
          `IBKR ${method} ${path} failed with HTTP ${res.status}: ${
            text.slice(0, 200)
          }`,
          [this.#s.accountId],
        ),
      );
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** `POST /iserver/auth/status`: whether the gateway session is authenticated. */
  authStatus(): Promise<
    { authenticated: boolean; connected: boolean; competing: boolean }
  > {
    return this.#call("POST", "/iserver/auth/status");
  }

  /** `GET /portfolio/accounts`: the account ids this session can trade. */
  async accounts(): Promise<string[]> {
    const rows = await this.#call<{ accountId?: string; id?: string }[]>(
      "GET",
      "/portfolio/accounts",
    );
    return rows.map((r) => r.accountId ?? r.id ?? "").filter(Boolean);
  }

  /** Whether the configured account is one this gateway session can trade. */
  async hasAccount(): Promise<boolean> {
    return (await this.accounts()).includes(this.#s.accountId);
  }

  async #conid(symbol: string): Promise<number> {
    const known = this.#conids.get(symbol);
    if (known) return known;
    const conid = conidOf(await this.#call("GET", conidSearchPath(symbol)));
    if (conid === undefined) {
      throw new Error(`IBKR knows no contract for symbol "${symbol}"`);
    }
    this.#conids.set(symbol, conid);
    return conid;
  }

  #symbolOf(conid: number, fallback: string): string {
    for (const [s, c] of this.#conids) if (c === conid) return s;
    return fallback;
  }

  async submit(request: OrderRequest, date: string): Promise<Order> {
    const existing = await this.status(request.clientOrderId);
    if (existing) return existing;
    const conid = await this.#conid(request.symbol);
    const body = {
      orders: [{
        acctId: this.#s.accountId,
        conid,
        cOID: request.clientOrderId,
        orderType: request.type === "MARKET"
          ? "MKT"
          : request.type === "LIMIT"
          ? "LMT"
          : "STP",
        side: request.side,
        quantity: request.quantity,
        tif: request.tif,
        ...(request.type === "LIMIT" ? { price: request.limitPrice } : {}),
        ...(request.type === "STOP" ? { price: request.stopPrice } : {}),
      }],
    };
    let reply = await this.#call<
      Array<{ order_id?: string; id?: string; message?: string[] }>
    >(
      "POST",
      `/iserver/account/${this.#s.accountId}/orders`,
      body,
    );
    // The gateway may ask to confirm warnings; the session has already run its own checks.
    for (let i = 0; i < 3 && reply[0]?.id && !reply[0]?.order_id; i++) {
      reply = await this.#call("POST", `/iserver/reply/${reply[0].id}`, {
        confirmed: true,
      });
    }
    const orderId = reply[0]?.order_id;
    if (!orderId) {
      throw new Error(`IBKR did not accept order ${request.clientOrderId}`);
    }
    this.#orderIds.set(request.clientOrderId, String(orderId));
    return (await this.status(request.clientOrderId)) ?? {
      ...request,
      status: "NEW",
      filledQuantity: 0,
      avgFillPrice: NaN,
      submittedAt: date,
    };
  }

  async cancel(clientOrderId: string): Promise<Order | undefined> {
    const id = await this.#orderId(clientOrderId);
    if (!id) return undefined;
    await this.#call(
      "DELETE",
      `/iserver/account/${this.#s.accountId}/order/${id}`,
    );
    return this.status(clientOrderId);
  }

  async #orderId(clientOrderId: string): Promise<string | undefined> {
    const known = this.#orderIds.get(clientOrderId);
    if (known) return known;
    const live = await this.#call<
      { orders?: Array<{ orderId: number | string; order_ref?: string }> }
    >(
      "GET",
      "/iserver/account/orders",
    );
    const hit = (live.orders ?? []).find((o) => o.order_ref === clientOrderId);
    if (hit) this.#orderIds.set(clientOrderId, String(hit.orderId));
    return hit ? String(hit.orderId) : undefined;
  }

  async status(clientOrderId: string): Promise<Order | undefined> {
    const id = await this.#orderId(clientOrderId);
    if (!id) return undefined;
    const s = await this.#call<{
      order_status: string;
      side: string;
      total_size?: string | number;
      cum_fill?: string | number;
      average_price?: string | number;
      conid: number | string;
      order_type?: string;
      limit_price?: string | number;
      tif?: string;
    }>("GET", `/iserver/account/order/status/${id}`);
    const symbol = this.#symbolOf(Number(s.conid), String(s.conid));
    const type = s.order_type === "LMT"
      ? "LIMIT"
      : s.order_type === "STP"
      ? "STOP"
      : "MARKET";
    return {
      clientOrderId,
      symbol,
      side: s.side === "S" || s.side === "SELL" ? "SELL" : "BUY",
      quantity: Number(s.total_size ?? 0),
      type,
      ...(type === "LIMIT" ? { limitPrice: Number(s.limit_price) } : {}),
      ...(type === "STOP" ? { stopPrice: Number(s.limit_price) } : {}),
      tif: s.tif === "GTC" ? "GTC" : "DAY",
      status: STATUS[s.order_status] ?? "NEW",
      filledQuantity: Number(s.cum_fill ?? 0),
      avgFillPrice: s.average_price === undefined
        ? NaN
        : Number(s.average_price),
      submittedAt: "",
    };
  }

  async openOrders(): Promise<Order[]> {
    const live = await this.#call<
      { orders?: Array<{ order_ref?: string; status?: string }> }
    >(
      "GET",
      "/iserver/account/orders",
    );
    const out: Order[] = [];
    for (const o of live.orders ?? []) {
      if (!o.order_ref) continue;
      const s = await this.status(o.order_ref);
      if (s && (s.status === "NEW" || s.status === "PARTIALLY_FILLED")) {
        out.push(s);
      }
    }
    return out;
  }

  async positions(): Promise<Position[]> {
    const rows = await this.#call<
      Array<
        {
          conid: number;
          contractDesc?: string;
          position: number;
          avgCost: number;
        }
      >
    >(
      "GET",
      `/portfolio/${this.#s.accountId}/positions/0`,
    );
    const out: Position[] = [];
    for (const r of rows) {
      out.push({
        symbol: this.#symbolOf(
          Number(r.conid),
          r.contractDesc ?? String(r.conid),
        ),
        quantity: Number(r.position),
        avgPrice: Number(r.avgCost),
      });
    }
    return out;
  }

  async equity(): Promise<number> {
    const s = await this.#call<{ netliquidation?: { amount: number } }>(
      "GET",
      `/portfolio/${this.#s.accountId}/summary`,
    );
    const v = s.netliquidation?.amount;
    if (typeof v !== "number") {
      throw new Error("IBKR account summary has no netliquidation amount");
    }
    return v;
  }

  /** `GET /iserver/marketdata/snapshot` for one symbol (fields 31 last, 84 bid, 86 ask, 70 high, 71 low). */
  async snapshot(symbol: string): Promise<IbkrSnapshot> {
    const conid = await this.#conid(symbol);
    const rows = await this.#call<Array<Record<string, string | number>>>(
      "GET",
      `/iserver/marketdata/snapshot?conids=${conid}&fields=31,84,86,70,71`,
    );
    const r = rows[0] ?? {};
    const num = (k: string) =>
      Number(String(r[k] ?? "NaN").replace(/^[CH]/, ""));
    return {
      conid,
      last: num("31"),
      bid: num("84"),
      ask: num("86"),
      high: num("70"),
      low: num("71"),
    };
  }
}
