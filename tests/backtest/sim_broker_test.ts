import assert from "node:assert/strict";
import {
  applyBrokerFill,
  cancelSimOrder,
  createSimBrokerState,
  processSimBar,
  simEquity,
  submitSimOrder,
} from "../../lib/backtest/mod.ts";
import type { Bar, OrderRequest } from "../../lib/backtest/mod.ts";

const bar = (
  date: string,
  open: number,
  high: number,
  low: number,
  close: number,
): Bar => ({
  symbol: "X",
  date,
  open,
  high,
  low,
  close,
  volume: 1000,
});
const mkt = (
  id: string,
  side: "BUY" | "SELL",
  quantity: number,
): OrderRequest => ({
  clientOrderId: id,
  symbol: "X",
  side,
  quantity,
  type: "MARKET",
  tif: "DAY",
});

Deno.test("processSimBar() fills a market order at the next open plus slippage and charges commission", () => {
  const st = createSimBrokerState(10_000);
  submitSimOrder(st, mkt("a", "BUY", 10), "2020-01-01");
  // Not eligible on the bar of its own date (sent after that close).
  assert.deepEqual(processSimBar(st, bar("2020-01-01", 99, 101, 98, 100)), []);
  const fills = processSimBar(st, bar("2020-01-02", 100, 102, 99, 101), {
    slippageBps: 10,
    commissionPerShare: 0.01,
    commissionMin: 1,
  });
  assert.equal(fills.length, 1);
  assert.equal(fills[0].price, 100 * 1.001);
  assert.equal(fills[0].commission, 1); // max(0.01 * 10, 1)
  assert.ok(Math.abs(fills[0].slippage - 0.1 * 10) < 1e-9);
  assert.equal(st.orders.a.status, "FILLED");
  // cash 10000 - 1001 - 1 = 8998; equity = 8998 + 10 * 101
  assert.ok(Math.abs(st.cash - 8998) < 1e-9);
  assert.ok(Math.abs(simEquity(st) - 10008) < 1e-9);
});

Deno.test("submitSimOrder() is idempotent by client order id", () => {
  const st = createSimBrokerState(10_000);
  const first = submitSimOrder(st, mkt("same", "BUY", 5), "2020-01-01");
  const again = submitSimOrder(st, { ...mkt("same", "BUY", 50) }, "2020-01-01");
  assert.equal(again, first);
  assert.equal(st.orderSequence.length, 1);
  processSimBar(st, bar("2020-01-02", 10, 10, 10, 10));
  assert.equal(st.positions.X.quantity, 5);
  // Resubmitting a filled order after a crash does not trade again.
  submitSimOrder(st, mkt("same", "BUY", 5), "2020-01-02");
  processSimBar(st, bar("2020-01-03", 10, 10, 10, 10));
  assert.equal(st.positions.X.quantity, 5);
});

Deno.test("limit and stop orders fill inside the bar's range at the documented price", () => {
  const st = createSimBrokerState(10_000);
  submitSimOrder(st, {
    ...mkt("lim", "BUY", 1),
    type: "LIMIT",
    limitPrice: 95,
    tif: "GTC",
  }, "2020-01-01");
  submitSimOrder(st, {
    ...mkt("stp", "SELL", 1),
    type: "STOP",
    stopPrice: 90,
    tif: "GTC",
  }, "2020-01-01");
  assert.equal(
    processSimBar(st, bar("2020-01-02", 100, 101, 96, 97)).length,
    0,
  ); // neither reached
  const f = processSimBar(st, bar("2020-01-03", 97, 98, 89, 92));
  assert.equal(f.length, 2);
  assert.equal(f[0].price, 95); // limit reached inside the bar
  assert.equal(f[1].price, 90); // stop triggered at the stop, open above it
  const gap = createSimBrokerState(10_000);
  submitSimOrder(gap, {
    ...mkt("lim", "BUY", 1),
    type: "LIMIT",
    limitPrice: 95,
  }, "2020-01-01");
  assert.equal(
    processSimBar(gap, bar("2020-01-02", 90, 92, 88, 91))[0].price,
    90,
  ); // gap below limit: open
});

