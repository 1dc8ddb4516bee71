/**
 * `deno task weekly` against the fake providers on loopback, history growing week by
 * week (`availableUntil`): the data decides which weeks are complete, each run trades
 * only the new ones, writes their reports, and a run with nothing new changes nothing.
 */
import assert from "node:assert/strict";
import { main as fetchTask } from "../../lib/cli/fetch.ts";
import { main as weekly } from "../../lib/cli/weekly.ts";
import { openDb } from "../../lib/data/mod.ts";
import { runPaperJob } from "../../lib/jobs/mod.ts";
import { parseConfig } from "../../lib/_shared/config.ts";
import {
  loadPaperConfig,
  PaperConfigSchema,
  requestKill,
} from "../../lib/paper/mod.ts";
import { readReportMeta } from "../../lib/report/mod.ts";
import { startFakeProviders } from "../data/providers/_fake_providers.ts";
import { snapshot } from "../paper/_session.ts";
import { capture, type Captured, tempStore } from "./_capture.ts";
import { holder, stop } from "./_holder.ts";
import {
  dumpStore,
  filesOf,
  weeklyConfig,
  weeklyMarket,
  writeConfig,
} from "./_weekly.ts";

interface Setup {
  dir: string;
  db: string;
  reports: string;
  config: string;
  fake: ReturnType<typeof startFakeProviders>;
  /** One cycle with the provider serving bars up to `until`, run the day after. */
  run(until: string, extra?: string[]): Promise<Captured>;
}

function dayAfter(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString()
    .slice(0, 10);
}

async function setup(
  over: Record<string, unknown> = {},
  market = weeklyMarket(),
): Promise<Setup> {
  const { dir, db } = await tempStore();
  const fake = startFakeProviders(market);
  const config = await writeConfig(dir, weeklyConfig(over));
  const reports = `${dir}/reports`;
  return {
    dir,
    db,
    reports,
    config,
    fake,
    run(until, extra = []) {
      fake.availableUntil(until);
      return capture(
        (a, io) =>
          weekly(a, io, {
            env: {},
            today: dayAfter(until),
            retry: { sleep: () => Promise.resolve(), timeoutMs: 2000 },
          }),
        [
          "--config",
          config,
          "--db",
          db,
          "--reports",
          reports,
          "--base-url",
          fake.baseUrl,
          ...extra,
        ],
      );
    },
  };
}

async function teardown(s: Setup): Promise<void> {
  await s.fake.close();
  await Deno.remove(s.dir, { recursive: true });
}

async function journalOf(
  path: string,
  session = "weekly-test",
): Promise<Record<string, unknown[]>> {
  const db = await openDb({ path });
  try {
    const [cp] = await db.query<
      { date: string; bar_index: number; state: string }
    >(
      "SELECT date, bar_index, state FROM paper_checkpoints WHERE session_id = $s",
      { s: session },
    );
    return { ...(await snapshot(db, session)), checkpoint: [cp] };
  } finally {
    await db.close();
  }
}

const weeklyPages = async (reports: string) =>
  Object.keys(await filesOf(`${reports}/weekly`)).filter((f) =>
    f !== "index.html"
  ).sort();

