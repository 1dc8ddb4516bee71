/**
 * The queue backend with real Redis and real worker processes: a queue run stores the
 * same rows as a local run; a worker killed mid-shard costs one recomputation and no
 * duplicate; a Redis restart fails the coordinator clearly and --resume completes the
 * run; a worker refuses a snapshot that is not the manifest's.
 */
import assert from "node:assert/strict";
import { copyFile, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DbEngine } from "../../lib/data/mod.ts";
import {
  type MultiSymbolJobConfig,
  type MultiSymbolJobResult,
  readQueueJob,
  runMultiSymbolJob,
} from "../../lib/jobs/mod.ts";
import {
  completeWalkForwardConfig,
  w1Config,
} from "../../lib/walkforward/mod.ts";
import {
  type RedisServer,
  startRedis,
  startWorker,
  storedRows,
  symbolNames,
  syntheticStore,
  type WorkerProcess,
} from "./_queue_harness.ts";

const N = 40;
const deps = {
  now: () => 0,
  isoNow: () => "2026-05-06T07:08:09.000Z",
  codeVersion: "0.1.0+test",
};
const job: MultiSymbolJobConfig = {
  symbols: symbolNames(N),
  config: completeWalkForwardConfig({ ...w1Config, train: 252, test: 63 }),
  controls: false,
};

let localRun: { result: MultiSymbolJobResult; rows: unknown } | null = null;
/** The local run (2 workers) everything is compared with, computed once. */
async function local(): Promise<NonNullable<typeof localRun>> {
  if (localRun) return localRun;
  const db = await syntheticStore(N);
  try {
    const result = await runMultiSymbolJob(db, job, { workers: 2, deps });
    localRun = { result, rows: await storedRows(db, result.manifest.runId) };
    return localRun;
  } finally {
    await db.close();
  }
}

interface Scene {
  readonly redis: RedisServer;
  readonly shared: string;
  readonly db: DbEngine;
  readonly workers: WorkerProcess[];
  readonly notices: string[];
  worker(...extra: string[]): Promise<WorkerProcess>;
  coordinate(resume?: string): Promise<MultiSymbolJobResult>;
}

/** Redis, a shared directory, a store; everything stopped at the end. */
async function scene(fn: (s: Scene) => Promise<void>): Promise<void> {
  const redis = await startRedis();
  const shared = await Deno.makeTempDir({ prefix: "tradelab-queue-" });
  const db = await syntheticStore(N);
  const workers: WorkerProcess[] = [];
  const notices: string[] = [];
  const s: Scene = {
    redis,
    shared,
    db,
    workers,
    notices,
    async worker(...extra) {
      const w = await startWorker([
        "--redis",
        redis.url,
        "--shared",
        shared,
        "--lock-seconds",
        "2",
        ...extra,
      ]);
      workers.push(w);
      return w;
    },
    coordinate: (resume) =>
      runMultiSymbolJob(db, job, {
        deps,
        queue: {
          redis: redis.url,
          shared,
          resume,
          backoffMs: 100,
          onNotice: (t) => notices.push(t),
        },
      }),
  };
  try {
    await fn(s);
  } finally {
    for (const w of workers) await w.kill("SIGTERM");
    await redis.stop();
    await db.close();
    await Deno.remove(shared, { recursive: true });
  }
}

/** Shard ids a worker logged with `what` (`started`, `done`). */
function shardsLogged(w: WorkerProcess, what: string): string[] {
  return w.lines.flatMap((l) => {
    const m = l.match(new RegExp(`^shard [^/]+/(\\S+) ${what}`));
    return m ? [m[1]] : [];
  });
}

async function assertSameAsLocal(db: DbEngine, r: MultiSymbolJobResult) {
  const l = await local();
  assert.equal(r.manifest.runId, l.result.manifest.runId);
  assert.deepEqual(r.universe, l.result.universe);
  assert.deepEqual(await storedRows(db, r.manifest.runId), l.rows);
}

