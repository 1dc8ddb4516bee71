/**
 * The stress test over a universe on the queue (real Redis, two worker processes): one
 * shard per symbol and one for the portfolio, stored as `runStressJob` stores the same
 * job, row for row; `--resume` of the finished run recomputes nothing; and
 * `deno task stress --universe NAME --backend queue` prints what the local run prints.
 */
import assert from "node:assert/strict";
import { main as stress } from "../../lib/cli/stress.ts";
import type { DbEngine } from "../../lib/data/mod.ts";
import {
  runStressJob,
  runStressUniverseJob,
  type StressJobConfig,
} from "../../lib/jobs/mod.ts";
import { DEFAULT_SCENARIOS, RiskLimitsSchema } from "../../lib/risk/mod.ts";
import {
  assertResumedDone,
  localAndQueued,
  withQueueStore,
} from "./_queue_cli.ts";
import { symbolNames } from "./_queue_harness.ts";

const SYMBOLS = symbolNames(3);
const job: StressJobConfig = {
  symbols: SYMBOLS,
  weights: [0.5, 0.3, 0.2],
  scenarios: DEFAULT_SCENARIOS,
  limits: RiskLimitsSchema.parse({}),
  confidence: 0.99,
  varMethod: "historical",
};

/** A stored stress test without its run id and clock, in stored order. */
function stored(db: DbEngine, runId: string) {
  return db.query(
    "SELECT * EXCLUDE (run_id, created_at) FROM stress_results WHERE run_id = $id ORDER BY rowid",
    { id: runId },
  );
}

Deno.test("queue: a stress test over a universe on 2 worker processes (a shard per symbol and one for the portfolio) stores what runStressJob stores", async () => {
  await withQueueStore(
    SYMBOLS.length,
    2,
    async ({ db, queue, notices, doneLines }) => {
      const q = await runStressUniverseJob(db, job, { queue });
      const local = await runStressJob(db, job);
      assert.notEqual(q.runId, local.runId);
      const { run: _, runId: __, ...rest } = q;
      const { runId: ___, ...localRest } = local;
      assert.deepEqual(rest, localRest);
      const a = await stored(db, local.runId);
      assert.equal(a.length, DEFAULT_SCENARIOS.length * (SYMBOLS.length + 1));
      assert.ok(a.some((r) => r.scope === "portfolio" && r.skipped === ""));
      assert.deepEqual(await stored(db, q.runId), a);
      assert.equal(doneLines().length, SYMBOLS.length + 1);

      const again = await runStressUniverseJob(db, job, {
        queue: { ...queue, resume: q.run },
      });
      assertResumedDone(notices, q.run, SYMBOLS.length + 1);
      assert.equal(doneLines().length, SYMBOLS.length + 1);
      assert.equal(again.runId, q.runId, "the same run, stored once");
      assert.deepEqual(await stored(db, again.runId), a);
    },
  );
});

Deno.test("queue: deno task stress --universe --backend queue prints what the local run prints (run ids aside)", async () => {
  const { local, queued } = await localAndQueued(stress, "stress", 2, [], [
    "--symbols",
    "S00",
  ]);
  assert.notEqual(local.runId, queued.runId);
  assert.deepEqual({ ...queued, runId: "" }, { ...local, runId: "" });
  assert.equal((local.results as unknown[]).length % 3, 0);
});
