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
  type MultiSymbolJobResult,
  optimizeBlocks,
  type OptimizeJobConfig,
  prepareOptimize,
  redisConnection,
  redisServerArgs,
  runMultiSymbolJob,
  runOptimizeJob,
  runOptimizeUniverseJob,
  shardSize,
} from "../jobs/mod.ts";
import type { DbEngine } from "../data/mod.ts";
import { completeWalkForwardConfig, w1Config } from "../walkforward/mod.ts";

/** What to measure. */
export interface QueueScalingOptions {
  /** Synthetic symbols. @default 200 */
  readonly symbols?: number;
  /** Days per symbol. @default 2520 */
  readonly days?: number;
  /** Measure only these workloads. @default all */
  readonly only?: readonly QueueBenchResult["workload"][];
  /** Called with each result line as it is measured. */
  readonly onResult?: (r: QueueBenchResult) => void;
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
  /** Out-of-sample days stored (four numbers each). */
  readonly oosDays: number;
}

/**
 * Q2: one optimize search per symbol on the queue, each symbol's configurations split
 * into shards of `configsPerShard` (2 worker processes), against the same searches run
 * here one after another (`runOptimizeJob`).
 */
export interface QueueBlocksResult {
  readonly workload: "Q2";
  readonly backend: "local" | "queue";
  readonly strategy: string;
  readonly symbols: number;
  readonly configs: number;
  /** Configurations a shard (queue); the whole search (local). */
  readonly configsPerShard: number;
  readonly shards: number;
  readonly seconds: number;
  readonly shardsPerSecond: number;
  /** Configurations x symbols evaluated per second. */
  readonly configsPerSecond: number;
}

/** BullMQ's own rate on this machine: no-op jobs through one local Redis. */
export interface QueueThroughputResult {
  readonly workload: "Q0";
  readonly jobs: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly jobsPerSecond: number;
}

/** Any line of `deno task bench:queue`. */
export type QueueBenchResult =
  | QueueScalingResult
  | QueueThroughputResult
  | QueueBlocksResult;

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

/** `count` worker processes (`deno task worker`), each connected. */
function startWorkers(
  count: number,
  url: string,
  shared: string,
): Promise<ChildProcess[]> {
  return Promise.all(
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
): Promise<QueueBenchResult[]> {
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
  const out: QueueBenchResult[] = [];
  const record = (
    backend: "local" | "queue",
    workers: number,
    s: number,
    job: MultiSymbolJobResult,
    snapshotBytes?: number,
  ) => {
    const timings = job.manifest.timings;
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
      oosDays: job.universe.reduce((a, u) => a + u.oosDays, 0),
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
    const runs = (w: QueueBenchResult["workload"]) =>
      options.only === undefined || options.only.includes(w);
    await runMultiSymbolJob(db, job, { workers: 1 }); // warm-up, untimed
    if (runs("Q0")) {
      out.push(await queueThroughput(url));
      options.onResult?.(out[0]);
    }
    for (const workers of runs("Q1") ? [1, 2] : []) {
      const t0 = performance.now();
      const r = await runMultiSymbolJob(db, job, { workers });
      record("local", workers, (performance.now() - t0) / 1000, r);
    }
    for (const count of runs("Q1") ? [1, 2, 3] : []) {
      const shared = join(dir, `shared-${count}`);
      await mkdir(shared);
      const workers = await startWorkers(count, url, shared);
      try {
        const t0 = performance.now();
        const r = await runMultiSymbolJob(db, job, {
          queue: { redis: url, shared },
        });
        const seconds = (performance.now() - t0) / 1000;
        record("queue", count, seconds, r, await du(shared));
      } finally {
        await Promise.all(workers.map(stop));
      }
    }
    for (
      const r of runs("Q2") ? await benchBlocks(db, symbols, dir, url) : []
    ) {
      out.push(r);
      options.onResult?.(r);
    }
  } finally {
    await stop(redis);
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

/** Q2's search: rsi's grid (18 configurations) on 10 years, walk-forward W1's windows. */
const Q2_SEARCH: Omit<OptimizeJobConfig, "symbol" | "symbols"> = {
  strategy: "rsi",
  search: "grid",
  trials: 0,
  seed: 7,
  trainLen: 252,
  testLen: 63,
  stride: 63,
  costBps: 1,
  partitions: 16,
};

/** Q2: the optimize searches of up to 20 symbols, local and on the queue by block size. */
async function benchBlocks(
  db: DbEngine,
  universe: readonly string[],
  dir: string,
  url: string,
): Promise<QueueBlocksResult[]> {
  // 20 symbols that pass the search's STRICT data checks (synthetic data has crashes)
  const symbols: string[] = [];
  for (const symbol of universe) {
    if (symbols.length === 20) break;
    try {
      await prepareOptimize(db, { ...Q2_SEARCH, symbol });
      symbols.push(symbol);
    } catch { /* a symbol the search refuses: not timed */ }
  }
  const configs =
    optimizeBlocks({ search: Q2_SEARCH, symbols, configsPerShard: 1 })
      .length;
  const out: QueueBlocksResult[] = [];
  const line = (
    backend: "local" | "queue",
    configsPerShard: number,
    seconds: number,
  ): QueueBlocksResult => {
    const shards = symbols.length * Math.ceil(configs / configsPerShard);
    return {
      workload: "Q2",
      backend,
      strategy: String(Q2_SEARCH.strategy),
      symbols: symbols.length,
      configs,
      configsPerShard,
      shards,
      seconds,
      shardsPerSecond: shards / seconds,
      configsPerSecond: symbols.length * configs / seconds,
    };
  };
  let t0 = performance.now();
  for (const symbol of symbols) {
    await runOptimizeJob(db, { ...Q2_SEARCH, symbol });
  }
  out.push(line("local", configs, (performance.now() - t0) / 1000));
  for (const configsPerShard of [1, 3, 6, configs]) {
    const shared = join(dir, `shared-q2-${configsPerShard}`);
    await mkdir(shared);
    const workers = await startWorkers(2, url, shared);
    try {
      t0 = performance.now();
      await runOptimizeUniverseJob(db, {
        search: Q2_SEARCH,
        symbols,
        configsPerShard,
      }, { queue: { redis: url, shared } });
      out.push(line("queue", configsPerShard, (performance.now() - t0) / 1000));
    } finally {
      await Promise.all(workers.map(stop));
    }
  }
  return out;
}
