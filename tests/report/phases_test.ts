import assert from "node:assert/strict";
import {
  buildPhase2,
  buildPhase3,
  buildPhase4,
  buildPhase5,
  renderHtml,
  type ReportModel,
  type ReportSection,
} from "../../lib/report/mod.ts";
import * as F from "./_fixtures.ts";
import { reconciliationRow, saveReconciliation } from "../../lib/store/mod.ts";

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

/** The fixture paper session's daily returns (see seedPaper). */
const paperRets = Array.from(
  { length: 8 },
  (_, i) => (i === 0 ? 0 : i % 2 ? 0.01 : -0.02),
);

Deno.test("every phase report on an empty store names the command that produces each section", async () => {
  const db = await F.memoryDb();
  const expect: [ReportModel, string][] = [
    [
      await buildPhase2(db, { generatedAt: "g" }),
      "deno task paper --config config/enhanced_paper_trading_config.json",
    ],
    [await buildPhase3(db, { generatedAt: "g" }), "deno task preflight"],
    [await buildPhase3(db, { generatedAt: "g" }), "deno task portfolio"],
    [await buildPhase4(db, { generatedAt: "g" }), "deno task portfolio"],
    [await buildPhase4(db, { generatedAt: "g" }), "deno task stress"],
    [
      await buildPhase5(db, { generatedAt: "g" }),
      "deno task optimize --strategy pairs",
    ],
    [await buildPhase5(db, { generatedAt: "g" }), "deno task ingest"],
  ];
  for (const [m, cmd] of expect) {
    const cmds = m.sections.flatMap((
      s,
    ) => (s.kind === "missing" ? [s.command] : []));
    assert.ok(
      cmds.some((c) => c.startsWith(cmd)),
      `${m.title}: ${cmd} in ${cmds.join(" | ")}`,
    );
    assert.ok(
      !/\d+\.\d+%/.test(renderHtml(m).replace(/<pre>[\s\S]*<\/pre>/, "")),
      `${m.title} shows no percentage`,
    );
  }
  await db.close();
});

Deno.test("buildPhase2() reports limit usage, alerts (escaped) and paper vs backtest from the journal", async () => {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  const dates = await F.seedPaper(db);
  const m = await buildPhase2(db, { generatedAt: "g" });
  // independent: drawdown path of the fixture equity
  let eq = 1, peak = 1, worstDd = 0;
  for (const r of paperRets) {
    eq *= 1 + r;
    peak = Math.max(peak, eq);
    worstDd = Math.max(worstDd, 1 - eq / peak);
  }
  const limits = rowsOf(find(m, "Risk compliance"));
  assert.deepEqual(limits[0], [
    "drawdown (positive)",
    `${(worstDd * 100).toFixed(2)}%`,
    "20.00%",
    Number((worstDd / 0.2 * 100).toFixed(2)),
    "PASS",
  ]);
  assert.deepEqual(limits[1], [
    "daily loss (positive)",
    "2.00%",
    "5.00%",
    40,
    "PASS",
  ]);
  assert.deepEqual(limits[2], [
    "gross exposure (x equity)",
    "0.240",
    "1.500",
    16,
    "PASS",
  ]);
  assert.deepEqual(limits[3].slice(2), ["no limit", null, "n/a"]);
  const alerts = rowsOf(find(m, "Alerts"));
  assert.deepEqual(alerts[0].slice(0, 3), [dates[4], "drawdown", "warning"]);
  const cmp = rowsOf(find(m, "Paper vs walk-forward: session paper-test"));
  const paperTotal = paperRets.reduce((e, r) => e * (1 + r), 1) - 1;
  assert.deepEqual(cmp[0], [
    "paper return",
    `${(paperTotal * 100).toFixed(2)}%`,
  ]);
  assert.ok(
    find(m, "Paper vs walk-forward: session").title.endsWith("(8 common days)"),
  );
  assert.equal(
    find(m, "Paper vs backtest of the same rules").kind,
    "missing",
    "no reconciliation stored yet: the section names the command",
  );
  const events = rowsOf(find(m, "Journal events by kind"));
  assert.deepEqual(events, [["risk_clip", 1]]);
  const html = renderHtml(m);
  assert.ok(!html.includes("<script"));
  assert.ok(
    html.includes(
      "Paper fills: orders decided at the close of day t fill at the open of t+1",
    ),
  );
  await db.close();
});