Deno.test("three weekly runs write three weekly reports and the journal of one session replayed over the same three weeks", async () => {
  const s = await setup();
  try {
    for (
      const [until, week] of [
        ["2024-03-08", "2024-W10"],
        ["2024-03-15", "2024-W11"],
        ["2024-03-22", "2024-W12"],
      ]
    ) {
      const r = await s.run(until);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(`traded 1 new complete week, ${week} \\(5 bars`),
      );
      assert.match(r.stdout, new RegExp(`weekly-test-${week}\\.html`));
    }
    assert.deepEqual(await weeklyPages(s.reports), [
      "weekly-test-2024-W10.html",
      "weekly-test-2024-W11.html",
      "weekly-test-2024-W12.html",
    ]);
    const index = await Deno.readTextFile(`${s.reports}/weekly/index.html`);
    assert.equal(readReportMeta(index)?.cards[0].value, "3");

    // the same three weeks in one session, on a store fetched in one go
    const ref = `${s.dir}/ref.duckdb`;
    const f = await capture(
      (a, io) => fetchTask(a, io, { env: {}, today: "2024-03-23" }),
      [
        "ACME",
        "BETA",
        "--provider",
        "yahoo",
        "--db",
        ref,
        "--base-url",
        s.fake.baseUrl,
      ],
    );
    assert.equal(f.code, 0, f.stderr);
    const config = PaperConfigSchema.parse(weeklyConfig());
    const h = await openDb({ path: ref });
    try {
      const one = await runPaperJob(h, config, {
        from: "2024-03-04",
        to: "2024-03-24",
      });
      assert.equal(one.bars, 15);
    } finally {
      await h.close();
    }
    const [a, b] = [await journalOf(s.db), await journalOf(ref)];
    assert.ok(a.fills!.length > 3, `fills ${a.fills!.length}`);
    assert.deepEqual(a, b);
  } finally {
    await teardown(s);
  }
});

Deno.test("a run with no new complete week changes nothing: the same store, the same report files", async () => {
  const s = await setup();
  try {
    assert.equal((await s.run("2024-03-08")).code, 0);
    const store = await dumpStore(s.db);
    const files = await filesOf(s.reports);
    const again = await s.run("2024-03-08");
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stdout,
      /^No new complete week for session "weekly-test": the last complete week is 2024-W10 \(ACME's last bar 2024-03-08 is the last NYSE trading day of 2024-W10\); the session has traded through 2024-03-08\./,
    );
    assert.match(again.stdout, /reports: nothing new to write/);
    assert.equal(await dumpStore(s.db), store);
    assert.deepEqual(await filesOf(s.reports), files);

    // bars of an incomplete week are stored, but the session does not move
    const mid = await s.run("2024-03-13");
    assert.equal(mid.code, 0, mid.stderr);
    assert.match(mid.stdout, /ACME: 3 new bar\(s\) 2024-03-11\.\.2024-03-13/);
    assert.match(mid.stdout, /No new complete week/);
    assert.match(
      mid.stdout,
      /in 2024-W11, which is complete only with its last NYSE trading day 2024-03-15/,
    );
    const after = JSON.parse(await dumpStore(s.db));
    const before = JSON.parse(store);
    for (
      const t of [
        "equity",
        "orders",
        "fills",
        "paper_checkpoints",
        "sessions",
        "reconciliations",
      ]
    ) {
      assert.deepEqual(after[t], before[t], t);
    }
    assert.deepEqual(await filesOf(s.reports), files);
  } finally {
    await teardown(s);
  }
});

Deno.test("the Good Friday week is complete on Thursday with the NYSE calendar, on the next Monday without one", async () => {
  const nyse = await setup();
  try {
    assert.match((await nyse.run("2024-03-22")).stdout, /week, 2024-W12 /);
    const thursday = await nyse.run("2024-03-28");
    assert.equal(thursday.code, 0, thursday.stderr);
    assert.match(
      thursday.stdout,
      /traded 1 new complete week, 2024-W13 \(4 bars, 2024-03-25\.\.2024-03-28\)/,
    );
    assert.deepEqual(await weeklyPages(nyse.reports), [
      "weekly-test-2024-W12.html",
      "weekly-test-2024-W13.html",
    ]);
  } finally {
    await teardown(nyse);
  }
  const none = await setup({ data: { provider: "yahoo", calendar: "none" } });
  try {
    // Friday's bar does not complete its week: the week before is the last complete
    assert.match((await none.run("2024-03-22")).stdout, /week, 2024-W11 /);
    assert.match((await none.run("2024-03-28")).stdout, /week, 2024-W12 /);
    const monday = await none.run("2024-04-01");
    assert.match(
      monday.stdout,
      /traded 1 new complete week, 2024-W13 \(4 bars, 2024-03-25\.\.2024-03-28\)/,
    );
  } finally {
    await teardown(none);
  }
});

