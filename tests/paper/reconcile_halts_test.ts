/**
 * Reconciliation derives the backtest's halt from the same limits applied to the
 * backtest's own equity (lib/risk's guard in lib/backtest's execution backtest), never
 * from the session's event log; when the two halt on different bars, that is a cause of
 * its own in the breakdown.
 */
import assert from "node:assert/strict";
import {
  killFilePath,
  reconcilePaper,
  reconcilePaperWeeks,
  runPaper,
} from "../../lib/paper/mod.ts";
import { openDb } from "../../lib/data/open_db.ts";
import { createPaperJournal } from "../../lib/store/mod.ts";
import { memoryDb, sp500Bars, testConfig } from "./_session.ts";

const sumOf = (b: Record<string, number>) =>
  Object.values(b).reduce((a, x) => a + x, 0);

Deno.test("a manual kill in the session: the backtest does not halt, and the halt is a reported cause", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/paper.duckdb`;
  const config = testConfig({
    limits: { maxDrawdown: 0.5, dailyLossLimit: 0.2 },
  });
  const bars = await sp500Bars();
  const db = await openDb({ path });
  try {
    let n = 0, killedAt = "";
    await runPaper(createPaperJournal(db), config, bars, {
      dbPath: path,
      onBar: ({ date }) => {
        if (++n === 60) {
          killedAt = date;
          Deno.writeTextFileSync(
            killFilePath(path),
            JSON.stringify({ flatten: true, reason: "operator stop" }),
          );
        }
      },
    });
    const r = await reconcilePaper(createPaperJournal(db), config, bars);
    assert.ok(r.halt && r.halt.date > killedAt);
    assert.equal(r.halt.rule, "manual");
    assert.equal(r.halt.reason, "operator stop");
    assert.equal(
      r.backtestHalt,
      null,
      "50% drawdown limit: the rules never halt",
    );
    assert.equal(r.haltsDiffer, true);
    // the manual halt is its own cause; replaying it explains the session exactly
    assert.ok(Math.abs(r.breakdown.halt) > 0.005, `halt ${r.breakdown.halt}`);
    assert.ok(
      Math.abs(r.breakdown.fillsAndOther) < 1e-9,
      `fills/other ${r.breakdown.fillsAndOther}`,
    );
    assert.equal(
      r.backtest.sessionHalt - r.backtest.killSwitch,
      r.breakdown.halt,
    );
    assert.ok(
      Math.abs(sumOf(r.breakdown) - (r.paperReturn - r.backtest.research)) <
        1e-12,
    );
    // the session is compared with the rules, which kept trading
    assert.ok(
      Math.abs(
        r.relativeDifference -
          Math.abs(r.paperReturn - r.backtest.killSwitch) /
            (1 + r.backtest.killSwitch),
      ) < 1e-15,
    );

    // week by week: weeks before the halt agree with the rules, the halt's week does not
    const w = await reconcilePaperWeeks(createPaperJournal(db), config, bars);
    const { sessionId: _s, from: _f, to: _t, ...total } = r;
    assert.deepEqual(w.total, total);
    const before = w.weeks.filter((x) => x.to < killedAt);
    assert.ok(before.length > 5);
    for (const x of before) {
      assert.ok(Math.abs(x.difference) < 1e-9, `${x.week} ${x.difference}`);
      assert.equal(x.breakdown.halt, 0);
    }
    // the first week that differs is not before the halt, and the halt explains it
    const first = w.weeks.find((x) => Math.abs(x.difference) > 1e-9)!;
    assert.ok(first.to >= r.halt.date, `${first.week} vs halt ${r.halt.date}`);
    assert.ok(Math.abs(first.breakdown.halt - first.difference) < 1e-9);
    // compounding the weeks gives the totals
    const comp = (k: (x: (typeof w.weeks)[number]) => number) =>
      w.weeks.reduce((e, x) => e * (1 + k(x)), 1) - 1;
    assert.ok(Math.abs(comp((x) => x.paper) - r.paperReturn) < 1e-12);
    assert.ok(
      Math.abs(comp((x) => x.backtest.killSwitch) - r.backtest.killSwitch) <
        1e-12,
    );
  } finally {
    await db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a fill difference: partial fills take the session's drawdown limit to another bar than the backtest's", async () => {
  // the example's 8% drawdown limit trips in 2019; the session fills 30% of each order
  // per bar, the backtest of the rules fills whole orders
  const config = testConfig({
    broker: {
      kind: "simulated",
      slippageBps: 2,
      commissionBps: 1,
      partialFillRatio: 0.3,
    },
  });
  const bars = await sp500Bars();
  const db = await memoryDb();
  try {
    await runPaper(createPaperJournal(db), config, bars);
    const r = await reconcilePaper(createPaperJournal(db), config, bars);
    assert.ok(r.backtestHalt, "the rules halt on their own equity");
    assert.equal(r.backtestHalt.rule, "max-drawdown");
    assert.match(r.backtestHalt.reason ?? "", /reached the 8.00% limit/);
    assert.notEqual(r.halt?.date, r.backtestHalt.date);
    assert.equal(r.haltsDiffer, true);
    assert.notEqual(r.breakdown.halt, 0);
    assert.ok(
      Math.abs(sumOf(r.breakdown) - (r.paperReturn - r.backtest.research)) <
        1e-12,
    );
  } finally {
    await db.close();
  }
});

Deno.test("halts on the same bar agree: no halt cause, the backtest matches the session", async () => {
  const config = testConfig();
  const bars = await sp500Bars();
  const db = await memoryDb();
  try {
    await runPaper(createPaperJournal(db), config, bars);
    const r = await reconcilePaper(createPaperJournal(db), config, bars);
    assert.ok(r.halt && r.backtestHalt);
    assert.equal(r.halt.date, r.backtestHalt.date);
    assert.equal(r.halt.rule, "max-drawdown");
    assert.equal(r.halt.reason, r.backtestHalt.reason);
    assert.equal(r.haltsDiffer, false);
    assert.equal(r.breakdown.halt, 0);
    assert.equal(r.backtest.sessionHalt, r.backtest.killSwitch);
    assert.ok(r.relativeDifference < 0.001);
  } finally {
    await db.close();
  }
});
