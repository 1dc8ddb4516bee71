import assert from "node:assert/strict";
import { killFilePath, reconcilePaper, runPaper } from "../../lib/paper/mod.ts";
import { openDb } from "../../lib/data/open_db.ts";
import { createPaperJournal } from "../../lib/store/mod.ts";
import { memoryDb, snapshot, sp500Bars, testConfig } from "./_session.ts";

Deno.test("runPaper() replays the example config deterministically and journals every bar", async () => {
  const config = testConfig({
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
  });
  const bars = await sp500Bars();
  const a = await memoryDb(), b = await memoryDb();
  try {
    const sa = await runPaper(createPaperJournal(a), config, bars);
    const sb = await runPaper(createPaperJournal(b), config, bars);
    assert.equal(sa.finalEquity, sb.finalEquity);
    assert.deepEqual(
      await snapshot(a, config.name),
      await snapshot(b, config.name),
    );
    // 2019-01-02..2020-04-17 holds 327 trading days of the S&P 500 file.
    const [{ n, first, last }] = await a.query<
      { n: number; first: string; last: string }
    >(
      'SELECT count(*) n, min(date) "first", max(date) "last" FROM equity',
    );
    assert.deepEqual([Number(n), first, last], [
      sa.bars,
      "2019-01-02",
      "2020-04-17",
    ]);
    assert.ok(sa.bars > 300);
    assert.ok(
      sa.orders > 0 && sa.fills === sa.orders,
      "every market order fills",
    );
    assert.ok(sa.latencyMs.p50 < 5, `decision p50 ${sa.latencyMs.p50} ms`);
    const [s] = await a.query<{ status: string; bars: number; starts: number }>(
      "SELECT status, bars, starts FROM sessions",
    );
    assert.deepEqual([s.status, Number(s.bars), Number(s.starts)], [
      "finished",
      sa.bars,
      1,
    ]);
  } finally {
    await a.close();
    await b.close();
  }
});

Deno.test("a session stopped after any bar and resumed ends in exactly the uninterrupted state", async () => {
  const config = testConfig({
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
  });
  const bars = await sp500Bars();
  const ref = await memoryDb();
  const full = await runPaper(createPaperJournal(ref), config, bars);
  const want = await snapshot(ref, config.name);
  await ref.close();
  for (const stopAfter of [1, 57, 200]) {
    const db = await memoryDb();
    try {
      const ctl = new AbortController();
      let seen = 0;
      await runPaper(createPaperJournal(db), config, bars, {
        signal: ctl.signal,
        onBar: () => {
          if (++seen === stopAfter) ctl.abort();
        },
      });
      const cp = await createPaperJournal(db).readCheckpoint(config.name);
      assert.ok(cp, "a checkpoint was committed");
      const resumed = await runPaper(createPaperJournal(db), config, bars);
      assert.equal(resumed.resumedFrom, cp.date);
      assert.equal(resumed.newBars, full.bars - stopAfter);
      assert.equal(resumed.bars, full.bars, "figures of the whole session");
      assert.ok(Number.isFinite(resumed.latencyMs.p50), "latency of every bar");
      assert.equal(resumed.finalEquity, full.finalEquity);
      assert.deepEqual(
        await snapshot(db, config.name),
        want,
        `stop after ${stopAfter}`,
      );
    } finally {
      await db.close();
    }
  }
});

Deno.test("the drawdown limit trips the kill switch on the first bar 8% below the peak, flattens, and no order follows", async () => {
  const config = testConfig(); // maxDrawdown 0.08, flattenOnKill
  const db = await memoryDb();
  try {
    const s = await runPaper(createPaperJournal(db), config, await sp500Bars());
    assert.equal(s.halted, true);
    const kills = await db.query<{ date: string; detail: string }>(
      "SELECT date, detail FROM events WHERE kind = 'kill_switch'",
    );
    assert.equal(kills.length, 1);
    // Independently: the first date where equity is 8% below its running peak
    // (the peak starts at the capital).
    const eq = await db.query<{ date: string; equity: number }>(
      "SELECT date, equity FROM equity ORDER BY date",
    );
    let peak = config.capital, first = "";
    for (const r of eq) {
      peak = Math.max(peak, r.equity);
      if (!first && r.equity / peak - 1 <= -0.08) first = r.date;
    }
    assert.equal(kills[0].date, first);
    const detail = JSON.parse(kills[0].detail);
    assert.match(
      detail.reason,
      /^drawdown \d+\.\d\d% reached the 8\.00% limit$/,
    );
    assert.ok(detail.drawdown >= 0.08);
    const after = await db.query<{ n: number }>(
      "SELECT count(*) n FROM orders WHERE date > $d AND client_order_id NOT LIKE '%flatten'",
      { d: kills[0].date },
    );
    assert.equal(Number(after[0].n), 0);
    const [last] = await db.query<{ gross_exposure: number; halted: boolean }>(
      "SELECT gross_exposure, halted FROM equity ORDER BY date DESC LIMIT 1",
    );
    assert.equal(last.halted, true);
    assert.equal(last.gross_exposure, 0, "flat after the flatten order filled");
    const [st] = await db.query<{ status: string }>(
      "SELECT status FROM sessions",
    );
    assert.equal(st.status, "halted");
  } finally {
    await db.close();
  }
});

