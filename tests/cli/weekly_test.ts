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
import { PaperConfigSchema, requestKill } from "../../lib/paper/mod.ts";
import { readReportMeta } from "../../lib/report/mod.ts";
import { startFakeProviders } from "../data/providers/_fake_providers.ts";
import { snapshot } from "../paper/_session.ts";
import { capture, type Captured, tempStore } from "./_capture.ts";
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
    await requestKill(s.db, { flatten: true, reason: "operator stop" });
    const r = await s.run("2024-03-15");
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /HALTED by the kill switch/);
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