Deno.test("a manual kill between cycles: the next weeks say HALTED with the date and rule, and the reconciliation reports the halts apart", async () => {
  const s = await setup();
  try {
    // the alert log next to the store
    await writeConfig(
      s.dir,
      weeklyConfig({
        alerts: { console: false, jsonl: `${s.dir}/alerts.jsonl` },
      }),
    );
    assert.equal((await s.run("2024-03-08")).code, 0);
    await requestKill(s.db, {
      flatten: true,
      reason: "operator stop",
      sessionId: "weekly-test",
    });
    const r = await s.run("2024-03-15");
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /HALTED on 2024-03-11 by the kill switch: operator stop/,
    );
    assert.match(
      r.stdout,
      /halts: session 2024-03-11 \(manual: operator stop, flattened\); backtest no halt -- DIFFERENT BARS/,
    );
    assert.equal((await s.run("2024-03-22")).code, 0);
    const page = (w: string) =>
      Deno.readTextFile(`${s.reports}/weekly/weekly-test-${w}.html`);
    assert.doesNotMatch(await page("2024-W10"), /HALTED/);
    for (const w of ["2024-W11", "2024-W12"]) {
      const html = await page(w);
      assert.match(html, /<h2>HALTED on 2024-03-11: manual<\/h2>/, w);
      assert.match(html, /operator stop/);
      assert.match(html, /on different bars: a cause of its own/);
    }
    const alerts = (await Deno.readTextFile(`${s.dir}/alerts.jsonl`)).trim()
      .split("\n").map((l) => JSON.parse(l));
    assert.ok(
      alerts.some((a) => a.rule === "halt_mismatch" && a.date === "2024-03-15"),
    );
  } finally {
    await teardown(s);
  }
});

Deno.test("weekly failure modes: each names the cause, exits 1 or 2, and leaves the store and the reports as they were", async () => {
  const s = await setup();
  try {
    assert.equal((await s.run("2024-03-08")).code, 0);
    const store = await dumpStore(s.db);
    const files = await filesOf(s.reports);
    const unchanged = async (what: string) => {
      assert.equal(await dumpStore(s.db), store, `${what}: store`);
      assert.deepEqual(await filesOf(s.reports), files, `${what}: reports`);
    };

    // the provider is down: 503 on every attempt (retried, then given up)
    s.fake.fail("500");
    const down = await s.run("2024-03-15");
    assert.equal(down.code, 1, down.stderr);
    assert.match(
      down.stderr,
      /^Cannot run the weekly cycle of session "weekly-test": the update from yahoo failed, so the session did not advance/,
    );
    assert.match(down.stderr, /yahoo.*ACME/);
    assert.match(down.stderr, /yahoo.*BETA/);
    assert.doesNotMatch(down.stderr, /^\s+at /m);
    await unchanged("provider down");
    s.fake.fail("500", 0);

    // a config without a provider, and no --provider
    const bare = await writeConfig(
      s.dir,
      weeklyConfig({ data: undefined }),
      "bare.json",
    );
    const noProvider = await capture(weekly, ["--config", bare, "--db", s.db]);
    assert.equal(noProvider.code, 2);
    assert.equal(
      noProvider.stderr,
      `Invalid config in ${bare}: field "data.provider": expected the provider of the session's symbols (store, stooq, yahoo, ibkr, alpaca), e.g. "data": { "provider": "yahoo" }, or the --provider flag, got no data section`,
    );
    await unchanged("no provider");

    // bad flag and config values
    const flag = await capture(weekly, [
      "--config",
      s.config,
      "--db",
      s.db,
      "--provider",
      "bloomberg",
    ]);
    assert.equal(flag.code, 2);
    assert.match(
      flag.stderr,
      /provider.*one of store, stooq, yahoo, ibkr, alpaca/,
    );
    const poll = await writeConfig(
      s.dir,
      weeklyConfig({ feed: { kind: "poll" } }),
      "poll.json",
    );
    const polled = await capture(weekly, ["--config", poll, "--db", s.db]);
    assert.equal(polled.code, 2);
    assert.match(polled.stderr, /field "feed\.kind": expected "replay"/);
    await unchanged("bad flags");

    // the store is held by another process
    const code = `const { openDb } = await import("${
      new URL("../../lib/data/mod.ts", import.meta.url).href
    }");
      const db = await openDb({ path: "${s.db}" });
      console.log("holding");
      await new Promise((r) => setTimeout(r, 120000));`;
    const held = await holder(["eval", code], s.db);
    try {
      const locked = await s.run("2024-03-15");
      assert.equal(locked.code, 1);
      assert.match(
        locked.stderr,
        new RegExp(
          `^Cannot open ${s.db}: another process holds it \\(pid ${held.child.pid}`,
        ),
      );
      assert.equal(locked.stderr.split("\n").length, 1, locked.stderr);
    } finally {
      await stop(held);
    }
    await unchanged("store locked");

    // and the next run does the work
    const ok = await s.run("2024-03-15");
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /week, 2024-W11 /);
  } finally {
    await teardown(s);
  }
});

