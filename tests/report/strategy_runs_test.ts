/**
 * The ensemble (Phase 1) and regime-aware strategy (Phase 4) sections read the newest
 * `deno task strategies` run of the symbol, and say what to run when none is stored.
 */
import assert from "node:assert/strict";
import type { DbEngine } from "../../lib/data/mod.ts";
import { buildPhase1, buildPhase4 } from "../../lib/report/mod.ts";
import type { ReportSection } from "../../lib/report/model.ts";
import {
  ensembleSections,
  regimeStrategySections,
} from "../../lib/report/_strategy_runs.ts";
import type { StrategyRunSummary } from "../../lib/strategies/mod.ts";
import {
  saveStrategiesRun,
  strategyComponentRow,
  strategyRunRow,
} from "../../lib/store/mod.ts";
import { memoryDb } from "./_fixtures.ts";

const stats = (sharpe: number, maxDrawdown: number) => ({
  days: 252,
  sharpe,
  annualReturn: 0.05,
  annualVolatility: 0.1,
  totalReturn: 0.0512,
  maxDrawdown,
});

function summary(
  kind: "ensemble" | "regime",
  name: string,
  sharpe: number,
  transitions: number | null = null,
): StrategyRunSummary {
  return {
    kind,
    name,
    stats: stats(sharpe, -0.1234),
    oosStart: "2019-01-02",
    oosEnd: "2019-12-31",
    folds: 2,
    regimeTransitions: transitions,
    detail: {},
  };
}

async function seed(
  db: DbEngine,
  runId: string,
  symbol: string,
  createdAt: string,
  shift: number,
): Promise<void> {
  const meta = {
    runId,
    symbol,
    config: {},
    startedAt: createdAt,
    endedAt: createdAt,
    codeVersion: "t",
    dataHash: "h",
  };
  const runs = [
    summary("ensemble", "equal", 0.5 + shift),
    summary("ensemble", "sharpe", 0.25 + shift),
    summary("regime", "momentum", 0.4 + shift),
    summary("regime", "momentum_vol_scaled", 0.55 + shift, 7),
  ].map((s) => strategyRunRow(s, meta));
  const comps = ["equal", "sharpe"].flatMap((method, m) =>
    ["a", "b"].map((component, i) =>
      strategyComponentRow({
        method,
        component,
        pnl: 0.1,
        share: i === 0 ? 0.75 - 0.5 * m : 0.25 + 0.5 * m,
        meanWeight: 0.5,
        oosSharpe: 0.3 + i + shift,
      }, runId)
    )
  );
  await saveStrategiesRun(db, { runs, components: comps }, createdAt);
}

function table(s: ReportSection) {
  assert.equal(s.kind, "table", JSON.stringify(s));
  return s as Extract<ReportSection, { kind: "table" }>;
}

Deno.test("strategy sections: missing names deno task strategies when nothing is stored", async () => {
  const db = await memoryDb();
  try {
    for (
      const sections of [
        await ensembleSections(db, "SP500"),
        await regimeStrategySections(db, "SP500"),
      ]
    ) {
      assert.equal(sections.length, 1);
      const s = sections[0];
      assert.equal(s.kind, "missing");
      if (s.kind === "missing") {
        assert.equal(s.command, "deno task strategies --symbol SP500");
      }
    }
    const p1 = await buildPhase1(db, { generatedAt: "2026-01-01T00:00:00Z" });
    const e = p1.sections.find((s) => s.title === "Ensemble breakdown");
    assert.equal(e?.kind, "missing");
    const p4 = await buildPhase4(db, { generatedAt: "2026-01-01T00:00:00Z" });
    const r = p4.sections.find((s) => s.title === "Regime-aware strategies");
    assert.equal(r?.kind, "missing");
  } finally {
    await db.close();
  }
});

Deno.test("strategy sections: the newest run of the symbol, drawdowns positive, Δ Sharpe vs the plain strategy", async () => {
  const db = await memoryDb();
  try {
    await seed(db, "old", "SP500", "2026-01-01T00:00:00Z", 1);
    await seed(db, "new", "SP500", "2026-01-02T00:00:00Z", 0);
    await seed(db, "other", "AAPL", "2026-01-03T00:00:00Z", 2);
    const [methods, comps] = (await ensembleSections(db, "SP500")).map(table);
    assert.deepEqual(methods.rows, [
      ["equal", 0.5, 0.05, 0.1234, 0.0512],
      ["sharpe", 0.25, 0.05, 0.1234, 0.0512],
    ]);
    assert.match(methods.caption ?? "", /Run new/);
    assert.deepEqual(comps.columns, [
      { title: "component" },
      { title: "own OOS Sharpe", format: "ratio" },
      { title: "equal", format: "pct" },
      { title: "sharpe", format: "pct" },
    ]);
    assert.deepEqual(comps.rows, [["a", 0.3, 0.75, 0.25], [
      "b",
      1.3,
      0.25,
      0.75,
    ]]);
    const [reg] = (await regimeStrategySections(db, "SP500")).map(table);
    assert.deepEqual(reg.rows, [
      ["momentum", 0.4, null, 0.05, 0.1234, null],
      ["momentum_vol_scaled", 0.55, 0.55 - 0.4, 0.05, 0.1234, 7],
    ]);
    const aapl = table((await regimeStrategySections(db, "AAPL"))[0]);
    assert.deepEqual(aapl.rows[0].slice(0, 2), ["momentum", 2.4]);

    const p1 = await buildPhase1(db, { generatedAt: "2026-01-01T00:00:00Z" });
    assert.ok(
      p1.sections.some((s) =>
        s.kind === "table" && s.title.startsWith("Ensemble breakdown: SP500")
      ),
    );
    assert.ok(
      !p1.sections.some((s) =>
        s.kind === "missing" && s.title === "Ensemble breakdown"
      ),
    );
    const p4 = await buildPhase4(db, { generatedAt: "2026-01-01T00:00:00Z" });
    assert.ok(
      p4.sections.some((s) =>
        s.kind === "table" &&
        s.title.startsWith("Regime-aware strategies: SP500")
      ),
    );
  } finally {
    await db.close();
  }
});
