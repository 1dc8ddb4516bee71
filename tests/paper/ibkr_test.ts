import assert from "node:assert/strict";
import {
  IbkrBroker,
  ibkrSettingsFromEnv,
  redact,
} from "../../lib/paper/ibkr.ts";
import { pollingFeed } from "../../lib/paper/feed.ts";
import { startFakeGateway } from "./fake_ibkr.ts";

const ACCOUNT = "DU1234567";

Deno.test("IbkrBroker round-trips auth, accounts, order, status, positions and snapshot with the fake gateway", async () => {
  const gw = startFakeGateway(ACCOUNT);
  try {
    const b = new IbkrBroker({ baseUrl: gw.baseUrl, accountId: ACCOUNT });
    assert.deepEqual(await b.authStatus(), {
      authenticated: true,
      competing: false,
      connected: true,
      message: "",
    });
    assert.deepEqual(await b.accounts(), [ACCOUNT]);
    const o = await b.submit({
      clientOrderId: "s1-2024-01-02-AAPL",
      symbol: "AAPL",
      side: "BUY",
      quantity: 10,
      type: "MARKET",
      tif: "DAY",
    }, "2024-01-02");
    assert.equal(o.status, "FILLED");
    assert.equal(o.filledQuantity, 10);
    assert.equal(o.avgFillPrice, 185.25);
    assert.equal(o.symbol, "AAPL");
    assert.deepEqual(await b.positions(), [{
      symbol: "AAPL",
      quantity: 10,
      avgPrice: 185.25,
    }]);
    assert.equal(await b.equity(), 100000);
    const snap = await b.snapshot("AAPL");
    assert.equal(snap.last, 185.25);
    assert.equal(snap.conid, 265598);
    // the confirmation question was answered
    assert.ok(gw.requests.some((r) => r.startsWith("POST /iserver/reply/")));
  } finally {
    await gw.close();
  }
});

Deno.test("IbkrBroker resubmitting a client order id after a crash does not place a second order", async () => {
  const gw = startFakeGateway(ACCOUNT);
  try {
    const req = {
      clientOrderId: "s1-2024-01-03-AAPL",
      symbol: "AAPL",
      side: "BUY" as const,
      quantity: 5,
      type: "LIMIT" as const,
      limitPrice: 150,
      tif: "GTC" as const,
    };
    const first = await new IbkrBroker({
      baseUrl: gw.baseUrl,
      accountId: ACCOUNT,
    }).submit(req, "2024-01-03");
    // A fresh adapter (the restarted process) knows nothing locally.
    const again = await new IbkrBroker({
      baseUrl: gw.baseUrl,
      accountId: ACCOUNT,
    }).submit(req, "2024-01-03");
    assert.equal(gw.orders.size, 1);
    assert.equal(again.status, first.status);
    assert.equal(again.limitPrice, 150);
    const b = new IbkrBroker({
      baseUrl: gw.baseUrl,
      accountId: ACCOUNT,
      conids: { AAPL: 265598 },
    });
    assert.equal((await b.openOrders()).length, 1);
    assert.equal((await b.cancel(req.clientOrderId))?.status, "CANCELLED");
    assert.equal((await b.openOrders()).length, 0);
  } finally {
    await gw.close();
  }
});

Deno.test("IbkrBroker errors never contain the account id", async () => {
  const gw = startFakeGateway(ACCOUNT);
  await gw.close();
  const b = new IbkrBroker({
    baseUrl: gw.baseUrl,
    accountId: ACCOUNT,
    timeoutMs: 2000,
  });
  await assert.rejects(
    () => b.positions(),
    (e: Error) => /unreachable/.test(e.message) && !e.message.includes(ACCOUNT),
  );
  assert.equal(
    redact(`GET /portfolio/${ACCOUNT}/x?token=abc`, [ACCOUNT]),
    "GET /portfolio/***/x?token=***",
  );
});

Deno.test("ibkrSettingsFromEnv() names the missing variables", () => {
  assert.throws(
    () => ibkrSettingsFromEnv({}),
    /IBKR_GATEWAY_URL and IBKR_ACCOUNT_ID/,
  );
  assert.deepEqual(
    ibkrSettingsFromEnv({
      IBKR_GATEWAY_URL: "http://x/v1/api/",
      IBKR_ACCOUNT_ID: "DU1",
    }),
    { baseUrl: "http://x/v1/api", accountId: "DU1" },
  );
});

Deno.test("pollingFeed() turns broker snapshots into daily bars", async () => {
  const gw = startFakeGateway(ACCOUNT);
  try {
    const b = new IbkrBroker({ baseUrl: gw.baseUrl, accountId: ACCOUNT });
    const days = ["2024-01-02", "2024-01-03"];
    let k = 0;
    const groups = [];
    for await (
      const g of pollingFeed(b, ["AAPL"], {
        intervalMs: 1,
        maxPolls: 2,
        clock: () => new Date(days[k++] + "T15:00:00Z"),
      })
    ) {
      groups.push(g);
      gw.setLast(265598, 190);
    }
    assert.equal(groups.length, 2);
    assert.deepEqual(groups[1].bars[0], {
      symbol: "AAPL",
      date: "2024-01-03",
      open: 185.25,
      high: 191,
      low: 185.25,
      close: 190,
      volume: NaN,
    });
  } finally {
    await gw.close();
  }
});
