/**
 * No silent substitution: a session with `broker.kind: "ibkr"` places its orders with
 * the IBKR Client Portal gateway (a fake one on loopback) and books the gateway's
 * executions, never the simulated broker's; without a gateway it fails with the reason
 * before any session row. A poll feed without a gateway fails the same way.
 */
import assert from "node:assert/strict";
import { openDb } from "../../lib/data/mod.ts";
import { runPaperJob } from "../../lib/jobs/mod.ts";
import {
  IbkrBroker,
  type PaperConfig,
  pollingFeed,
} from "../../lib/paper/mod.ts";
import { startFakeGateway } from "./fake_ibkr.ts";
import { sessionRows, testConfig } from "./_session.ts";

const ACCOUNT = "DU1234567";
const AAPL = 265598;

function ibkrConfig(over: Record<string, unknown> = {}): PaperConfig {
  return testConfig({
    name: "ibkr-live",
    symbols: ["AAPL"],
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
    // a simulated fill would show this slippage; IBKR's executions have none
    broker: { kind: "ibkr", slippageBps: 50, commissionBps: 1 },
    feed: { kind: "poll", warmupBars: 260, pollSeconds: 1 },
    ...over,
  });
}

/** Run `fn` with the IBKR variables set (and restore them after). */
async function withEnv(
  vars: Record<string, string | undefined>,
  fn: () => Promise<void>,
): Promise<void> {
  const saved = Object.fromEntries(
    Object.keys(vars).map((k) => [k, Deno.env.get(k)]),
  );
  const set = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) Deno.env.delete(k);
      else Deno.env.set(k, x);
    }
  };
  set(vars);
  try {
    await fn();
  } finally {
    set(saved);
  }
}

Deno.test("broker.kind ibkr: orders go to the IBKR gateway and only its executions fill them", async () => {
  const gw = startFakeGateway(ACCOUNT);
  const db = await openDb({ path: ":memory:" });
  try {
    await withEnv(
      { IBKR_GATEWAY_URL: gw.baseUrl, IBKR_ACCOUNT_ID: ACCOUNT },
      async () => {
        // three live polls on three days after the stored AAPL history
        const days = ["2018-05-14", "2018-05-15", "2018-05-16"];
        const prices = [185.25, 187.5, 186.75];
        let poll = 0;
        const quotes = new IbkrBroker({
          baseUrl: gw.baseUrl,
          accountId: ACCOUNT,
        });
        const source = {
          snapshot: (symbol: string) => {
            gw.setLast(AAPL, prices[poll++]);
            return quotes.snapshot(symbol);
          },
        };
        const live = pollingFeed(source, ["AAPL"], {
          intervalMs: 1,
          maxPolls: 3,
          clock: () => new Date(`${days[poll]}T15:00:00Z`),
        });
        const s = await runPaperJob(db, ibkrConfig(), { live });
        assert.equal(s.newBars, 3, "only live bars trade");
        const placed = [...gw.orders.values()];
        assert.equal(placed.length, 1, "one order reached the gateway");
        assert.equal(placed[0].cOID, "ibkr-live-2018-05-14-AAPL");
        assert.equal(placed[0].side, "BUY");
        assert.equal(placed[0].type, "MKT");
        const fills = await db.query<
          {
            order_id: string;
            price: number;
            quantity: number;
            slippage: number;
            ts: string;
          }
        >("SELECT order_id, price, quantity, slippage, ts FROM fills");
        assert.equal(fills.length, 1);
        assert.equal(fills[0].order_id, placed[0].cOID);
        assert.equal(fills[0].price, 185.25, "the gateway's execution price");
        assert.equal(fills[0].quantity, placed[0].quantity);
        assert.equal(fills[0].slippage, 0);
        assert.equal(fills[0].ts, "2018-05-15", "booked at the next bar");
        const [order] = await db.query<{ status: string }>(
          "SELECT status FROM orders",
        );
        assert.equal(order.status, "FILLED");
      },
    );
  } finally {
    await db.close();
    await gw.close();
  }
});

Deno.test("broker.kind ibkr or a poll feed without a reachable gateway fails with the reason before any session row", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    await withEnv(
      { IBKR_GATEWAY_URL: undefined, IBKR_ACCOUNT_ID: undefined },
      async () => {
        for (
          const config of [
            ibkrConfig(),
            ibkrConfig({ broker: { kind: "simulated" } }),
          ]
        ) {
          await assert.rejects(
            () => runPaperJob(db, config),
            /^Error: Cannot start the session: Cannot connect to IBKR: set IBKR_GATEWAY_URL and IBKR_ACCOUNT_ID in the environment or \.env$/,
          );
        }
      },
    );
    await withEnv(
      {
        IBKR_GATEWAY_URL: "http://127.0.0.1:9/v1/api",
        IBKR_ACCOUNT_ID: ACCOUNT,
      },
      async () => {
        await assert.rejects(
          () => runPaperJob(db, ibkrConfig()),
          /Cannot start the session: IBKR gateway unreachable \(needed for orders and quotes\)/,
        );
      },
    );
    assert.equal(await sessionRows(db), 0);
  } finally {
    await db.close();
  }
});

Deno.test("a replay config naming the ibkr broker is a config error, never a simulated session", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    await assert.rejects(
      () =>
        runPaperJob(
          db,
          testConfig({ broker: { kind: "ibkr" } }),
          { source: "c.json" },
        ),
      /^PaperConfigError: Invalid config in c\.json: broker\.kind: "ibkr" sends orders to IBKR, which cannot fill a replay of stored bars/,
    );
    assert.equal(await sessionRows(db), 0);
  } finally {
    await db.close();
  }
});