Deno.test("buildPhase3() allocates the session capital by the best portfolio method and lists the gates", async () => {
  const db = await F.memoryDb();
  await F.seedPaper(db);
  await F.seedPortfolio(db);
  const m = await buildPhase3(db, { generatedAt: "g" });
  const alloc = find(m, "Capital allocation plan");
  assert.ok(
    alloc.title.includes("min_variance"),
    "min_variance has the higher Sharpe (0.71 > 0.64)",
  );
  assert.deepEqual(rowsOf(alloc), [["SP500", 30, 30000], ["AAPL", 70, 70000]]);
  assert.deepEqual(
    rowsOf(find(m, "Limits in force")).find((r) => r[0] === "maxDrawdown"),
    ["maxDrawdown", "0.2"],
  );
  assert.equal(find(m, "Go-live checklist: preflight").kind, "missing");
  const head = find(m, "Go-live readiness");
  assert.ok(head.kind === "headline");
  assert.deepEqual(head.cards.map((c) => c.value), [
    "2/4 pass",
    "not stored",
    "100000",
  ]);
  const gates = rowsOf(find(m, "Go-live checklist: readiness"));
  assert.deepEqual(gates.map((g) => g[1]), ["FAIL", "PASS", "FAIL", "PASS"]);
  await db.exec(
    "CREATE TABLE preflight_checks (checked_at VARCHAR, name VARCHAR, ok BOOLEAN, detail VARCHAR)",
  );
  await db.exec(
    `INSERT INTO preflight_checks VALUES ('2026-01-01T00:00:00Z', 'config valid', true, 'ok'),
    ('2026-01-01T00:00:00Z', 'data fresh', false, 'last bar 2020-04-17'), ('2025-01-01T00:00:00Z', 'old', true, '')`,
  );
  const pre = rowsOf(
    find(
      await buildPhase3(db, { generatedAt: "g" }),
      "Go-live checklist: preflight",
    ),
  );
  assert.deepEqual(pre, [["config valid", "PASS", "ok"], [
    "data fresh",
    "FAIL",
    "last bar 2020-04-17",
  ]]);
  await db.close();
});

Deno.test("buildPhase4() shows portfolio methods with weights over time, a VaR backtest and stress tests", async () => {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  await F.seedPortfolio(db);
  await F.seedStress(db);
  const m = await buildPhase4(db, { generatedAt: "g" });
  const pf = rowsOf(find(m, "Portfolio optimisation"));
  assert.deepEqual(pf.map((r) => [r[0], r[5], r[6]]), [["hrp", 0.64, 7.34], [
    "min_variance",
    0.71,
    7.34,
  ]]);
  assert.equal(pf[0][9], "SP500 30.0%, AAPL 70.0%");
  assert.equal(
    m.sections.filter((s) => s.title.endsWith("allocation weights over time"))
      .length,
    2,
  );
  const head = find(m, "Risk and allocation");
  assert.ok(head.kind === "headline");
  assert.deepEqual(head.cards.slice(2).map((c) => c.value), [
    "min_variance 0.71",
    "gfc-2008 -45.00%",
  ]);
  // independent 1st percentile of the fixture returns (numpy "linear" percentile)
  const r = [...F.fixedReturns(140)].sort((x, y) => x - y);
  const h = 0.01 * 139, lo = Math.floor(h);
  const var99 = r[lo] + (h - lo) * (r[lo + 1] - r[lo]);
  assert.equal(head.cards[0].value, `${(-var99 * 100).toFixed(2)}%`);
  const vb = rowsOf(find(m, "SP500: VaR backtest"));
  assert.deepEqual(vb.map((r) => r[0]), [
    "historical",
    "normal",
    "cornish-fisher",
  ]);
  assert.ok(
    vb.every((r) => r[1] === 140 - 70),
    "forecasts start after the 70-day window",
  );
  assert.ok(
    m.sections.some((s) => s.title.startsWith("Stress tests: run stress-1")),
  );
  await db.close();
});

Deno.test("buildPhase5() groups stored strategy searches by family and names what is missing", async () => {
  const db = await F.memoryDb();
  await F.seedOptimize(db);
  const m = await buildPhase5(db, { generatedAt: "g" });
  const pairs = rowsOf(find(m, "Strategies: pairs / statistical arbitrage"));
  assert.deepEqual(pairs, [[
    "pairs / statistical arbitrage",
    "pairs",
    "A,B",
    "2015-01-02 – 2020-04-17",
    10,
    40,
    1.5,
    1.23,
    25,
    12.3,
    0.42,
    0.61,
    "not recorded (a run stored before runs recorded it)",
  ]]);
  const mr = rowsOf(find(m, "Strategies: mean reversion"));
  assert.deepEqual(mr.map((r) => r[7]), [0.4], "only the newest rsi search");
  assert.equal(find(m, "Strategies: momentum").kind, "missing");
  assert.equal(find(m, "Strategies: trend").kind, "missing");
  const head = find(m, "Strategy searches stored");
  assert.ok(head.kind === "headline");
  assert.deepEqual(head.cards.map((c) => c.value), ["2", "80", "1.23"]);
  await db.close();
});

