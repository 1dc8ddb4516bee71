/**
 * One risk kernel (issue 11.11): one limits config through a backtest and a paper
 * session over the same bars gives the same decisions, bar by bar; and sizing never
 * takes the example session past a limit it respects (issue 11.10).
 */
import assert from "node:assert/strict";
import {
  planPaper,
  runPaper,
  sessionBacktest,
  sessionSettings,
} from "../../lib/paper/mod.ts";
import type { RiskDecision } from "../../lib/risk/mod.ts";
import { createPaperJournal } from "../../lib/store/mod.ts";
import { memoryDb, sp500Bars, testConfig } from "./_session.ts";

const key = (d: RiskDecision) =>
  [d.date, d.symbol, d.stage, d.action, d.rule, d.reason].join(" | ");

Deno.test("one limits config: the paper session and the backtest make every decision alike (bar, rule, ALLOW/CLIP/DENY/HALT, reason)", async () => {
  // Long/short crossover with shorts forbidden (CLIP of a flip, DENY of a new short), a
  // position cap equal to the sizing with slippage (CLIP at the fill), a tight daily-loss
  // flag (DENY of a rebalancing buy) and a drawdown kill switch without flattening (HALT).
  const config = testConfig({
    strategy: {
      name: "ma_crossover",
      params: { fastDays: 10, slowDays: 40, longShort: 1 },
    },
    sizing: { fraction: 0.8, fractionalShares: true, minTradeFraction: 0.001 },
    limits: {
      maxDrawdown: 0.1,
      dailyLossLimit: 0.01,
      maxPositionWeight: 0.8,
      maxGrossExposure: 1,
      allowShort: false,
      flattenOnKill: false,
    },
    broker: { kind: "simulated", slippageBps: 30, commissionBps: 2 },
    feed: { kind: "replay", from: "2018-01-02", to: "2020-04-17" },
  });
  const bars = await sp500Bars();
  const db = await memoryDb();
  try {
    const paper: RiskDecision[] = [];
    const s = await runPaper(createPaperJournal(db), config, bars, {
      onBar: ({ decisions }) => void paper.push(...decisions),
    });
    const plan = planPaper(config, bars);
    const bt = sessionBacktest(
      plan.groups,
      { ...sessionSettings(config), from: plan.from, to: plan.to },
      { fill: "open", slippage: true, commission: true, limits: true },
    );
    assert.deepEqual(paper.map(key), bt.decisions.map(key));
    const actions = new Set(paper.map((d) => `${d.stage}:${d.action}`));
    for (
      const a of [
        "order:ALLOW",
        "order:CLIP",
        "order:DENY",
        "fill:CLIP",
        "guard:HALT",
      ]
    ) assert.ok(actions.has(a), `the run exercises ${a}: ${[...actions]}`);
    assert.ok(paper.some((d) => d.rule === "daily-loss"), "daily-loss flag");
    // The same book: equity at every close, bit for bit.
    const eq = await db.query<{ equity: number }>(
      "SELECT equity FROM equity WHERE session_id = $s ORDER BY date",
      { s: config.name },
    );
    assert.deepEqual(eq.map((r) => r.equity), [...bt.equity]);
    assert.equal(s.halted, bt.state.guard.halted);
    // Everything but ALLOW is journaled, in order.
    const ev = await db.query<{ kind: string; date: string }>(
      "SELECT kind, date FROM events WHERE session_id = $s ORDER BY seq",
      { s: config.name },
    );
    assert.deepEqual(
      ev.map((e) => `${e.date} ${e.kind}`),
      paper.filter((d) => d.action !== "ALLOW").map((d) =>
        `${d.date} ${
          d.action === "HALT" ? "kill_switch" : `risk_${d.action.toLowerCase()}`
        }`
      ),
    );
  } finally {
    await db.close();
  }
});

Deno.test("the example session never holds more than its gross limit: fills are clipped at their price and the clips journaled", async () => {
  const config = testConfig(); // maxGrossExposure 1, slippage 2 bps, commission 1 bp
  const db = await memoryDb();
  try {
    await runPaper(createPaperJournal(db), config, await sp500Bars());
    const [{ g }] = await db.query<{ g: number }>(
      "SELECT max(gross_exposure) g FROM equity",
    );
    assert.ok(g <= config.limits.maxGrossExposure + 1e-9, `gross ${g}`);
    const clips = await db.query<{ date: string; detail: string }>(
      "SELECT date, detail FROM events WHERE kind = 'risk_clip' ORDER BY seq",
    );
    assert.deepEqual(clips.map((c) => c.date), ["2019-02-20", "2019-09-12"]);
    for (const c of clips) {
      const d = JSON.parse(c.detail);
      assert.equal(d.stage, "fill");
      assert.ok(d.quantity < d.requested);
    }
    const [{ neg }] = await db.query<{ neg: number }>(
      "SELECT count(*) neg FROM equity WHERE cash < -1e-9",
    );
    assert.equal(Number(neg), 0, "never borrows to buy");
  } finally {
    await db.close();
  }
});
