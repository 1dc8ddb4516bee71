/**
 * A fake IBKR Client Portal gateway on loopback for tests. It answers the documented
 * endpoints under `/v1/api` with the documented shapes, keeps orders in memory, fills
 * market orders at the last price, and asks one confirmation question per order (as the
 * real gateway does for precautionary warnings).
 */
export interface FakeGateway {
  readonly baseUrl: string;
  readonly requests: string[];
  readonly orders: Map<
    string,
    {
      orderId: string;
      cOID: string;
      conid: number;
      side: string;
      quantity: number;
      status: string;
      type: string;
      price?: number;
      /** Execution price (market orders fill at the last price when placed). */
      fillPrice?: number;
    }
  >;
  setLast(conid: number, last: number): void;
  close(): Promise<void>;
}

export function startFakeGateway(accountId = "DU1234567"): FakeGateway {
  const requests: string[] = [];
  const orders: FakeGateway["orders"] = new Map();
  const pending = new Map<string, Record<string, unknown>>();
  const last = new Map<number, number>([[265598, 185.25], [756733, 430.5]]);
  const symbols: Record<string, number> = { AAPL: 265598, SPY: 756733 };
  const positions = new Map<number, { position: number; avgCost: number }>();
  let nextId = 1000;
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  const place = (o: Record<string, unknown>) => {
    const id = String(++nextId);
    const conid = Number(o.conid);
    const px = last.get(conid) ?? 100;
    const filled = o.orderType === "MKT";
    orders.set(id, {
      orderId: id,
      cOID: String(o.cOID),
      conid,
      side: String(o.side),
      quantity: Number(o.quantity),
      status: filled ? "Filled" : "Submitted",
      type: String(o.orderType),
      price: o.price as number | undefined,
      fillPrice: filled ? px : undefined,
    });
    if (filled) {
      const p = positions.get(conid) ?? { position: 0, avgCost: 0 };
      const q = (o.side === "BUY" ? 1 : -1) * Number(o.quantity);
      positions.set(conid, { position: p.position + q, avgCost: px });
    }
    return [{ order_id: id, order_status: filled ? "Filled" : "Submitted" }];
  };
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const url = new URL(req.url);
      const path = url.pathname.replace(/^\/v1\/api/, "");
      requests.push(`${req.method} ${path}${url.search}`);
      if (path === "/iserver/auth/status") {
        return json({
          authenticated: true,
          competing: false,
          connected: true,
          message: "",
        });
      }
      if (path === "/portfolio/accounts") {
        return json([{
          id: accountId,
          accountId,
          type: "DEMO",
        }]);
      }
      if (path === "/iserver/secdef/search") {
        const c = symbols[url.searchParams.get("symbol") ?? ""];
        return c
          ? json([{ conid: c, symbol: url.searchParams.get("symbol") }])
          : json([]);
      }
      if (
        path === `/iserver/account/${accountId}/orders` && req.method === "POST"
      ) {
        const body = await req.json() as { orders: Record<string, unknown>[] };
        const o = body.orders[0];
        if ([...orders.values()].some((x) => x.cOID === o.cOID)) {
          return json({
            error: `Local order ID=${o.cOID} is already registered.`,
          }, 400);
        }
        const qid = crypto.randomUUID();
        pending.set(qid, o);
        return json([{
          id: qid,
          message: ["You are about to submit an order. Are you sure?"],
        }]);
      }
      const reply = path.match(/^\/iserver\/reply\/(.+)$/);
      if (reply && req.method === "POST") {
        const o = pending.get(reply[1]);
        if (!o) return json({ error: "unknown reply id" }, 400);
        pending.delete(reply[1]);
        return json(place(o));
      }
      if (path === "/iserver/account/orders") {
        return json({
          orders: [...orders.values()].map((o) => ({
            orderId: Number(o.orderId),
            order_ref: o.cOID,
            status: o.status,
            conid: o.conid,
          })),
        });
      }
      const st = path.match(/^\/iserver\/account\/order\/status\/(\d+)$/);
      if (st) {
        const o = orders.get(st[1]);
        if (!o) return json({ error: "order not found" }, 404);
        return json({
          order_id: Number(o.orderId),
          conid: o.conid,
          side: o.side === "BUY" ? "B" : "S",
          order_status: o.status,
          total_size: String(o.quantity),
          cum_fill: o.status === "Filled" ? String(o.quantity) : "0",
          average_price: o.status === "Filled"
            ? String(o.fillPrice)
            : undefined,
          order_type: o.type,
          limit_price: o.price,
          tif: "DAY",
        });
      }
      const del = path.match(
        new RegExp(`^/iserver/account/${accountId}/order/(\\d+)$`),
      );
      if (del && req.method === "DELETE") {
        const o = orders.get(del[1]);
        if (!o) return json({ error: "order not found" }, 404);
        if (o.status !== "Filled") o.status = "Cancelled";
        return json({
          msg: "Request was submitted",
          order_id: Number(o.orderId),
          conid: o.conid,
          account: accountId,
        });
      }
      if (path === `/portfolio/${accountId}/positions/0`) {
        const desc = Object.fromEntries(
          Object.entries(symbols).map(([s, c]) => [c, s]),
        );
        return json(
          [...positions.entries()].map(([conid, p]) => ({
            acctId: accountId,
            conid,
            contractDesc: desc[conid],
            position: p.position,
            avgCost: p.avgCost,
          })),
        );
      }
      if (path === `/portfolio/${accountId}/summary`) {
        return json({
          netliquidation: { amount: 100000, currency: "USD" },
        });
      }
      if (path === "/iserver/marketdata/snapshot") {
        const conids = (url.searchParams.get("conids") ?? "").split(",").map(
          Number,
        );
        return json(conids.map((c) => ({
          conid: c,
          "31": String(last.get(c)),
          "84": String((last.get(c) ?? 0) - 0.01),
          "86": String((last.get(c) ?? 0) + 0.01),
          "70": String((last.get(c) ?? 0) + 1),
          "71": String((last.get(c) ?? 0) - 1),
        })));
      }
      return json({ error: `no route ${req.method} ${path}` }, 404);
    },
  );
  const addr = server.addr as Deno.NetAddr;
  return {
    baseUrl: `http://127.0.0.1:${addr.port}/v1/api`,
    requests,
    orders,
    setLast: (c, v) => void last.set(c, v),
    close: () => server.shutdown(),
  };
}
