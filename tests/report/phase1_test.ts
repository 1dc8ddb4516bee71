import assert from "node:assert/strict";
import {
  buildPhase1,
  renderHtml,
  type ReportModel,
  type ReportSection,
} from "../../lib/report/mod.ts";
import * as F from "./_fixtures.ts";
import { readSampleBars, upsertBars } from "../../lib/data/mod.ts";
import {
  runControls,
  runWalkForward,
  w1Config,
} from "../../lib/walkforward/mod.ts";
import { buildManifest, hashBars } from "../../lib/_shared/manifest.ts";
import { listRuns, saveRun } from "../../lib/store/mod.ts";

const find = (m: ReportModel, title: string): ReportSection => {
  const s = m.sections.find((x) => x.title.startsWith(title));
  assert.ok(
    s,
    `section "${title}" in ${m.sections.map((x) => x.title).join(" | ")}`,
  );
  return s;
};
const rowsOf = (
  s: ReportSection,
) => (s.kind === "table" ? s.rows : assert.fail(`${s.title} is ${s.kind}`));

async function full(overrides: Partial<F.SeedRun> = {}) {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1.2345, 0.95],
    maxDrawdown: -0.0612,
    sharpe: 0.91,
    winRate: 0.55,
  });
  await F.seedWalkForward(db, {
    symbol: "AAPL",
    foldSharpes: [1.1],
    maxDrawdown: -0.07,
    sharpe: 0.5,
    winRate: 0.53,
    startedAt: "2026-01-02T00:00:00.000Z",
    ...overrides,
  });
  await F.seedMl(db);
  await F.seedStress(db);
  return db;
}

Deno.test("buildPhase1() on an empty store says what to run and fails every criterion as not measured", async () => {
  const db = await F.memoryDb();
  const m = await buildPhase1(db, { generatedAt: "2026-01-01T00:00:00Z" });
  const score = rowsOf(find(m, "Scorecard"));
  assert.equal(score.length, 5);
  for (const r of score) {
    assert.equal(r[1], "not measured");
    assert.equal(r[3], "FAIL");
  }
  const commands = m.sections.flatMap((
    s,
  ) => (s.kind === "missing" ? [s.command] : []));
  assert.ok(commands.includes("deno task walkforward --symbol SP500"));
  assert.ok(
    commands.some((c) => c.startsWith("deno task train --symbol SP500")),
  );
  assert.ok(commands.some((c) => c.startsWith("deno task stress")));
  assert.ok(commands.some((c) => c.startsWith("deno task optimize")));
  assert.ok(commands.some((c) => c.startsWith("deno task multi-symbol")));
  const html = renderHtml(m);
  assert.ok(html.includes("No walk-forward run stored yet."));
  assert.ok(
    html.includes(
      "Backtest fills: a position decided with data up to the close of day t is filled at the close of t",
    ),
  );
  await db.close();
});

Deno.test("buildPhase1() shows stored fold metrics formatted (drawdowns positive %) and the scorecard from data", async () => {
  const db = await full();
  const m = await buildPhase1(db, { generatedAt: "g" });
  const folds = rowsOf(find(m, "SP500: per-fold"));
  assert.deepEqual(folds.map((r) => [r[0], r[3], r[4], r[6], r[7]]), [
    [0, 70, 1.2345, 0.01, 0.56],
    [1, 70, 0.95, 0.02, 0.56],
  ]);
  const score = rowsOf(find(m, "Scorecard"));
  assert.deepEqual(score.map((r) => [r[1], r[2], r[3]]), [
    ["0.95", "> 0.8", "PASS"],
    ["7.00%", "< 8%", "PASS"],
    ["55.00%", "> 52%", "PASS"],
    ["75.00%", "> 70%", "PASS"],
    ["0.50", "> 0", "PASS"],
  ]);
  const head = find(m, "Long-history walk-forward: SP500");
  assert.ok(head.kind === "headline" && head.cards[0].value === "5/5 pass");
  const stress = rowsOf(find(m, "Stress tests"));
  assert.deepEqual(stress[0].slice(0, 8), [
    "covid-2020",
    "SP500",
    "2020-02-19",
    "2020-03-23",
    23,
    -0.3391,
    0.3392,
    -0.1198,
  ]);
  const multi = rowsOf(find(m, "Multi-asset comparison"));
  assert.deepEqual(multi.map((r) => [r[0], r[2], r[4]]), [["AAPL", 0.5, 0.07], [
    "SP500",
    0.91,
    0.0612,
  ]]);
  await db.close();
});

