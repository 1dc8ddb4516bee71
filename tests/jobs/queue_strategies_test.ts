/**
 * The strategies job over a universe on the queue (real Redis, two worker processes):
 * every symbol's stored run equals `runStrategiesJob` on that symbol, row for row; and
 * `deno task strategies --universe NAME --backend queue` prints what the local run prints.
 */
import assert from "node:assert/strict";
import { main as strategies } from "../../lib/cli/strategies.ts";
import type { DbEngine } from "../../lib/data/mod.ts";
import { localAndQueued } from "./_queue_cli.ts";
import {
  runStrategiesJob,
  runStrategiesUniverseJob,
  type StrategiesUniverseConfig,
} from "../../lib/jobs/mod.ts";
import {
  symbolNames,
  syntheticStore,
  withQueueCluster,
} from "./_queue_harness.ts";

const SYMBOLS = symbolNames(4);
const config: StrategiesUniverseConfig["config"] = {
  trainLen: 252,
  testLen: 126,
  costBps: 1,
};

/** A stored run without its run id and clocks. */
async function stored(db: DbEngine, runId: string) {
  const runs = await db.query(
    "SELECT * EXCLUDE (run_id, created_at, started_at, ended_at) FROM strategy_runs WHERE run_id = $id ORDER BY kind, name",
    { id: runId },
  );
  const components = await db.query(
    "SELECT * EXCLUDE (run_id, created_at) FROM strategy_components WHERE run_id = $id ORDER BY method, component",
    { id: runId },
  );
  return { runs, components };
}

Deno.test("queue: the strategies job over a universe on 2 worker processes stores what runStrategiesJob stores for each symbol", async () => {
  const db = await syntheticStore(SYMBOLS.length);
  try {
    await withQueueCluster(2, async ({ redis, shared, doneLines }) => {
      const r = await runStrategiesUniverseJob(
        db,
        { config, symbols: SYMBOLS },
        { queue: { redis: redis.url, shared } },
      );
      assert.deepEqual(r.symbols.map((s) => s.symbol), SYMBOLS);
      for (const s of r.symbols) {
        assert.equal(s.error, undefined, s.symbol);
        const local = await runStrategiesJob(db, {
          ...config,
          symbol: s.symbol,
        });
        assert.notEqual(local.runId, s.job!.runId);
        assert.deepEqual(s.job!.summaries, local.summaries, s.symbol);
        assert.deepEqual(s.job!.components, local.components, s.symbol);
        assert.deepEqual(s.job!.config, local.config, s.symbol);
        const a = await stored(db, local.runId),
          b = await stored(db, s.job!.runId);
        assert.ok(a.runs.length > 0 && a.components.length > 0);
        assert.deepEqual(b, a, s.symbol);
      }
      assert.equal(doneLines().length, SYMBOLS.length);
    });
  } finally {
    await db.close();
  }
});

Deno.test("queue: deno task strategies --universe --backend queue prints what the local run prints (run ids aside)", async () => {
  const windows = ["--train-len", "252", "--test-len", "126"];
  const { local, queued } = await localAndQueued(
    strategies,
    "strategies",
    SYMBOLS.length,
    windows,
    ["--symbol", "S00"],
  );
  type Out = { symbols: { symbol: string; runId: string }[] };
  const strip = (o: Out) => o.symbols.map(({ runId: _, ...rest }) => rest);
  const a = local as unknown as Out, b = queued as unknown as Out;
  assert.deepEqual(a.symbols.map((s) => s.symbol), SYMBOLS);
  assert.deepEqual(strip(b), strip(a));
});