Deno.test("DAY orders expire when not marketable; partial fills respect the ratio", () => {
  const st = createSimBrokerState(10_000);
  submitSimOrder(
    st,
    { ...mkt("lim", "BUY", 1), type: "LIMIT", limitPrice: 50 },
    "2020-01-01",
  );
  processSimBar(st, bar("2020-01-02", 100, 101, 99, 100));
  assert.equal(st.orders.lim.status, "EXPIRED");
  submitSimOrder(st, { ...mkt("p", "BUY", 10), tif: "GTC" }, "2020-01-02");
  processSimBar(st, bar("2020-01-03", 10, 10, 10, 10), {
    partialFillRatio: 0.3,
  });
  assert.equal(st.orders.p.status, "PARTIALLY_FILLED");
  assert.equal(st.orders.p.filledQuantity, 3);
  processSimBar(st, bar("2020-01-06", 10, 10, 10, 10), {
    partialFillRatio: 0.3,
  });
  processSimBar(st, bar("2020-01-07", 10, 10, 10, 10), {
    partialFillRatio: 0.3,
  });
  processSimBar(st, bar("2020-01-08", 10, 10, 10, 10), {
    partialFillRatio: 0.3,
  });
  assert.equal(st.orders.p.status, "FILLED");
  assert.equal(st.positions.X.quantity, 10);
});

Deno.test("short positions, reversal and cancel keep cash and average price right", () => {
  const st = createSimBrokerState(1000);
  submitSimOrder(st, mkt("s", "SELL", 2), "2020-01-01");
  processSimBar(st, bar("2020-01-02", 100, 100, 100, 100));
  assert.equal(st.positions.X.quantity, -2);
  assert.equal(st.cash, 1200);
  submitSimOrder(st, mkt("r", "BUY", 5), "2020-01-02");
  processSimBar(st, bar("2020-01-03", 90, 90, 90, 90));
  assert.equal(st.positions.X.quantity, 3);
  assert.equal(st.positions.X.avgPrice, 90);
  assert.equal(simEquity(st), 1200 - 450 + 270); // gained 20 on the short
  submitSimOrder(st, { ...mkt("c", "SELL", 3), tif: "GTC" }, "2020-01-03");
  assert.equal(cancelSimOrder(st, "c")?.status, "CANCELLED");
  processSimBar(st, bar("2020-01-06", 95, 95, 95, 95));
  assert.equal(st.positions.X.quantity, 3);
});

Deno.test("submitSimOrder() rejects orders without a positive quantity or price", () => {
  const st = createSimBrokerState(1000);
  assert.equal(
    submitSimOrder(st, mkt("z", "BUY", 0), "2020-01-01").status,
    "REJECTED",
  );
  assert.equal(
    submitSimOrder(st, { ...mkt("l", "BUY", 1), type: "LIMIT" }, "2020-01-01")
      .status,
    "REJECTED",
  );
});

Deno.test("applyBrokerFill() books a broker's execution like a fill at that price, keeps a partly filled order open, and refuses an overfill", () => {
  const sim = createSimBrokerState(10_000);
  const real = createSimBrokerState(10_000);
  for (const b of [sim, real]) {
    submitSimOrder(b, mkt("o1", "BUY", 10), "2024-01-02");
  }
  processSimBar(sim, bar("2024-01-03", 100, 101, 99, 100.5));
  applyBrokerFill(real, "o1", {
    quantity: 4,
    price: 100,
    commission: 0,
    ts: "2024-01-03",
  });
  assert.equal(real.orders.o1.status, "PARTIALLY_FILLED");
  const f = applyBrokerFill(real, "o1", {
    quantity: 6,
    price: 100,
    commission: 0,
    ts: "2024-01-03",
  });
  assert.equal(f.slippage, 0);
  assert.equal(real.orders.o1.status, "FILLED");
  assert.equal(real.orders.o1.avgFillPrice, 100);
  assert.deepEqual(real.positions, sim.positions);
  assert.equal(real.cash, sim.cash);
  assert.throws(
    () =>
      applyBrokerFill(real, "o1", {
        quantity: 1,
        price: 100,
        commission: 0,
        ts: "2024-01-04",
      }),
    /No open order o1 to fill/,
  );
  submitSimOrder(real, mkt("o2", "SELL", 3), "2024-01-04");
  assert.throws(
    () =>
      applyBrokerFill(real, "o2", {
        quantity: 5,
        price: 99,
        commission: 0,
        ts: "2024-01-05",
      }),
    /expected more than 0 and at most the 3 still open/,
  );
});
