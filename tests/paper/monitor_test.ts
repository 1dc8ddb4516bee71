import assert from "node:assert/strict";
import {
  createMonitorState,
  DEFAULT_ALERT_RULES,
  evaluateAlerts,
} from "../../lib/paper/monitor.ts";

function run(
  equity: number[],
  opts: {
    expectation?: { meanReturn: number; stdReturn: number };
    dates?: string[];
  } = {},
) {
  const st = createMonitorState();
  const fired: { i: number; rule: string }[] = [];
  let prev = equity[0];
  const start = Date.parse("2021-01-04T00:00:00Z");
  equity.forEach((e, i) => {
    const date = opts.dates?.[i] ??
      new Date(start + i * 86400000).toISOString().slice(0, 10);
    const previousDate = i > 0
      ? (opts.dates?.[i - 1] ??
        new Date(start + (i - 1) * 86400000).toISOString().slice(0, 10))
      : undefined;
    for (
      const a of evaluateAlerts(
        st,
        {
          date,
          previousDate,
          equity: e,
          ret: e / prev - 1,
          limitUsage: {},
          dataIssues: [],
        },
        { ...DEFAULT_ALERT_RULES, staleBars: 10 },
        opts.expectation,
      )
    ) {
      fired.push({ i, rule: a.rule });
    }
    prev = e;
  });
  return fired;
}

Deno.test("evaluateAlerts() fires the drawdown alert once when crossing and re-arms after recovery", () => {
  const path = [100, 101, 99, 97, 95.5, 95, 96, 101, 102, 96]; // 5.4% dd at i=4, new peak 102, dd 5.9% at i=9
  const dd = run(path).filter((a) => a.rule === "drawdown").map((a) => a.i);
  assert.deepEqual(dd, [4, 9]);
});

Deno.test("evaluateAlerts() fires the daily-loss alert on a one-bar loss above the limit", () => {
  const fired = run([100, 100.5, 98, 98.1]).filter((a) =>
    a.rule === "daily_loss"
  );
  assert.deepEqual(fired.map((a) => a.i), [2]); // -2.49%
});

Deno.test("evaluateAlerts() flags an anomalous return by z-score and a losing streak by CUSUM", () => {
  const eq = [100];
  for (let i = 1; i < 40; i++) {
    eq.push(eq[i - 1] * (1 + (i % 2 ? 0.001 : -0.0005)));
  }
  eq.push(eq[39] * 1.03); // a +3% day after quiet ones
  assert.ok(run(eq).some((a) => a.rule === "return_zscore" && a.i === 40));
  const losing = [100];
  for (let i = 1; i < 30; i++) losing.push(losing[i - 1] * 0.99);
  const fired = run(losing, {
    expectation: { meanReturn: 0.0005, stdReturn: 0.01 },
  });
  const cusum = fired.filter((a) => a.rule === "cusum_pnl").map((a) => a.i);
  // bar 0 has ret 0 (clipped at 0); then each bar adds (-0.01 - 0.0005)/0.01 + 0.5 = -0.55,
  // so the sum is -5.5 < -5 after 10 losing bars
  assert.deepEqual(cusum, [10]);
});

Deno.test("evaluateAlerts() reports stale data when weekdays are missing", () => {
  const st = createMonitorState();
  const a = evaluateAlerts(st, {
    date: "2021-01-15",
    previousDate: "2021-01-08",
    equity: 1,
    ret: 0,
    limitUsage: {},
    dataIssues: [],
  });
  assert.ok(a.some((x) => x.rule === "stale_data"));
  const b = evaluateAlerts(createMonitorState(), {
    date: "2021-01-11",
    previousDate: "2021-01-08",
    equity: 1,
    ret: 0,
    limitUsage: {},
    dataIssues: [],
  });
  assert.ok(!b.some((x) => x.rule === "stale_data")); // a weekend is not stale
});

Deno.test("evaluateAlerts() warns on limit usage above 80%", () => {
  const st = createMonitorState();
  const a = evaluateAlerts(st, {
    date: "2021-01-04",
    equity: 1,
    ret: 0,
    limitUsage: { gross: 0.85, drawdown: 0.2 },
    dataIssues: [],
  });
  assert.deepEqual(a.map((x) => x.rule), ["limit_usage:gross"]);
});