Deno.test("every phase report ends with its run manifest (config, data hash, code version, timings) and states fill timing", async () => {
  const db = await F.memoryDb();
  await F.seedWalkForward(db, {
    symbol: "SP500",
    foldSharpes: [1],
    maxDrawdown: -0.05,
    sharpe: 1,
    winRate: 0.6,
  });
  await F.seedPaper(db);
  await F.seedOptimize(db);
  for (const build of [buildPhase2, buildPhase3, buildPhase4, buildPhase5]) {
    const html = renderHtml(await build(db, { generatedAt: "g" }));
    const last = html.lastIndexOf("<section>");
    assert.ok(
      html.slice(last).startsWith("<section><h2>Run manifest</h2><pre>"),
    );
    const manifest = html.slice(last);
    assert.ok(manifest.includes("&quot;timings&quot;"), "timings");
    assert.ok(/dataHash|data_hash/.test(manifest), "data hash");
    assert.ok(html.includes("fills"), "fill timing stated");
  }
  const m4 = await buildPhase4(db, { generatedAt: "g" });
  const run = (m4.manifest as { run: Record<string, unknown> }).run;
  assert.equal(run.dataHash, "00ff00ff00ff00ff");
  assert.equal(run.codeVersion, "0.1.0+test");
  assert.deepEqual((run.config as Record<string, unknown>).train, 252);
  const m5 = await buildPhase5(db, { generatedAt: "g" });
  const opt =
    (m5.manifest as { optimizeRuns: { config: unknown }[] }).optimizeRuns;
  assert.deepEqual(opt[0].config, {}, "config parsed from its JSON text");
  await db.close();
});

Deno.test("Phase 2 shows the stored same-rules reconciliation and Phase 3 gates on it", async () => {
  const db = await F.memoryDb();
  await F.seedPaper(db);
  const r = {
    sessionId: "paper-test",
    from: "2020-01-02",
    to: "2020-01-13",
    paperReturn: 0.0123,
    backtest: {
      research: 0.02,
      timing: 0.015,
      slippage: 0.014,
      costs: 0.0135,
      killSwitch: 0.0125,
      sessionHalt: 0.0125,
    },
    halt: { date: "2020-01-10", flatten: true, rule: "max-drawdown" },
    backtestHalt: { date: "2020-01-10", flatten: true, rule: "max-drawdown" },
    haltsDiffer: false,
    breakdown: {
      timing: -0.005,
      slippage: -0.001,
      commission: -0.0005,
      killSwitch: -0.001,
      halt: 0,
      fillsAndOther: -0.0002,
    },
    relativeDifference: 0.0002 / 1.0125,
    withinTarget: true,
    target: 0.05,
    maxDailyDeviation: 0.0004,
  };
  await saveReconciliation(
    db,
    reconciliationRow(r, "2026-12-02T00:00:00.000Z"),
  );
  const m = await buildPhase2(db, { generatedAt: "g" });
  const s = find(m, "Paper vs backtest of the same rules: session paper-test");
  assert.equal(s.title.endsWith("2020-01-02 – 2020-01-13"), true);
  const rows = rowsOf(s);
  assert.deepEqual(rows[0], ["paper session", "1.23%", ""]);
  assert.deepEqual(rows[5], [
    "+ risk limits and kill switch (backtest halted 2020-01-10)",
    "1.25%",
    "-0.10%",
  ]);
  assert.deepEqual(rows[6], [
    "+ halting where the session did (2020-01-10)",
    "1.25%",
    "0.00%",
  ]);
  assert.deepEqual(rows[8], [
    "difference to the backtest with limits (target 5.00%)",
    "0.02%",
    "PASS",
  ]);
  const gates = rowsOf(
    find(
      await buildPhase3(db, { generatedAt: "g" }),
      "Go-live checklist: readiness",
    ),
  );
  const gate = gates.find((g) => String(g[0]).startsWith("Paper within 5%"));
  assert.deepEqual(gate, [
    "Paper within 5% of the same-rules backtest",
    "PASS",
    "0.020% from the same-rules backtest (target 5.0%)",
  ]);
  await db.close();
});