Deno.test("queue: 40 symbols on 3 worker processes store the local run's rows, row for row", async () => {
  await scene(async (s) => {
    const ws = await Promise.all([s.worker(), s.worker(), s.worker()]);
    const r = await s.coordinate();
    assert.equal(r.universe.length, N);
    assert.equal(r.errors.length, 0);
    await assertSameAsLocal(s.db, r);
    const done = ws.flatMap((w) => shardsLogged(w, "done:"));
    assert.equal(new Set(done).size, done.length, "no shard computed twice");
    assert.equal(done.length, N, "40 symbols, one per shard");
    // the work was spread: every worker computed shards
    for (const w of ws) assert.ok(shardsLogged(w, "done:").length > 0);
    // the manifest records the snapshot's content hash; one partition per symbol
    const runs = await readdir(join(s.shared, "runs"));
    assert.equal(runs.length, 1);
    const manifest = JSON.parse(
      await readFile(join(s.shared, "runs", runs[0], "manifest.json"), "utf8"),
    );
    assert.match(manifest.snapshotHash, /^[0-9a-f]{16}$/);
    assert.deepEqual(
      manifest.partitions.map((p: { symbol: string }) => p.symbol),
      job.symbols,
    );
    assert.equal(
      (await readdir(join(s.shared, "runs", runs[0], "snapshot"))).length,
      N,
    );
    assert.equal(
      (await readdir(join(s.shared, "results", runs[0]))).filter((f) =>
        f.endsWith(".parquet")
      ).length,
      N,
    );
  });
});

Deno.test("queue: a worker SIGKILLed mid-shard: the run completes, that shard is recomputed once, nothing is duplicated", async () => {
  await scene(async (s) => {
    const victim = await s.worker("--pause-ms", "60000");
    const run = s.coordinate();
    const line = await victim.waitFor(/ started \(try 1\)/);
    const shard = line.match(/^shard [^/]+\/(\S+) started/)![1];
    await victim.kill("SIGKILL");
    const others = [await s.worker(), await s.worker()];
    const r = await run;
    await assertSameAsLocal(s.db, r);
    const done = others.flatMap((w) => shardsLogged(w, "done:"));
    assert.equal(done.filter((d) => d === shard).length, 1, shard);
    assert.equal(done.length, N);
    assert.equal(new Set(done).size, N);
    assert.deepEqual(shardsLogged(victim, "done:"), []);
    const rows = await s.db.query<{ n: bigint; d: bigint }>(
      "SELECT count(*) AS n, count(DISTINCT sym) AS d FROM symbol_runs",
    );
    assert.equal(Number(rows[0].n), N);
    assert.equal(Number(rows[0].d), N);
  });
});

Deno.test("queue: Redis restarted mid-run fails the coordinator with a clear message; --resume completes the run", async () => {
  await scene(async (s) => {
    const ws = [
      await s.worker("--pause-ms", "150"),
      await s.worker("--pause-ms", "150"),
    ];
    const run = s.coordinate();
    const failed = run.then(() => null, (e: Error) => e);
    await Promise.race(ws.map((w) => w.waitFor(/done:/)));
    await s.redis.stop();
    const e = await failed;
    assert.ok(e instanceof Error, "the coordinator fails");
    assert.match(e.message, /Lost the connection to Redis at redis:\/\/127/);
    const id = e.message.match(/--resume (\S+)/)?.[1];
    assert.ok(id, e.message);
    await s.redis.start();
    const before = (await readdir(join(s.shared, "results", id))).length;
    assert.ok(before > 0 && before < N, `${before} shards done before`);
    assert.deepEqual((await readQueueJob(s.shared, id)).job, job);
    const r = await s.coordinate(id);
    await assertSameAsLocal(s.db, r);
    assert.ok(
      s.notices.some((n) =>
        /^Resuming run .*: \d+ shards? already computed/.test(n)
      ),
      s.notices.join("\n"),
    );
  });
});

Deno.test("queue: with no worker the coordinator waits and says so; a worker whose snapshot hash differs from the manifest refuses the shard and the run fails with its error", async () => {
  await scene(async (s) => {
    const run = s.coordinate().then(() => null, (e: Error) => e);
    for (
      let i = 0;
      i < 200 && !s.notices.some((n) => /No worker/.test(n));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(
      s.notices.some((n) =>
        /No worker is connected .* waiting \(nothing is computed here\)/.test(n)
      ),
      s.notices.join("\n"),
    );
    const [id] = await readdir(join(s.shared, "runs"));
    assert.equal(
      await Deno.stat(join(s.shared, "results", id)).catch(() => null),
      null,
    );
    // another snapshot's bars in S00's file: what a worker sees on the wrong mount
    const snap = join(s.shared, "runs", id, "snapshot");
    await copyFile(
      join(snap, "symbol=S01.parquet"),
      join(snap, "symbol=S00.parquet"),
    );
    const w = await s.worker();
    const e = await run;
    assert.ok(e instanceof Error);
    assert.match(
      e.message,
      /Shard u0-0-\w+ of run .* failed: Snapshot partition .*symbol=S00\.parquet hashes to [0-9a-f]{16}, the run's manifest says [0-9a-f]{16}/,
    );
    await w.waitFor(/u0-0-\w+ refused/);
    assert.equal(
      w.lines.filter((l) => /u0-0-\w+ started/.test(l)).length,
      1,
      "no retry",
    );
  });
});
