/**
 * A queue worker (`deno task worker`): takes universe shards from BullMQ on Redis,
 * computes them, and writes each result to the shared directory. Run any number of them
 * on any number of machines that see the same shared directory and Redis.
 *
 * For each job it reads the run's job (config) and manifest from the shared directory
 * (once per run), reads only its shard's snapshot partitions, checks each against the
 * manifest's content hash (a mismatch refuses the job: it fails at once, no retry),
 * computes the shard by its run's kind, writes `results/RUN/<shard>.parquet` (write,
 * then rename) and completes the job. A multi-symbol shard runs on a pool of
 * `concurrency` threads (the local pool's code: the same function of bars and config),
 * so the main thread only moves jobs and BullMQ renews the job's lock meanwhile; a
 * shard of another kind (optimize: one symbol's block of configurations; strategies,
 * train, stress, portfolio) runs on the main thread, so `lockSeconds` must exceed one shard's computation
 * (a smaller `--configs-per-shard` shortens an optimize shard). A worker that dies loses its lock, and another worker
 * takes the stalled job after `lockSeconds`.
 *
 * @module
 */
import { hostname } from "node:os";
import { pid } from "node:process";
import { type Job, UnrecoverableError, Worker as QueueConsumer } from "bullmq";
import type { DbEngine } from "../data/mod.ts";
import type { ShardJobData } from "./_queue_backend.ts";
import {
  exists,
  type QueueResult,
  readJson,
  readSnapshotShard,
  type RunPaths,
  runPaths,
  scratchDb,
  serial,
  type ShardBlock,
  type ShardSpec,
  type SnapshotManifest,
  SnapshotMismatchError,
  writeShardResult,
} from "./_queue_files.ts";
import { readQueueJob } from "./_queue_run.ts";
import {
  certificateProblem,
  QUEUE_NAME,
  redactRedisUrl,
  redisConnection,
} from "./_redis.ts";
import { workerPool } from "./_shard_pool.ts";
import type { Shard } from "./_universe_shard.ts";
import { runOptimizeShard } from "./optimize_universe_job.ts";
import { runStrategiesShard } from "./strategies_universe_job.ts";
import { runTrainingShard } from "./training_universe_job.ts";
import { runStressShard } from "./stress_universe_job.ts";
import { runPortfolioShard } from "./portfolio_universe_job.ts";

/** How a worker runs. */
export interface QueueWorkerOptions {
  /** The Redis URL (`rediss://` for TLS); printed without credentials. */
  readonly redis: string;
  /** With `rediss://`: the PEM text of the CA of a self-signed server. @default the system's CAs */
  readonly redisCa?: string;
  /** The shared directory (the coordinator's `--shared`). */
  readonly shared: string;
  /** Shards computed at once (threads). @default 1 */
  readonly concurrency?: number;
  /**
   * Seconds a job's lock lasts without renewal: how long a dead worker's shard waits
   * before another worker takes it. @default 30
   */
  readonly lockSeconds?: number;
  /** Wait this long before each shard (failure drills: time to kill a worker). @default 0 */
  readonly pauseMs?: number;
  /** One line per event (connected, shard started/done/refused). */
  readonly log: (text: string) => void;
}

/** A running worker. */
export interface QueueWorker {
  /** The worker's name in Redis (`host-pid`). */
  readonly name: string;
  /** Finish the shards in hand, then disconnect. */
  close(): Promise<void>;
}

/** An optimize shard's block of configurations (every shard of an optimize run has one). */
function blockOf(spec: ShardSpec): ShardBlock {
  if (!spec.block) {
    throw new UnrecoverableError(
      `Shard ${spec.id} names no block of configurations: it was queued by another version of TradeLab; start the run again`,
    );
  }
  return spec.block;
}

interface RunContext {
  readonly paths: RunPaths;
  readonly manifest: SnapshotManifest;
  /** Computes a shard of this run's kind (`spec.block`: the part of its work). */
  compute(
    shard: Shard,
    spec: ShardSpec,
  ): Promise<QueueResult<{ readonly symbol: string }>>;
  close(): void;
  active: number;
  /**
   * The last shard of several symbols read on this thread, kept for the next shard of
   * the same symbols (a stress or portfolio run's shards all read every partition;
   * checked against the manifest once).
   */
  last?: { readonly key: string; readonly shard: Shard };
  /** Whether `last` is kept: not for multi-symbol shards, whose buffers go to threads. */
  readonly keepsReads: boolean;
}

/**
 * Start a worker.
 *
 * @param options Redis, shared directory, concurrency, log.
 * @returns The running worker.
 */
