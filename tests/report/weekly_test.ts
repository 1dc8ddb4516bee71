import assert from "node:assert/strict";
import {
  buildWeekly,
  isoWeek,
  renderHtml,
  type ReportModel,
  type ReportSection,
} from "../../lib/report/mod.ts";
import * as F from "./_fixtures.ts";
import { ensureSampleData, loadBars } from "../../lib/data/mod.ts";
import { reconcilePaperWeeks, runPaper } from "../../lib/paper/mod.ts";
import { createPaperJournal } from "../../lib/store/mod.ts";
import { testConfig } from "../paper/_session.ts";

const find = (m: ReportModel, title: string): ReportSection => {
  const s = m.sections.find((x) => x.title.startsWith(title));
  assert.ok(
    s,
    `section "${title}" in ${m.sections.map((x) => x.title).join(" | ")}`,
  );
  return s;
};
const card = (m: ReportModel, label: string) =>
  m.sections.flatMap((s) => (s.kind === "headline" ? s.cards : [])).find((c) =>
    c.label === label
  )?.value;

Deno.test("buildWeekly() on an empty store returns no week", async () => {
  const db = await F.memoryDb();
  assert.deepEqual(await buildWeekly(db), []);
  await db.close();
});

Deno.test("buildWeekly() cuts a backtest's out-of-sample days into ISO weeks with compounded returns", async () => {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  const dates = F.weekdays("2019-11-01", 140);
  const rets = F.fixedReturns(140);
  const weeks = await buildWeekly(db, { generatedAt: "g" });
  const expected = [...new Set(dates.map(isoWeek))];
  assert.deepEqual(weeks.map((w) => w.week), expected);
  assert.ok(weeks.every((w) => w.sourceKind === "backtest"));
  // independent compounding of week 2020-W12
  const idx = dates.flatMap((d, i) => (isoWeek(d) === "2020-W12" ? [i] : []));
  const wret = idx.reduce((e, i) => e * (1 + rets[i]), 1) - 1;
  const w12 = weeks.find((w) => w.week === "2020-W12")!;
  assert.ok(Math.abs(w12.ret - wret) < 1e-14);
  assert.equal(card(w12.model, "Week return"), `${(wret * 100).toFixed(2)}%`);
  assert.equal(card(w12.model, "Days"), "5");
  const mean = weeks.reduce((a, w) => a + w.ret, 0) / weeks.length;
  assert.equal(
    card(w12.model, "Backtest mean week"),
    `${(mean * 100).toFixed(2)}%`,
  );
  const days = find(w12.model, "Positions and P&L by day");
  assert.ok(
    days.kind === "table" && days.rows.length === 5 &&
      days.rows[0][0] === "2020-03-16",
  );
  assert.ok(renderHtml(w12.model).includes("Backtests raise no alerts"));
  await db.close();
});

Deno.test("buildWeekly() selects one week or the last N, and names the range of an absent week", async () => {
  const db = await F.memoryDb();
  const id = await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  const one = await buildWeekly(db, { week: "2020-W12", runId: id });
  assert.deepEqual(one.map((w) => w.week), ["2020-W12"]);
  assert.equal((await buildWeekly(db, { lastWeeks: 3 })).length, 3);
  await assert.rejects(
    () => buildWeekly(db, { week: "2021-W05" }),
    /has data from 2019-W44 to 2020-W20/,
  );
  await assert.rejects(() => buildWeekly(db, { week: "2021-W53" }), RangeError);
  await assert.rejects(() => buildWeekly(db, { runId: "nope" }), /no such run/);
  await db.close();
});

