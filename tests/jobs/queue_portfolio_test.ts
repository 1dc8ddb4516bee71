/**
 * The portfolio job over a universe on the queue (real Redis, two worker processes):
 * shards of one method x 16 rebalances, the path assembled by the coordinator, stored as
 * `runPortfolioJob` stores the same job, row for row (threshold rebalancing included, the
 * sequential part); `--resume` of the finished run recomputes nothing and stores it
 * once; a worker refuses a shard whose snapshot is not the manifest's (every shard reads
 * every partition); and `deno task portfolio --universe NAME --backend queue` prints what the local
 * run prints.
 */
import assert from "node:assert/strict";
import { main as portfolio } from "../../lib/cli/portfolio.ts";
import type { DbEngine } from "../../lib/data/mod.ts";
import {
  PORTFOLIO_FOLDS_PER_SHARD,
  type PortfolioJobConfig,
  runPortfolioJob,
  runPortfolioUniverseJob,
} from "../../lib/jobs/mod.ts";
import { ALLOCATION_METHODS } from "../../lib/portfolio/mod.ts";
import {
  assertResumedDone,
  localAndQueued,
  withQueueStore,
} from "./_queue_cli.ts";
import { copyFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import {
  startWorker,
  symbolNames,
  syntheticStore,
  withQueueCluster,
} from "./_queue_harness.ts";

const SYMBOLS = symbolNames(3);
const config: PortfolioJobConfig = {
  symbols: SYMBOLS,
  method: "all",
  lookback: 126,
  rebalance: 21,
  costBps: 5,
  threshold: 0.02,
  shrinkage: "constant-correlation",
  maxWeight: 0.8,
  days: 2520,
  seed: 7,
};

/** A stored portfolio run without its run id and clock. */
function stored(db: DbEngine, runId: string) {
  return db.query(
    "SELECT * EXCLUDE (run_id, created_at) FROM portfolio_runs WHERE run_id = $id ORDER BY method",
    { id: runId },
  );
}

Deno.test("queue: the portfolio walk-forwards over a universe on 2 worker processes (method x 16 rebalances a shard) store what runPortfolioJob stores", async () => {
  await withQueueStore(
    SYMBOLS.length,
    2,
    async ({ db, queue, notices, doneLines }) => {
      const job = { config, foldsPerShard: PORTFOLIO_FOLDS_PER_SHARD };
      const q = await runPortfolioUniverseJob(db, job, { queue });
      const local = await runPortfolioJob(db, config);
      assert.notEqual(q.runId, local.runId);
      const { run: _, runId: __, rows: qRows, ...rest } = q;
      const { runId: ___, rows: localRows, ...localRest } = local;
      assert.deepEqual(rest, localRest);
      assert.equal(qRows.length, localRows.length);
      const a = await stored(db, local.runId);
      assert.equal(a.length, ALLOCATION_METHODS.length);
      const rebalances = local.methods[0].result.weightsHistory.length;
      assert.ok(rebalances > PORTFOLIO_FOLDS_PER_SHARD, `${rebalances}`);
      assert.ok(
        local.methods.some((m) =>
          m.result.weightsHistory.some((h) => !h.traded)
        ),
        "the threshold skipped a trade somewhere",
      );
      assert.deepEqual(await stored(db, q.runId), a);
      const shards = ALLOCATION_METHODS.length *
        Math.ceil(rebalances / PORTFOLIO_FOLDS_PER_SHARD);
      assert.equal(doneLines().length, shards);

      const again = await runPortfolioUniverseJob(db, job, {
        queue: { ...queue, resume: q.run },
      });
      assertResumedDone(notices, q.run, shards);
      assert.equal(doneLines().length, shards);
      assert.equal(again.runId, q.runId, "the same run, stored once");
      assert.deepEqual(await stored(db, again.runId), a);
    },
  );
});

Deno.test("queue: deno task portfolio --universe --backend queue prints what the local run prints (run ids aside)", async () => {
  const { local, queued } = await localAndQueued(portfolio, "portfolio", 2, [
    "--method",
    "minvar",
    "--lookback",
    "252",
  ], ["--symbols", "S00,S01"]);
  assert.notEqual(local.runId, queued.runId);
  assert.deepEqual({ ...queued, runId: "" }, { ...local, runId: "" });
  assert.equal((local.results as unknown[]).length, 1);
});

Deno.test("queue: a portfolio shard reads every partition, and a worker refuses one whose hash differs from the manifest", async () => {
  const db = await syntheticStore(SYMBOLS.length);
  try {
    await withQueueCluster(0, async ({ redis, shared }) => {
      const notices: string[] = [];
      const run = runPortfolioUniverseJob(db, {
        config: { ...config, method: "minvar" },
        foldsPerShard: 64,
      }, {
        queue: {
          redis: redis.url,
          shared,
          attempts: 1,
          onNotice: (t) => notices.push(t),
        },
      }).then(() => null, (e: Error) => e);
      for (
        let i = 0;
        i < 200 && !notices.some((n) => /No worker/.test(n));
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(notices.some((n) => /No worker is connected/.test(n)));
      const [id] = await readdir(join(shared, "runs"));
      const snap = join(shared, "runs", id, "snapshot");
      await copyFile(
        join(snap, "symbol=S00.parquet"),
        join(snap, "symbol=S02.parquet"),
      );
      const w = await startWorker(["--redis", redis.url, "--shared", shared]);
      try {
        const e = await run;
        assert.ok(e instanceof Error);
        assert.match(
          e.message,
          /Shard minvar-f0-\d+ of run portfolio-\S+ failed: Snapshot partition .*symbol=S02\.parquet hashes to [0-9a-f]{16}, the run's manifest says [0-9a-f]{16}/,
        );
        await w.waitFor(/minvar-f0-\d+ refused/);
      } finally {
        await w.kill("SIGTERM");
      }
    });
  } finally {
    await db.close();
  }
});
