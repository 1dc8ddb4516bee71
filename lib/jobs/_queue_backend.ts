/**
 * The queue backend of a universe run (the coordinator's side): shards go to BullMQ on
 * Redis and are computed by `deno task worker` processes on any number of machines.
 *
 * As the run's pipeline hands it shards, it writes their final bars to the snapshot in
 * the shared directory (one Parquet file per symbol); when the last shard is in
 * ({@linkcode ShardBackend.seal}) it writes the run's manifest (each partition's content
 * hash and the snapshot's hash), then enqueues every shard whose result file is not
 * there yet, under a deterministic job id (`<run>.<shard>`: enqueueing twice is a no-op),
 * with retries and exponential backoff. Results come back through queue events (the
 * progress line moves as they do); a shard that fails its last try fails the run with
 * its error. It never computes a shard itself: with no worker connected it waits and
 * says so. A lost Redis connection fails the run with a clear message; the shards done
 * are kept, and `--resume RUN` finishes the run.
 *
 * @module
 */
import { type Job, Queue, QueueEvents } from "bullmq";
import { hashBars } from "../_shared/manifest.ts";
import { panelBars } from "../_shared/panel.ts";
import {
  blockShardId,
  exists,
  type Partition,
  readJson,
  readShardResult,
  resultPath,
  runPaths,
  scratchDb,
  serial,
  type ShardBlock,
  type ShardSpec,
  snapshotHash,
  type SnapshotManifest,
  writeAtomic,
  writeSnapshotShard,
} from "./_queue_files.ts";
import {
  certificateProblem,
  QUEUE_NAME,
  redactRedisUrl,
  redisConnection,
} from "./_redis.ts";
import type { ShardBackend } from "./_shard_pool.ts";
import type { Shard, ShardResult } from "./_universe_shard.ts";
import type { QueueResult } from "./_queue_files.ts";

/** Where the queue is and what the coordinator tells its user. */
export interface QueueOptions {
  /** The Redis URL (`redis://`, `rediss://` for TLS); never printed with credentials. */
  readonly redis: string;
  /** With `rediss://`: the PEM text of the CA of a self-signed server. @default the system's CAs */
  readonly redisCa?: string;
  /** The shared directory every worker sees. */
  readonly shared: string;
  /** Tries per shard before it fails the run. @default 3 */
  readonly attempts?: number;
  /** First retry delay in ms, doubled each try. @default 1000 */
  readonly backoffMs?: number;
  /** Messages for the user (waiting for workers, how to resume). */
  readonly onNotice?: (text: string) => void;
}

/** What a queue job carries. */
export interface ShardJobData {
  readonly run: string;
  readonly shard: ShardSpec;
}

/** The queue backend: a shard backend that can also split a shard into blocks. */
export interface QueueBackend<R> extends ShardBackend<R> {
  /**
   * Enqueue one job per block of a shard (its snapshot written once); each block's
   * result comes back on its own.
   */
  runBlocks(shard: Shard, blocks: readonly ShardBlock[]): Promise<R>[];
}

/** A queue job's id for a shard: deterministic. */
export function shardJobId(run: string, shardId: string): string {
  return `${run}.${shardId}`;
}

interface Waiting<R> {
  readonly spec: ShardSpec;
  resolve(r: R): void;
  reject(e: Error): void;
}

/**
 * The backend for queue run `run`.
 *
 * @param run The queue run id (`runs/RUN` in the shared directory).
 * @param options Redis, shared directory, retries, notices.
 * @returns The backend, connected; `seal` enqueues.
 */
export async function queueBackend<
  R extends QueueResult<{ readonly symbol: string }> = ShardResult,