Deno.test("a bar that arrives late in a week already traded is refused, naming the symbol", async () => {
  const market = weeklyMarket();
  const beta = market.BETA.bars;
  const k = beta.findIndex((b) => b.date === "2024-03-06");
  const [late] = beta.splice(k, 1);
  const s = await setup({}, market);
  try {
    assert.equal((await s.run("2024-03-08")).code, 0);
    beta.splice(k, 0, late); // the provider now has it
    const r = await s.run("2024-03-15");
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^Cannot advance session "weekly-test": the stored bars of the weeks it already traded changed \(BETA: \d+ bars 2023-\d\d-\d\d\.\.2024-03-08 when traded, \d+ now\)/,
    );
    const db = await openDb({ path: s.db });
    try {
      const [{ last }] = await db.query<{ last: string }>(
        "SELECT max(date) AS last FROM equity",
      );
      assert.equal(last, "2024-03-08", "the session did not move");
    } finally {
      await db.close();
    }
  } finally {
    await teardown(s);
  }
});

Deno.test("a split inside the bars a session trades as traded stops the cycle before the session moves", async () => {
  const market = weeklyMarket();
  const acme = market.ACME;
  for (const b of acme.bars) {
    if (b.date >= "2024-03-13") {
      b.open /= 2;
      b.high /= 2;
      b.low /= 2;
      b.close /= 2;
      b.volume *= 2;
    }
  }
  acme.splits.push({ exDate: "2024-03-13", ratio: 2 });
  const s = await setup({}, market);
  try {
    assert.equal((await s.run("2024-03-08")).code, 0);
    const r = await s.run("2024-03-15");
    assert.equal(r.code, 1, r.stdout);
    assert.match(
      r.stderr,
      /^Cannot advance session "weekly-test": ACME split 2:1 on 2024-03-13, inside the bars the session trades as traded/,
    );
    assert.deepEqual(await weeklyPages(s.reports), [
      "weekly-test-2024-W10.html",
    ]);
  } finally {
    await teardown(s);
  }
});

Deno.test("the data section of a session config: strict, with a provider and a calendar", async () => {
  const shipped = await loadPaperConfig(
    new URL("../../config/weekly_paper_trading_config.json", import.meta.url)
      .pathname,
  );
  assert.deepEqual(shipped.data, { provider: "yahoo", calendar: "nyse" });
  assert.equal(
    shipped.feed.from,
    undefined,
    "starts with the last complete week",
  );
  const parse = (data: unknown) =>
    parseConfig(PaperConfigSchema, weeklyConfig({ data }), "c.json");
  assert.equal(parse({ provider: "stooq" }).data?.calendar, "nyse");
  assert.throws(
    () => parse({ provider: "bloomberg" }),
    /field "data\.provider": expected one of store, stooq, yahoo, ibkr, alpaca/,
  );
  assert.throws(
    () => parse({ provider: "yahoo", calendar: "lse" }),
    /field "data\.calendar": expected one of nyse, none/,
  );
  assert.throws(
    () => parse({ provider: "yahoo", symbol: "SPY" }),
    /data.*symbol/,
  );
});
