import assert from "node:assert/strict";
import type { Bars } from "../../lib/_shared/types.ts";
import { createNormal, createRng } from "../../lib/_shared/seed.ts";
import { buildPersistenceDashboard, renderHtml } from "../../lib/report/mod.ts";
import { loadImportanceHistory } from "../../lib/store/mod.ts";
import { trainSymbol } from "../../lib/jobs/mod.ts";
import { type DbEngine, openDb } from "../../lib/data/mod.ts";

function bars(n: number, symbol: string): Bars {
  const z = createNormal(createRng(11));
  const close = new Float64Array(n), volume = new Float64Array(n);
  let c = 50;
  for (let i = 0; i < n; i++) {
    close[i] = c *= Math.exp(0.0003 + 0.01 * z());
    volume[i] = 1e6 * Math.exp(0.3 * z());
  }
  return {
    symbol,
    dates: Array.from(
      { length: n },
      (_, i) => new Date(Date.UTC(2005, 0, 1 + i)).toISOString().slice(0, 10),
    ),
    open: close,
    high: close.map((v) => v * 1.01),
    low: close.map((v) => v * 0.99),
    close,
    volume,
  };
}

let clock = 0;
const env = (db: DbEngine) => ({
  db,
  persist: true,
  nowIso: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString(),
  nowMs: () => 0,
  codeVersion: "test",
});

Deno.test("trainSymbol() persists a run; a warm start reads a stored run only when named, and a re-run gives the same numbers", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const b = bars(700, "RW<&>");
    const settings = {
      model: "ridge",
      modelOptions: { lambda: 100 },
      trainLen: 250,
      testLen: 100,
      warmStart: true,
      permutationRepeats: 1,
    };
    const first = await trainSymbol(b, settings, env(db));
    assert.equal(first.persisted, true);
    assert.deepEqual(first.warmStartFrom, []);
    assert.ok(first.warmEffect);
    assert.match(first.runId, /^train-20260101T\d{9}-[0-9a-f]{8}$/);
    const rerun = await trainSymbol(b, settings, env(db));
    assert.deepEqual(rerun.warmStartFrom, []);
    assert.equal(rerun.oos.rankIc, first.oos.rankIc);
    assert.equal(rerun.oos.sharpe, first.oos.sharpe);
    const second = await trainSymbol(b, settings, {
      ...env(db),
      warmStartFrom: first.runId,
    });
    assert.deepEqual(second.warmStartFrom, [first.runId]);
    assert.equal(second.warmStartSource, first.runId);
    const runs = await db.query<
      { run_id: string; warm_start_from: string | null }
    >(
      "SELECT run_id, warm_start_from FROM ml_runs ORDER BY started_at",
    );
    assert.deepEqual(runs.map((r) => r.warm_start_from), [
      null,
      null,
      first.runId,
    ]);
    // "latest" of another model finds no ridge run to start from
    await assert.rejects(
      () =>
        trainSymbol(b, {
          ...settings,
          model: "gbt",
          modelOptions: { nTrees: 10 },
        }, { ...env(db), warmStartFrom: "latest" }),
      /Cannot warm-start from the latest run: the store holds no RW<&>\/gbt training run/,
    );
    const gbt = await trainSymbol(b, {
      ...settings,
      model: "gbt",
      modelOptions: { nTrees: 10 },
    }, env(db));
    assert.deepEqual(gbt.warmStartFrom, []);
    const history = await loadImportanceHistory(db);
    assert.equal(history.length, 4);
    const html = renderHtml(
      buildPersistenceDashboard(history, {
        generatedAt: "2026-01-01T00:00:00Z",
      }),
    );
    assert.ok(html.includes("RW&lt;&amp;&gt; / ridge"));
    assert.ok(!html.includes("RW<&>"));
    assert.ok(html.includes("<svg"));
    assert.ok(html.includes("warm-start effect"));
    assert.ok(html.includes("stable share"));
  } finally {
    await db.close();
  }
});

Deno.test("trainSymbol() without persistence writes nothing and the dashboard handles an empty store", async () => {
  const db = await openDb({ path: ":memory:" });
  try {
    const s = await trainSymbol(bars(600, "X"), {
      model: "lasso",
      trainLen: 200,
      testLen: 100,
      permutationRepeats: 1,
    }, {
      ...env(db),
      persist: false,
    });
    assert.equal(s.persisted, false);
    assert.equal(s.warmEffect, null);
    assert.deepEqual(await loadImportanceHistory(db), []);
    const html = renderHtml(
      buildPersistenceDashboard([], { generatedAt: "2026-01-01T00:00:00Z" }),
    );
    assert.ok(html.includes("No runs"));
  } finally {
    await db.close();
  }
});