>(
  run: string,
  options: QueueOptions,
): Promise<QueueBackend<R>> {
  const paths = runPaths(options.shared, run);
  const where = redactRedisUrl(options.redis);
  const notice = options.onNotice ?? (() => {});
  const resumed = await exists(paths.manifest)
    ? await readJson<SnapshotManifest>(paths.manifest, "the run's manifest")
    : null;
  const db = await scratchDb();
  const io = serial();
  const conn = [
    redisConnection(options.redis, false, options.redisCa),
    redisConnection(options.redis, false, options.redisCa),
  ];
  const queue = new Queue(QUEUE_NAME, { connection: conn[0] });
  const events = new QueueEvents(QUEUE_NAME, { connection: conn[1] });
  const waiting = new Map<string, Waiting<R>>();
  let broken: Error | null = null;
  let closing = false;
  const fail = (e: Error) => {
    if (broken) return;
    broken = e;
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const lost = (why: string) => {
    if (closing) return;
    fail(
      new Error(
        `Lost the connection to Redis at ${where} (${why}). The shards already computed are kept in ${paths.results}; finish the run with --resume ${run} (same --shared, and --redis or REDIS_URL)`,
      ),
    );
  };
  let lastError = "connection closed";
  let untrusted: string | null = null;
  const onError = (e: Error) => {
    lastError = e.message;
    untrusted ??= certificateProblem(e, where);
  };
  for (const c of conn) {
    c.on("error", onError);
    c.on("end", () => lost(lastError));
  }
  queue.on("error", (e: Error) => lastError = e.message);
  events.on("error", (e: Error) => lastError = e.message);
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (e) {
    closing = true;
    await Promise.allSettled([events.close(), queue.close(), db.close()]);
    throw new Error(
      untrusted ?? `Cannot reach Redis at ${where}: ${(e as Error).message}`,
    );
  }
  const settle = async (id: string, job?: Job) => {
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    try {
      w.resolve(await io(() => readShardResult(db, paths, w.spec)) as R);
    } catch (e) {
      w.reject(
        new Error(
          `Shard ${w.spec.id} completed${
            job ? "" : " (by an earlier coordinator)"
          } but its result cannot be read: ${(e as Error).message}`,
        ),
      );
    }
  };
  events.on("completed", ({ jobId }) => void settle(jobId));
  events.on("failed", ({ jobId, failedReason }) => {
    const w = waiting.get(jobId);
    if (!w) return;
    waiting.delete(jobId);
    const e = new Error(
      `Shard ${w.spec.id} of run ${run} failed: ${failedReason}`,
    );
    fail(e);
    w.reject(e); // taken out of `waiting` above: a run of one shard fails too
  });

  // the snapshot is written as shards arrive, one after another
  let writes: Promise<void> = Promise.resolve();
  const partitions: Partition[] = [];
  const specs: ShardSpec[] = [];
  const written = new Set<number>();
  const known = new Map(resumed?.partitions.map((p) => [p.symbol, p]) ?? []);
  const accept = async (shard: Shard, ofShard: readonly ShardSpec[]) => {
    specs.push(...ofShard);
    if (!resumed) {
      // a shard over symbols already written (stress's portfolio shard) writes nothing
      if (shard.positions.every((p) => written.has(p))) return;
      const parts = await io(() => writeSnapshotShard(db, paths, shard));
      for (const p of parts) written.add(p.position);
      partitions.push(...parts);
      return;
    }
    const cache = new Map<number, string>();
    shard.symbols.forEach((symbol, i) => {
      const p = known.get(symbol);
      if (!p || p.hash !== hashBars(panelBars(shard, i, cache))) {
        throw new Error(
          `Cannot resume run ${run}: ${symbol}'s bars are not the ones in its snapshot (the store changed since the run started); start a new run`,
        );
      }
    });
  };

  let watch: ReturnType<typeof setInterval> | undefined;
  const watchWorkers = () => {
    let said = -1;
    const look = async () => {
      if (broken || waiting.size === 0) return;
      const n = await queue.getWorkersCount().catch(() => -1);
      if (n < 0 || n === said) return;
      if (n === 0) {
        notice(
          `No worker is connected to queue ${QUEUE_NAME} at ${where}: waiting (nothing is computed here). Start workers with: deno task worker --redis URL --shared ${options.shared}`,
        );
      } else if (said === 0) {
        notice(`${n} worker${n === 1 ? "" : "s"} connected; the run goes on`);
      }
      said = n;
    };
    void look();
    watch = setInterval(() => void look(), 2000);
  };

  // a shard's blocks are jobs of their own; its snapshot is written once
  const enqueue = (shard: Shard, blocks: readonly (ShardBlock | null)[]) => {
    const ofShard = blocks.map((block): ShardSpec => ({
      id: block ? blockShardId(shard.id, block) : shard.id,
      positions: [...shard.positions],
      ...(block ? { block } : {}),
    }));
    const dones = ofShard.map((spec) =>
      new Promise<R>((resolve, reject) =>
        waiting.set(shardJobId(run, spec.id), { spec, resolve, reject })
      )
    );
    const step = writes.then(() => accept(shard, ofShard));
    writes = step.catch(() => {});
    return dones.map((done) => step.then(() => done));
  };

  return {
    workers: 0,
    inFlight: Infinity,
    run: (shard) => enqueue(shard, [null])[0],
    runBlocks: (shard, blocks) => enqueue(shard, blocks),
    async seal() {
      await writes;
      if (broken) throw broken;
      if (!resumed) {
        const ordered = [...partitions].sort((a, b) => a.position - b.position);
        const manifest: SnapshotManifest = {
          run,
          snapshotHash: snapshotHash(ordered),
          partitions: ordered,
          shards: specs,
        };
        await writeAtomic(paths.manifest, JSON.stringify(manifest, null, 1));
      }
      const attempts = options.attempts ?? 3;
      let queued = 0, kept = 0;
      for (const spec of specs) {
        const id = shardJobId(run, spec.id);
        if (await exists(resultPath(paths, spec.id))) {
          kept++;
          await settle(id);
          continue;
        }
        const job = await queue.add("shard", { run, shard: spec }, {
          jobId: id,
          attempts,
          backoff: { type: "exponential", delay: options.backoffMs ?? 1000 },
          removeOnComplete: true,
          removeOnFail: false,
        });
        const state = await job.getState();
        if (state === "failed") await job.retry("failed");
        if (state === "completed") await settle(id, job);
        queued++;
      }
      if (resumed) {
        notice(
          `Resuming run ${run}: ${kept} shard${
            kept === 1 ? "" : "s"
          } already computed, ${queued} queued`,
        );
      }
      watchWorkers();
    },
    async close() {
      closing = true;
      clearInterval(watch);
      await Promise.allSettled([events.close(), queue.close()]);
      for (const c of conn) c.disconnect();
      await db.close();
    },
  };
}