Deno.test("buildWeekly() reports a paper week: P&L, positions, fills, limit usage, alerts", async () => {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  const dates = await F.seedPaper(db);
  const weeks = await buildWeekly(db, { generatedAt: "g" });
  assert.deepEqual(weeks.map((w) => [w.week, w.sourceKind, w.source]), [
    ["2020-W12", "paper", "paper-test"],
    ["2020-W13", "paper", "paper-test"],
  ]);
  const [w12, w13] = weeks.map((w) => w.model);
  // equity path of the fixture: 100000 * (1 + r) per day; W12 = the first 5 days
  let eq = 100000;
  const path = [0, 0.01, -0.02, 0.01, -0.02, 0.01, -0.02, 0.01].map((
    r,
  ) => (eq *= 1 + r));
  assert.equal(card(w12, "Week P&L"), (path[4] - 100000).toFixed(2));
  assert.equal(card(w13, "Week P&L"), (path[7] - path[4]).toFixed(2));
  assert.equal(card(w12, "Fills"), "1");
  const fills = find(w12, "Trades (1 fills)");
  assert.ok(
    fills.kind === "table" && fills.rows[0][0] === dates[1] &&
      fills.rows[0][2] === "BUY",
  );
  const pos = find(w12, `Positions at ${dates[4]}`);
  assert.ok(pos.kind === "table" && pos.rows[0][1] === 10);
  const alerts = find(w12, "Alerts (1)");
  assert.ok(alerts.kind === "table" && alerts.rows[0][0] === dates[4]);
  assert.equal(find(w13, "Alerts").kind, "text");
  // the fixture's config is not a whole session config: no same-rules backtest, said so
  const vs = find(w12, "Paper vs the backtest of the same rules");
  assert.ok(
    vs.kind === "missing" && /not a complete paper config/.test(vs.text),
  );
  assert.equal(
    w12.sections.some((x) => /walk-forward|Backtest mean week/.test(x.title)),
    false,
    "never compared with another strategy's run",
  );
  const html = renderHtml(w12);
  assert.ok(
    !html.includes("<script") && html.includes("drawdown &lt;script&gt;"),
  );
  await db.close();
});

Deno.test("a paper week is compared with the backtest of the session's own rules, and says HALTED from the halt on", async () => {
  const db = await F.memoryDb();
  try {
    await ensureSampleData(db);
    await F.seedWalkForward(db, {
      symbol: "SP500",
      foldSharpes: [1],
      maxDrawdown: -0.05,
      sharpe: 1,
      winRate: 0.6,
    });
    // the shipped example's rules: its 8% drawdown limit halts the session in 2019
    const config = testConfig({ alerts: { console: false } });
    const bars = [await loadBars(db, "SP500")];
    await runPaper(createPaperJournal(db), config, bars);
    const r = await reconcilePaperWeeks(createPaperJournal(db), config, bars);
    assert.ok(r.total.halt && !r.total.haltsDiffer);
    const weeks = await buildWeekly(db, { generatedAt: "g" });
    assert.equal(weeks.length, r.weeks.length);
    for (const [i, w] of weeks.entries()) {
      const x = r.weeks[i];
      assert.equal(w.week, x.week);
      assert.ok(Math.abs(w.ret - x.paper) < 1e-12, `${w.week} return`);
      const t = find(w.model, "Paper vs the backtest of the same rules");
      assert.ok(t.kind === "table");
      assert.deepEqual(t.rows[0], [
        "paper session",
        `${(x.paper * 100).toFixed(2)}%`,
        "",
      ]);
      assert.deepEqual(t.rows[5], [
        "+ risk limits and kill switch (the backtest's own halt)",
        `${(x.backtest.killSwitch * 100).toFixed(2)}%`,
        `${(x.breakdown.killSwitch * 100).toFixed(2)}%`,
      ]);
      assert.equal(
        card(w.model, "Same rules, backtest week"),
        `${(x.backtest.killSwitch * 100).toFixed(2)}%`,
      );
      const halted: boolean = x.to >= r.total.halt!.date;
      assert.equal(
        w.model.sections[0].title.startsWith("HALTED on"),
        halted,
        w.week,
      );
      assert.equal(w.model.title.endsWith("(HALTED)"), halted);
      if (halted) {
        assert.equal(
          w.model.sections[0].title,
          `HALTED on ${r.total.halt!.date}: max-drawdown`,
        );
        assert.match(
          renderHtml(w.model),
          /drawdown \d+\.\d\d% reached the 8\.00% limit/,
        );
      }
    }
    // the session matches its rules week by week (full fills, no manual kill)
    assert.ok(r.weeks.every((x) => Math.abs(x.difference) < 1e-3));
    assert.ok(r.weeks.some((x) => x.to < r.total.halt!.date));
  } finally {
    await db.close();
  }
});
