/**
 * The training job over a universe on the queue (real Redis, two worker processes):
 * every symbol's summary and stored rows (`ml_runs`, `feature_importance`,
 * `checkpoints`) equal `runTrainingJob`'s on that symbol, row for row, the clocks aside;
 * `--resume` of the finished run stores the same rows again from the kept results; and
 * the flags refuse what the queue cannot run.
 */
import assert from "node:assert/strict";
import { main as train } from "../../lib/cli/train.ts";
import type { DbEngine } from "../../lib/data/mod.ts";
import {
  runTrainingJob,
  runTrainingUniverseJob,
  type TrainingUniverseConfig,
} from "../../lib/jobs/mod.ts";
import { capture } from "../cli/_capture.ts";
import {
  assertResumedDone,
  localAndQueued,
  withQueueStore,
} from "./_queue_cli.ts";
import { symbolNames } from "./_queue_harness.ts";

const SYMBOLS = symbolNames(3);
const config: TrainingUniverseConfig["config"] = {
  settings: {
    model: "ridge",
    modelOptions: {},
    seed: 42,
    trainLen: 252,
    testLen: 126,
    selection: { kind: "none" },
    warmStart: true,
    nullRepeats: 0,
  },
  persist: true,
};

/** A stored training run without its run id and clocks (fit times, timestamps). */
async function stored(db: DbEngine, runId: string) {
  const q = (sql: string) => db.query(sql, { id: runId });
  const [run] = await q(
    "SELECT * EXCLUDE (run_id, started_at, ended_at) FROM ml_runs WHERE run_id = $id",
  );
  const summary = timeless(JSON.parse(run.summary as string));
  const importance = await q(
    "SELECT * EXCLUDE (run_id) FROM feature_importance WHERE run_id = $id ORDER BY fold, feature",
  );
  const checkpoints = (await q(
    "SELECT * EXCLUDE (run_id) FROM checkpoints WHERE run_id = $id ORDER BY fold",
  )).map((c) => ({
    ...c,
    metrics: timeless(JSON.parse(c.metrics as string)),
    model_state: timeless(JSON.parse(c.model_state as string)),
  }));
  return { run: { ...run, summary }, importance, checkpoints };
}

/** A value without its clocks: every `fitMs`, `seconds` and `runId` key removed. */
function timeless(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(timeless);
  if (v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return v;
  return Object.fromEntries(
    Object.entries(v).filter(([k]) =>
      !["fitMs", "seconds", "runId"].includes(k)
    )
      .map(([k, x]) => [k, timeless(x)]),
  );
}

Deno.test("queue: training over a universe on 2 worker processes stores what runTrainingJob stores for each symbol, and --resume stores it again", async () => {
  await withQueueStore(
    SYMBOLS.length,
    2,
    async ({ db, queue, notices, doneLines }) => {
      const r = await runTrainingUniverseJob(
        db,
        { config, symbols: SYMBOLS },
        { queue },
      );
      assert.deepEqual(r.symbols.map((s) => s.symbol), SYMBOLS);
      assert.match(r.run, /^train-/);
      const local = await runTrainingJob(db, { ...config, symbols: SYMBOLS });
      for (const [i, s] of r.symbols.entries()) {
        assert.equal(s.error, undefined, s.symbol);
        assert.ok(s.job!.persisted && s.job!.folds >= 2, s.symbol);
        assert.notEqual(local[i].runId, s.job!.runId);
        assert.deepEqual(timeless(s.job!), timeless(local[i]), s.symbol);
        const a = await stored(db, local[i].runId),
          b = await stored(db, s.job!.runId);
        assert.ok(a.importance.length > 0 && a.checkpoints.length > 0);
        assert.deepEqual(b, a, s.symbol);
      }
      assert.equal(doneLines().length, SYMBOLS.length);

      const again = await runTrainingUniverseJob(
        db,
        { config, symbols: SYMBOLS },
        { queue: { ...queue, resume: r.run } },
      );
      assertResumedDone(notices, r.run, SYMBOLS.length);
      assert.equal(doneLines().length, SYMBOLS.length, "nothing recomputed");
      for (const [i, s] of again.symbols.entries()) {
        assert.deepEqual(
          await stored(db, s.job!.runId),
          await stored(db, local[i].runId),
        );
      }
    },
  );
});

Deno.test("queue: deno task train --universe --backend queue prints what the local run prints (clocks aside), and refuses a warm start from a stored run", async () => {
  const { local, queued } = await localAndQueued(train, "train", 2, [
    "--train-len",
    "252",
    "--test-len",
    "126",
    "--null-repeats",
    "0",
    "--enable-warm-start",
  ], ["--symbol", "S00"]);
  assert.equal((local.runs as unknown[]).length, 2);
  assert.deepEqual(timeless(queued), timeless(local));
  const shared = await Deno.makeTempDir({ prefix: "tradelab-queue-" });
  try {
    const warm = await capture(train, [
      "--universe",
      "u",
      "--warm-start-from",
      "latest",
      "--backend",
      "queue",
      "--shared",
      shared,
      "--redis",
      "redis://127.0.0.1:6379",
    ]);
    assert.equal(warm.code, 2);
    assert.match(
      warm.stderr,
      /Invalid flag --warm-start-from: expected no stored run with --backend queue/,
    );
  } finally {
    await Deno.remove(shared, { recursive: true });
  }
});
