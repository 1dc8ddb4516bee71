/**
 * Scaling out, measured: the same universe walk-forward (W1 configuration, STRICT,
 * stored) on the local backend with 1 and 2 worker threads and on the queue backend with
 * 1, 2 and 3 `deno task worker` processes (one thread each) and a redis-server of its own
 * on a free loopback port. Shards per second are over the job's wall time (DataSanity,
 * the snapshot for the queue, the shards, the merge into the store).
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { Queue, Worker as QueueConsumer } from "bullmq";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { generateSynthetic, openDb, upsertBars } from "../data/mod.ts";
import {
  redisConnection,
  redisServerArgs,
  runMultiSymbolJob,
  shardSize,
} from "../jobs/mod.ts";
import { completeWalkForwardConfig, w1Config } from "../walkforward/mod.ts";

/** What to measure. */
export interface QueueScalingOptions {
  /** Synthetic symbols. @default 200 */
  readonly symbols?: number;
  /** Days per symbol. @default 2520 */
  readonly days?: number;
  /** Called with each result line as it is measured. */
  readonly onResult?: (r: QueueScalingResult | QueueThroughputResult) => void;
}

/** One measured setting. */
export interface QueueScalingResult {
  readonly workload: "Q1";
  readonly backend: "local" | "queue";
  /** Threads (local) or worker processes (queue). */
  readonly workers: number;
  readonly symbols: number;
  readonly shards: number;
  readonly seconds: number;
  readonly shardsPerSecond: number;
  readonly symbolsPerSecond: number;
  /** Seconds after the last shard: storing every result in one transaction. */
  readonly mergeSeconds: number;
  /** Queue: bytes of the Parquet snapshot, and per 1,000 symbol-years (252 days). */
  readonly snapshotBytes?: number;
  readonly snapshotBytesPer1000SymbolYears?: number;
}

/** BullMQ's own rate on this machine: no-op jobs through one local Redis. */
export interface QueueThroughputResult {
  readonly workload: "Q0";
  readonly jobs: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly jobsPerSecond: number;
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Start `cmd` and resolve once a line of its output matches `ready`. */
function startProcess(
  cmd: string,
  args: string[],
  ready: RegExp | null,
): Promise<ChildProcess> {
  const child = spawn(cmd, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (ready === null) return Promise.resolve(child);
  return new Promise((resolve, reject) => {
    let text = "";
    const look = (b: Uint8Array) => {
      text += new TextDecoder().decode(b);
      if (ready.test(text)) resolve(child);
    };
    child.stdout!.on("data", look);
    child.stderr!.on("data", look);
    child.once(
      "exit",
      (code) =>
        reject(new Error(`${cmd} exited (${code}) before ready: ${text}`)),
    );
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Bytes of the Parquet snapshot files under `shared/runs`. */
async function du(shared: string): Promise<number> {
  let bytes = 0;
  for (const run of await readdir(join(shared, "runs"))) {
    const dir = join(shared, "runs", run, "snapshot");
    for (const f of await readdir(dir)) {
      bytes += (await stat(join(dir, f))).size;
    }
  }
  return bytes;
}

/** Q0: no-op jobs added in bulk and taken by one worker (BullMQ and Redis alone). */
async function queueThroughput(url: string): Promise<QueueThroughputResult> {
  const jobs = 5000, concurrency = 16, name = "tradelab-q0";
  const queue = new Queue(name, { connection: redisConnection(url, false) });
  let done = 0;
  let finish = () => {};
  const all = new Promise<void>((r) => finish = r);
  const t0 = performance.now();
  await queue.addBulk(
    Array.from({ length: jobs }, (_, i) => ({
      name: "noop",
      data: { i },
      opts: { removeOnComplete: true },
    })),
  );
  const worker = new QueueConsumer(name, () => {
    if (++done === jobs) finish();
    return Promise.resolve(null);
  }, { connection: redisConnection(url, false), concurrency });
  await all;
  const seconds = (performance.now() - t0) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return {
    workload: "Q0",
    jobs,
    concurrency,
    seconds,
    jobsPerSecond: jobs / seconds,
  };
}

/**
 * Measure the local and queue backends on one synthetic universe.
 *
 * @param options Universe size, result callback.
 * @returns One result per setting: local 1, local 2, queue 1, 2, 3.
 */
export async function benchQueueScaling(
  options: QueueScalingOptions = {},
): Promise<(QueueScalingResult | QueueThroughputResult)[]> {
  const n = options.symbols ?? 200, days = options.days ?? 2520;
  const dir = await mkdtemp(join(tmpdir(), "tradelab-q1-"));
  const db = await openDb({ engine: "native", path: join(dir, "q1.duckdb") });
  const symbols = Array.from({ length: n }, (_, i) => `Q${i}`);
  await upsertBars(
    db,
    generateSynthetic({ symbols, days, seed: 2026, start: "2005-01-03" }),
    { source: "bench" },
  );
  const job = {
    symbols,
    sanityMode: "strict" as const,
    config: completeWalkForwardConfig(w1Config),
    controls: false,
  };
  const shards = Math.ceil(n / shardSize(n));
  const out: (QueueScalingResult | QueueThroughputResult)[] = [];
  const record = (
    backend: "local" | "queue",
    workers: number,
    s: number,
    timings: Readonly<Record<string, number>>,
    snapshotBytes?: number,
  ) => {
    const symbolYears = n * days / 252;
    const r: QueueScalingResult = {
      workload: "Q1",
      backend,
      workers,
      symbols: n,
      shards,
      seconds: s,
      shardsPerSecond: shards / s,
      symbolsPerSecond: n / s,
      mergeSeconds: s - timings.sanitySeconds - timings.walkForwardSeconds,
      ...(snapshotBytes === undefined ? {} : {
        snapshotBytes,
        snapshotBytesPer1000SymbolYears: snapshotBytes / symbolYears * 1000,
      }),
    };
    out.push(r);
    options.onResult?.(r);
  };
  const port = await freePort();
  const redis = await startProcess(
    "redis-server",
    redisServerArgs(port),
    /Ready to accept connections/,
  );
  const url = `redis://127.0.0.1:${port}`;
  try {
    await runMultiSymbolJob(db, job, { workers: 1 }); // warm-up, untimed
    out.push(await queueThroughput(url));
    options.onResult?.(out[0]);
    for (const workers of [1, 2]) {
      const t0 = performance.now();
      const r = await runMultiSymbolJob(db, job, { workers });
      record(
        "local",
        workers,
        (performance.now() - t0) / 1000,
        r.manifest.timings,
      );
    }
    for (const count of [1, 2, 3]) {
      const shared = join(dir, `shared-${count}`);
      await mkdir(shared);
      const workers = await Promise.all(
        Array.from({ length: count }, () =>
          startProcess(process.execPath, [
            "run",
            "-A",
            "lib/cli/worker.ts",
            "--redis",
            url,
            "--shared",
            shared,
          ], /connected to queue/)),
      );
      try {
        const t0 = performance.now();
        const r = await runMultiSymbolJob(db, job, {
          queue: { redis: url, shared },
        });
        const seconds = (performance.now() - t0) / 1000;
        record("queue", count, seconds, r.manifest.timings, await du(shared));
      } finally {
        await Promise.all(workers.map(stop));
      }
    }
  } finally {
    await stop(redis);
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