Deno.test("buildPhase1() scorecard fails a criterion the data misses", async () => {
  const db = await full({
    foldSharpes: [0.5],
    maxDrawdown: -0.09,
    sharpe: -0.2,
  });
  const score = rowsOf(
    find(await buildPhase1(db, { generatedAt: "g" }), "Scorecard"),
  );
  // the AAPL run does not enter "every period" (long-history run is SP500) but does enter
  // the worst-case drawdown and the cross-asset consistency
  assert.deepEqual(score.map((r) => [r[1], r[3]]), [
    ["0.95", "PASS"],
    ["9.00%", "FAIL"],
    ["55.00%", "PASS"],
    ["75.00%", "PASS"],
    ["-0.20", "FAIL"],
  ]);
  await db.close();
});

Deno.test("buildPhase1() cuts the Feb-Apr 2020 stress window from the out-of-sample days", async () => {
  const db = await full();
  const m = await buildPhase1(db, { generatedAt: "g" });
  const inWindow = F.weekdays("2019-11-01", 140).filter((d) =>
    d >= "2020-02-01" && d <= "2020-04-30"
  );
  const s = find(m, "2020 stress window");
  assert.equal(
    s.title,
    `2020 stress window (Feb–Apr 2020) (${inWindow[0]} – ${
      inWindow.at(-1)
    }, ${inWindow.length} days)`,
  );
  const db2 = await F.memoryDb();
  await F.seedWalkForward(db2, {
    symbol: "SP500",
    from: "2015-01-01",
    foldSharpes: [1],
    maxDrawdown: -0.01,
    sharpe: 1,
    winRate: 0.6,
  });
  const missing = find(
    await buildPhase1(db2, { generatedAt: "g" }),
    "2020 stress window",
  );
  assert.ok(
    missing.kind === "missing" &&
      missing.command.includes("--end-date 2020-04-17"),
  );
  await db.close();
  await db2.close();
});

Deno.test("buildPhase1() breaks returns down by volatility regime when the bars are stored", async () => {
  const db = await full();
  const before = find(
    await buildPhase1(db, { generatedAt: "g" }),
    "Regime breakdown",
  );
  assert.equal(before.kind, "missing");
  await F.seedBars(db, "SP500", F.weekdays("2018-06-01", 600));
  const m = await buildPhase1(db, { generatedAt: "g" });
  const rows = rowsOf(find(m, "Regime breakdown"));
  assert.deepEqual(rows.map((r) => r[0]), [
    "low vol",
    "normal vol",
    "high vol",
  ]);
  const days = rows.reduce((a, r) => a + Number(r[1]), 0);
  assert.ok(days > 0 && days <= 140);
  assert.ok(renderHtml(m).includes("Background: volatility regime"));
  await db.close();
});

Deno.test("buildPhase1() escapes a hostile symbol everywhere it appears", async () => {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: F.XSS,
    foldSharpes: [1],
    maxDrawdown: -0.01,
    sharpe: 1,
    winRate: 0.6,
  });
  await F.seedMl(db, F.XSS);
  await F.seedStress(db, F.XSS);
  const html = renderHtml(
    await buildPhase1(db, { symbol: F.XSS, generatedAt: "g" }),
  );
  assert.ok(!html.includes("<script"), "no live script tag");
  assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;: per-fold"));
  await db.close();
});

