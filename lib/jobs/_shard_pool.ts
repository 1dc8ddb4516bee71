/**
 * Where a universe run's shards are computed. A {@linkcode ShardBackend} takes shards and
 * returns their results; the job does not care where they ran. Two backends here: the
 * calling thread (`workers: 0`) and a pool of local workers with the shards' typed arrays
 * transferred, not copied. A queue backend (many machines) implements the same interface.
 *
 * @module
 */
import { spawnWorker, type WorkerThread } from "../_shared/runtime.ts";
import type { CompleteWalkForwardConfig } from "../walkforward/mod.ts";
import {
  runShard,
  type Shard,
  shardBuffers,
  type ShardResult,
} from "./_universe_shard.ts";
import type { PoolReply, PoolRequest } from "./_universe_worker.ts";

/** Computes shards: the calling thread, local workers, or a queue (`R`: a shard's result). */
export interface ShardBackend<R = ShardResult> {
  /** Worker threads (0 = the calling thread). */
  readonly workers: number;
  /** The shard's result; the shard's buffers may be transferred (unusable after). */
  run(shard: Shard): Promise<R>;
  /** Shards handed over before waiting for one to finish. @default 2 * workers + 1 */
  readonly inFlight?: number;
  /**
   * Called once after the last shard was handed over (a queue backend enqueues then:
   * its snapshot is complete). Results may come only after it.
   */
  seal?(): Promise<void>;
  /** Release the workers (and connections). */
  close(): void | Promise<void>;
}

/**
 * The calling thread: each shard is computed when `run` is called.
 *
 * @param config The walk-forward config of every shard.
 * @returns The backend.
 */
export function inlineBackend(config: CompleteWalkForwardConfig): ShardBackend {
  return {
    workers: 0,
    run: (shard) => Promise.resolve().then(() => runShard(shard, config)),
    close: () => {},
  };
}

interface Slot {
  worker: WorkerThread<PoolRequest> | null;
  busy: { resolve(r: ShardResult): void; reject(e: Error): void } | null;
}

/**
 * A pool of `workers` local workers, each given the config once and then one shard at a
 * time (the next queued shard as soon as it answers). A worker that dies fails its shard
 * and every later one with its error.
 *
 * @param config The walk-forward config.
 * @param workers Number of workers (>= 1).
 * @returns The backend, with every worker started and ready.
 */
export async function workerPool(
  config: CompleteWalkForwardConfig,
  workers: number,
): Promise<ShardBackend> {
  const url = new URL("./_universe_worker.ts", import.meta.url);
  const queue: {
    shard: Shard;
    resolve(r: ShardResult): void;
    reject(e: Error): void;
  }[] = [];
  let broken: Error | null = null;
  const slots: Slot[] = [];
  const next = (slot: Slot) => {
    const job = queue.shift();
    if (!job) return;
    slot.busy = job;
    slot.worker!.post(
      { type: "shard", shard: job.shard } satisfies PoolRequest,
      shardBuffers(job.shard),
    );
  };
  const fail = (e: Error) => {
    broken ??= e;
    for (const s of slots) s.busy?.reject(e), s.busy = null;
    for (const j of queue.splice(0)) j.reject(e);
  };
  const ready = await Promise.all(
    Array.from({ length: workers }, () => {
      const slot: Slot = { worker: null, busy: null };
      slots.push(slot);
      return new Promise<void>((resolve) => {
        slot.worker = spawnWorker<PoolRequest, PoolReply>(url, {
          onError: (e) =>
            fail(new Error(`A universe worker failed: ${e.message}`)),
          onMessage: (m) => {
            if (m.type === "ready") {
              slot.worker!.post(
                { type: "config", config } satisfies PoolRequest,
              );
              return resolve();
            }
            const job = slot.busy;
            slot.busy = null;
            if (m.type === "done") job?.resolve(m.result);
            else job?.reject(new Error(`Shard ${m.id} failed: ${m.error}`));
            next(slot);
          },
        });
      });
    }),
  );
  void ready;
  return {
    workers,
    run: (shard) =>
      new Promise<ShardResult>((resolve, reject) => {
        if (broken) return reject(broken);
        queue.push({ shard, resolve, reject });
        const idle = slots.find((s) => s.busy === null);
        if (idle) next(idle);
      }),
    close: () => slots.forEach((s) => void s.worker?.terminate()),
  };
}

/**
 * The backend for `workers` (0 = the calling thread).
 *
 * @param config The walk-forward config.
 * @param workers Worker threads.
 * @returns The backend.
 */
export async function shardBackend(
  config: CompleteWalkForwardConfig,
  workers: number,
): Promise<ShardBackend> {
  if (!Number.isInteger(workers) || workers < 0) {
    throw new RangeError(
      `Invalid workers: expected an integer >= 0, got ${workers}`,
    );
  }
  return workers === 0
    ? inlineBackend(config)
    : await workerPool(config, workers);
}