Deno.test("the manual kill switch stops a running session within one bar and is journaled", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/paper.duckdb`;
  const config = testConfig({
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
  });
  const db = await openDb({ path });
  try {
    let killedAt = "";
    let n = 0;
    await runPaper(createPaperJournal(db), config, await sp500Bars(), {
      dbPath: path,
      onBar: ({ date }) => {
        if (++n === 120) {
          killedAt = date;
          // What `deno task kill-switch` writes, synchronously so the next bar sees it.
          Deno.writeTextFileSync(
            killFilePath(path),
            JSON.stringify({
              flatten: true,
              reason: "test kill",
              requestedAt: date,
            }),
          );
        }
      },
    });
    const ev = await db.query<{ date: string; kind: string; detail: string }>(
      "SELECT date, kind, detail FROM events WHERE kind IN ('kill_switch', 'flatten') ORDER BY seq",
    );
    assert.equal(ev[0].kind, "kill_switch");
    assert.ok(ev[0].date > killedAt, "halted on the bar after the request");
    const [next] = await db.query<{ d: string }>(
      "SELECT min(date) d FROM equity WHERE date > $k",
      { k: killedAt },
    );
    assert.equal(ev[0].date, next.d, "within one bar");
    assert.equal(JSON.parse(ev[0].detail).reason, "test kill");
    await assert.rejects(Deno.stat(`${path}.kill`), Deno.errors.NotFound);
    const [{ open }] = await db.query<{ open: number }>(
      "SELECT count(*) open FROM orders WHERE status IN ('NEW', 'PARTIALLY_FILLED')",
    );
    assert.equal(Number(open), 0);
  } finally {
    await db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("every order that would breach a limit is clipped or denied, and the breach never happens", async () => {
  const bars = await sp500Bars();
  // Sizing within the position cap (a larger one fails the config's validation):
  // the cap then binds when an opening gap lifts a fill above it.
  const cases = [
    {
      limits: { maxPositionWeight: 0.5 },
      fraction: 0.5,
      rule: "max-position",
      maxGross: 0.5,
    },
    {
      limits: { maxGrossExposure: 0.4 },
      fraction: 1,
      rule: "max-gross",
      maxGross: 0.4,
    },
    {
      limits: { maxOrderShares: 5 },
      fraction: 1,
      rule: "max-order-shares",
      maxGross: 1,
    },
  ];
  for (const c of cases) {
    const config = testConfig({
      limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2, ...c.limits },
      sizing: {
        fraction: c.fraction,
        fractionalShares: false,
        minTradeFraction: 0,
      },
    });
    const db = await memoryDb();
    try {
      await runPaper(createPaperJournal(db), config, bars);
      const ev = await db.query<{ kind: string; detail: string }>(
        "SELECT kind, detail FROM events WHERE kind LIKE 'risk_%'",
      );
      assert.ok(ev.length > 0, `${c.rule}: some order was stopped`);
      assert.ok(ev.every((e) => JSON.parse(e.detail).rule === c.rule), c.rule);
      const [{ g }] = await db.query<{ g: number }>(
        // Exposure at the fill price the check used (the close before): allow the
        // overnight move of the next open on top.
        "SELECT max(gross_exposure) g FROM equity",
      );
      assert.ok(g <= c.maxGross * 1.12, `${c.rule}: gross ${g}`);
      if (c.rule === "max-order-shares") {
        // Exposure-increasing orders (buys: the strategy is long-only) are capped;
        // orders that only reduce a position are always allowed.
        const [{ q }] = await db.query<{ q: number }>(
          "SELECT max(quantity) q FROM orders WHERE side = 'BUY'",
        );
        assert.equal(q, 5);
      }
    } finally {
      await db.close();
    }
  }
});

Deno.test("reconcilePaper() matches the costed backtest of a replay session within 0.1%", async () => {
  const config = testConfig({
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
  });
  const bars = await sp500Bars();
  const db = await memoryDb();
  try {
    const s = await runPaper(createPaperJournal(db), config, bars);
    const r = await reconcilePaper(createPaperJournal(db), config, bars);
    assert.equal(r.paperReturn, s.totalReturn);
    assert.ok(
      r.relativeDifference < 0.001,
      `difference ${r.relativeDifference}`,
    );
    assert.ok(r.withinTarget);
    const sum = r.breakdown.timing + r.breakdown.slippage +
      r.breakdown.commission + r.breakdown.killSwitch +
      r.breakdown.fillsAndOther;
    assert.ok(Math.abs(sum - (r.paperReturn - r.backtest.research)) < 1e-12);
    assert.ok(r.breakdown.slippage < 0 && r.breakdown.commission < 0);
  } finally {
    await db.close();
  }
});

Deno.test("alerts reach the journal, a JSONL file and a loopback webhook exactly once each", async () => {
  const dir = await Deno.makeTempDir();
  const received: unknown[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      received.push(await req.json());
      return new Response("ok");
    },
  );
  const config = testConfig({
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
    alerts: {
      rules: { drawdown: 0.05, dailyLoss: 0.02, limitUsage: 0.8 },
      console: false,
      jsonl: `${dir}/alerts.jsonl`,
      webhook: `http://127.0.0.1:${server.addr.port}/hook`,
    },
  });
  const db = await memoryDb();
  try {
    const s = await runPaper(createPaperJournal(db), config, await sp500Bars());
    const rows = await db.query<{ rule: string }>(
      "SELECT rule FROM alerts ORDER BY seq",
    );
    assert.equal(rows.length, s.alerts);
    assert.ok(
      rows.some((r) => r.rule === "drawdown"),
      "March 2020 drawdown alert",
    );
    assert.ok(rows.some((r) => r.rule === "daily_loss"), "a -2% day alert");
    const lines = (await Deno.readTextFile(`${dir}/alerts.jsonl`)).trim().split(
      "\n",
    );
    assert.deepEqual(
      lines.map((l) => JSON.parse(l).rule),
      rows.map((r) => r.rule),
    );
    const hooked = received.flatMap((b) =>
      (b as { alerts: { rule: string }[] }).alerts
    );
    assert.deepEqual(hooked.map((a) => a.rule), rows.map((r) => r.rule));
  } finally {
    await db.close();
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