Deno.test("buildPhase1() on a real W1 walk-forward of the S&P 500 sample reports the run's own numbers", async () => {
  const db = await F.memoryDb();
  const bars = await readSampleBars("SP500");
  const result = runWalkForward(bars, w1Config);
  const controls = runControls(bars, w1Config, { seeds: [1] });
  const at = "2026-01-01T00:00:00.000Z";
  await saveRun(
    db,
    buildManifest({
      kind: "walkforward",
      config: { ...w1Config, symbol: "SP500" },
      dataHash: hashBars(bars),
      codeVersion: "test",
      seed: 42,
      startedAt: at,
      endedAt: at,
      timings: {},
    }),
    result,
    { extraMetrics: { controls } },
  );
  await upsertBars(db, [bars], { source: "sample" });
  const m = await buildPhase1(db, { generatedAt: "g" });
  assert.equal(rowsOf(find(m, "SP500: per-fold")).length, result.folds.length);
  const score = rowsOf(find(m, "Scorecard"));
  assert.equal(
    score[1][1],
    `${(-result.metrics.maxDrawdown * 100).toFixed(2)}%`,
  );
  assert.equal(score[2][1], `${(result.metrics.winRate * 100).toFixed(2)}%`);
  const minFold = Math.min(...result.folds.map((f) => f.metrics.sharpe));
  assert.equal(score[0][1], minFold.toFixed(2));
  const head = find(m, "Long-history walk-forward: SP500");
  assert.ok(head.kind === "headline");
  assert.equal(
    head.cards.find((c) => c.label === "Max drawdown")?.value,
    `${(-result.metrics.maxDrawdown * 100).toFixed(2)}%`,
  );
  const regime = rowsOf(find(m, "Regime breakdown"));
  assert.ok(
    regime.reduce((a, r) => a + Number(r[1]), 0) <= result.oos.dates.length,
  );
  // the controls of the run sit next to the run's own figures
  const ctl = find(m, "SP500: adversarial controls of run");
  assert.ok(ctl.kind === "table");
  const at0 = m.sections.indexOf(ctl);
  assert.ok(at0 < m.sections.indexOf(find(m, "SP500: per-fold")));
  assert.deepEqual(ctl.rows[0].slice(0, 5), [
    "the run itself",
    "-",
    "the real bars and labels",
    result.metrics.days,
    result.metrics.sharpe,
  ]);
  assert.deepEqual(
    ctl.rows.slice(1).map((r) => [r[0], r[4], r[6]]),
    controls.runs.map((c) => [c.kind, c.sharpe, "PASS"]),
  );
  assert.match(ctl.caption ?? "", /Verdict: no edge: every gated control/);
  await db.close();
});

Deno.test("buildPhase1() says so when the run was made without adversarial controls", async () => {
  const db = await full();
  const m = await buildPhase1(db, { generatedAt: "g" });
  const ctl = find(m, "SP500: adversarial controls of run");
  assert.equal(ctl.kind, "missing");
  assert.ok(ctl.kind === "missing");
  assert.match(ctl.text, /made without adversarial controls/);
  assert.match(
    ctl.command,
    /^deno task walkforward --symbol SP500 .*--controls$/,
  );
  await db.close();
});

Deno.test("buildPhase1() for a named symbol shows only that symbol's runs, and the scorecard names the runs it measured", async () => {
  const db = await full();
  const [sp, aapl] = (await listRuns(db)).filter((r) =>
    r.kind === "walkforward"
  )
    .sort((a, b) => String(a.symbol).localeCompare(String(b.symbol)))
    .reverse();
  assert.equal(sp.symbol, "SP500");
  const m = await buildPhase1(db, { symbol: "AAPL", generatedAt: "g" });
  assert.match(m.scope ?? "", /^symbol AAPL \(named\)/);
  const html = renderHtml(m);
  assert.ok(!html.includes(sp.runId), "no SP500 run in the AAPL report");
  assert.ok(html.includes(aapl.runId));
  const score = rowsOf(find(m, "Scorecard"));
  assert.match(String(score[0][4]), new RegExp(`\\(${aapl.runId}\\)$`));
  assert.match(
    String(score[1][4]),
    new RegExp(`over 1 symbol run\\(s\\) \\(AAPL ${aapl.runId}\\)`),
  );
  const all = await buildPhase1(db, { generatedAt: "g" });
  assert.match(
    all.scope ?? "",
    /^all symbols; the long-history run is the newest walk-forward run of SP500/,
  );
  assert.match(
    String(rowsOf(find(all, "Scorecard"))[1][4]),
    new RegExp(`AAPL ${aapl.runId}, SP500 ${sp.runId}`),
  );
  await db.close();
});
