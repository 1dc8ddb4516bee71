/**
 * The optimize grid over a universe on the queue (real Redis, two worker processes), each
 * symbol's grid split into blocks of 4 configurations (shards of symbols x
 * configurations): every symbol's stored search equals `runOptimizeJob` on that symbol,
 * row for row (the best configuration per fold, the trials, the deflated Sharpe and PBO
 * over the whole grid).
 */
import assert from "node:assert/strict";
import type { DbEngine } from "../../lib/data/mod.ts";
import {
  optimizeBlocks,
  type OptimizeJobConfig,
  runOptimizeJob,
  runOptimizeUniverseJob,
} from "../../lib/jobs/mod.ts";
import {
  symbolNames,
  syntheticStore,
  withQueueCluster,
} from "./_queue_harness.ts";

const SYMBOLS = symbolNames(5);
const search: Omit<OptimizeJobConfig, "symbol" | "symbols"> = {
  strategy: "ma_crossover",
  search: "grid",
  trials: 0,
  seed: 7,
  trainLen: 252,
  testLen: 126,
  stride: 126,
  costBps: 1,
  partitions: 8,
};

/** A stored search without its run id and clock. */
async function stored(db: DbEngine, runId: string) {
  const run = await db.query(
    "SELECT * EXCLUDE (run_id, created_at) FROM optimize_runs WHERE run_id = $id",
    { id: runId },
  );
  const trials = await db.query(
    "SELECT * EXCLUDE (run_id) FROM optimize_trials WHERE run_id = $id ORDER BY fold, config_id",
    { id: runId },
  );
  return { run, trials };
}

Deno.test("queue: the optimize grid over a universe, 4 configurations a shard on 2 worker processes, stores what runOptimizeJob stores for each symbol", async () => {
  const db = await syntheticStore(SYMBOLS.length);
  try {
    await withQueueCluster(2, async ({ redis, shared, doneLines }) => {
      const r = await runOptimizeUniverseJob(
        db,
        { search, symbols: SYMBOLS, configsPerShard: 4 },
        { queue: { redis: redis.url, shared } },
      );
      // ma_crossover's grid: 13 valid configurations = blocks 0-4, 4-8, 8-12, 12-13
      const blocks = optimizeBlocks({
        search,
        symbols: SYMBOLS,
        configsPerShard: 4,
      });
      assert.deepEqual(blocks.map((b) => `${b.from}-${b.to}`), [
        "0-4",
        "4-8",
        "8-12",
        "12-13",
      ]);
      const manifest = JSON.parse(
        await Deno.readTextFile(`${shared}/runs/${r.run}/manifest.json`),
      );
      assert.equal(manifest.shards.length, SYMBOLS.length * blocks.length);
      assert.equal(
        new Set(manifest.shards.map((s: { id: string }) => s.id)).size,
        manifest.shards.length,
      );
      assert.deepEqual(r.symbols.map((s) => s.symbol), SYMBOLS);
      for (const s of r.symbols) {
        assert.equal(s.error, undefined, s.symbol);
        const local = await runOptimizeJob(db, { ...search, symbol: s.symbol });
        assert.notEqual(local.runId, s.job!.runId);
        assert.deepEqual(local.result, s.job!.result, s.symbol);
        const a = await stored(db, local.runId),
          b = await stored(db, s.job!.runId);
        assert.ok(a.trials.length > 0);
        assert.deepEqual(b, a, s.symbol);
      }
      assert.equal(doneLines().length, SYMBOLS.length * blocks.length);
    });
  } finally {
    await db.close();
  }
});