export async function startQueueWorker(
  options: QueueWorkerOptions,
): Promise<QueueWorker> {
  const concurrency = options.concurrency ?? 1;
  const lockMs = 1000 * (options.lockSeconds ?? 30);
  const name = `${hostname()}-${pid}`;
  const where = redactRedisUrl(options.redis);
  const db: DbEngine = await scratchDb();
  const io = serial();
  const runs = new Map<string, Promise<RunContext>>();
  const open = async (run: string): Promise<RunContext> => {
    const paths = runPaths(options.shared, run);
    if (!await exists(paths.manifest)) {
      throw new UnrecoverableError(
        `Run ${run} has no manifest at ${paths.manifest}: this worker's --shared (${options.shared}) is not the coordinator's`,
      );
    }
    const manifest = await readJson<SnapshotManifest>(
      paths.manifest,
      "the run's manifest",
    );
    const q = await readQueueJob(options.shared, run);
    if (q.kind !== "multi-symbol") {
      // one symbol per shard, on this thread: --lock-seconds must cover one symbol
      const one = q.kind === "optimize"
        ? (shard: Shard, spec: ShardSpec) =>
          runOptimizeShard(shard, q.job.search, blockOf(spec))
        : q.kind === "train"
        ? (shard: Shard) => runTrainingShard(shard, q.job.config.settings)
        : q.kind === "stress"
        ? (shard: Shard) => runStressShard(shard, q.job)
        : q.kind === "portfolio"
        ? (shard: Shard) => runPortfolioShard(shard, q.job.config)
        : (shard: Shard) => runStrategiesShard(shard, q.job.config);
      return {
        paths,
        manifest,
        compute: (shard, spec) =>
          Promise.resolve().then(() => one(shard, spec)),
        close: () => {},
        active: 0,
        keepsReads: true,
      };
    }
    const pool = await workerPool(q.job.config, concurrency);
    return {
      paths,
      manifest,
      compute: (shard) => pool.run(shard),
      close: () => pool.close(),
      active: 0,
      keepsReads: false,
    };
  };
  const context = (run: string) => {
    let c = runs.get(run);
    if (!c) {
      c = open(run);
      c.catch(() => runs.delete(run));
      runs.set(run, c);
      // one run at a time is the normal case: release the others' threads when idle
      for (const [other, ctx] of runs) {
        if (other === run) continue;
        void ctx.then((x) => {
          if (x.active === 0) x.close(), runs.delete(other);
        }, () => {});
      }
    }
    return c;
  };
  const process = async (job: Job<ShardJobData>) => {
    const { run, shard } = job.data;
    const label = `shard ${run}/${shard.id}`;
    const ctx = await context(run);
    ctx.active++;
    try {
      log(`${label} started (try ${job.attemptsMade + 1})`);
      if (options.pauseMs) {
        await new Promise((r) => setTimeout(r, options.pauseMs));
      }
      const t0 = performance.now();
      let input: Shard;
      const key = shard.positions.join(",");
      try {
        if (ctx.last?.key === key) input = { ...ctx.last.shard, id: shard.id };
        else {
          input = await io(() =>
            readSnapshotShard(db, ctx.paths, ctx.manifest, shard)
          );
          if (ctx.keepsReads && shard.positions.length > 1) {
            ctx.last = { key, shard: input };
          }
        }
      } catch (e) {
        if (e instanceof SnapshotMismatchError) {
          log(`${label} refused: ${e.message}`);
          throw new UnrecoverableError(e.message);
        }
        throw e;
      }
      const result = await ctx.compute(input, shard);
      await io(() => writeShardResult(db, ctx.paths, result));
      log(
        `${label} done: ${result.outcomes.length} symbols in ${
          Math.round(performance.now() - t0)
        } ms`,
      );
      return { symbols: result.outcomes.length };
    } finally {
      ctx.active--;
    }
  };
  const log = options.log;
  const connection = redisConnection(options.redis, true, options.redisCa);
  let down = false;
  // an untrusted certificate is not a lost connection: no reconnection fixes it
  let untrusted: (problem: string) => void = () => {};
  const refused = new Promise<never>((_, reject) =>
    untrusted = (problem) => reject(new Error(problem))
  );
  refused.catch(() => {});
  connection.on("error", (e: Error) => {
    const problem = certificateProblem(e, where);
    if (problem) return untrusted(problem);
    if (!down) log(`Redis at ${where}: ${e.message}; reconnecting`);
    down = true;
  });
  connection.on("ready", () => {
    if (down) log(`Redis at ${where}: connected again`);
    down = false;
  });
  const worker = new QueueConsumer<ShardJobData>(QUEUE_NAME, process, {
    connection,
    name,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 2,
  });
  worker.on("error", (e: Error) => {
    if (!down && !certificateProblem(e, where)) log(`worker: ${e.message}`);
  });
  worker.on("failed", (job, e) => {
    if (job) {
      log(`shard ${job.data.run}/${job.data.shard.id} failed: ${e.message}`);
    }
  });
  try {
    await Promise.race([worker.waitUntilReady(), refused]);
  } catch (e) {
    await worker.close(true).catch(() => {});
    connection.disconnect();
    await db.close();
    throw e;
  }
  log(
    `worker ${name} connected to queue ${QUEUE_NAME} at ${where}, shared directory ${options.shared}, concurrency ${concurrency}`,
  );
  return {
    name,
    async close() {
      await worker.close();
      for (const c of runs.values()) {
        await c.then((x) => x.close(), () => {});
      }
      connection.disconnect();
      await db.close();
    },
  };
}
