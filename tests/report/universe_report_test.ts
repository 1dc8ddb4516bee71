import assert from "node:assert/strict";
import { generateSynthetic, openDb, upsertBars } from "../../lib/data/mod.ts";
import { runMultiSymbolJob } from "../../lib/jobs/mod.ts";
import {
  buildUniverseReport,
  renderHtml,
  summariseUniverse,
} from "../../lib/report/mod.ts";
import {
  completeWalkForwardConfig,
  w1Config,
} from "../../lib/walkforward/mod.ts";

Deno.test("summariseUniverse(): the expected best of N zero-edge Sharpe ratios grows with N and shrinks with T", () => {
  const f = (n: number, days: number) =>
    summariseUniverse(
      Array.from({ length: n }, (_, i) => ({
        symbol: `S${i}`,
        sharpe: Math.sin(i),
        totalReturn: 0,
        maxDrawdown: -0.1,
        oosDays: days,
      })),
    );
  const a = f(100, 1000), b = f(1000, 1000), c = f(100, 4000);
  assert.ok(b.nullMax > a.nullMax && c.nullMax < a.nullMax);
  // sqrt(252 / 1000) = 0.502, times E[max of 100 N(0,1)] ~ 2.51
  assert.ok(Math.abs(a.nullMax - 0.502 * 2.51) < 0.02, String(a.nullMax));
  assert.equal(a.top.length, 10);
  assert.ok(a.top[0].sharpe >= a.top[9].sharpe);
  assert.ok(a.bottom[0].sharpe <= a.bottom[9].sharpe);
  // the deflated Sharpe of the best is below its plain PSR: it pays for the 100 tries
  assert.ok(a.top[0].dsr < a.top[0].psr);
});

Deno.test("buildUniverseReport(): distribution, caveat and top/bottom tables of the newest multi-symbol run", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const empty = renderHtml(await buildUniverseReport(db));
    assert.match(empty, /deno task multi-symbol --universe NAME/);
    const bars = generateSynthetic({
      symbols: 24,
      days: 700,
      seed: 9,
      start: "2004-01-01",
      fatTails: false,
      gapProbability: 0,
    });
    await upsertBars(db, bars, { source: "test" });
    const run = await runMultiSymbolJob(db, {
      symbols: bars.map((b) => b.symbol),
      sanity: { mode: "strict" },
      config: completeWalkForwardConfig(w1Config),
      controls: false,
    }, { workers: 0 });
    const model = await buildUniverseReport(db, {
      generatedAt: "2026-01-01T00:00:00.000Z",
      top: 5,
    });
    assert.equal(model.manifest?.runId, run.manifest.runId);
    const titles = model.sections.map((s) => s.title);
    assert.deepEqual(titles, [
      "Universe",
      "Multiple testing",
      "Distribution of the per-symbol Sharpe ratio",
      "Top 5",
      "Bottom 5",
    ]);
    const top = model.sections[3];
    assert.equal(top.kind, "table");
    if (top.kind === "table") {
      const best = Math.max(...run.rows.map((r) => r.sharpe));
      assert.equal(top.rows[0][1], Number(best.toFixed(2)));
      for (const row of top.rows) {
        assert.ok(
          typeof row[3] === "number" && row[3] >= 0 && row[3] <= 100,
          String(row),
        );
      }
    }
    const html = renderHtml(model);
    assert.match(html, /the best of 24 such draws would be expected near/);
    assert.match(html, /Data sanity: STRICT, 0 repairs/);
    assert.doesNotMatch(html, /NaN|undefined|Infinity/);
  } finally {
    await db.close();
  }
});
