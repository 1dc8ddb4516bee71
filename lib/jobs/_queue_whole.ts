/**
 * A queue run whose shards are not symbols but parts of one computation over the whole
 * universe (the stress test's scopes, the allocation walk-forwards' blocks of
 * rebalances): every shard may read every symbol's partition, each returns one payload
 * (carried by its first symbol's row: a result file has one row per symbol of the
 * shard), and the coordinator finishes the job from the payloads, in shard order, and
 * stores it. The progress line counts shards.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { queueBackend } from "./_queue_backend.ts";
import type { QueueResult } from "./_queue_files.ts";
import type { PerSymbolQueueOptions } from "./_queue_per_symbol.ts";
import { beginQueueRun, type QueueJobs } from "./_queue_run.ts";
import { packShard, type Shard } from "./_universe_shard.ts";

/** A whole-universe shard's result: its payload rides on the first symbol's row. */
export type WholeShardResult<T> = QueueResult<{
  readonly symbol: string;
  readonly payload: T | null;
}>;

/**
 * A shard's result carrying `payload`.
 *
 * @param shard The shard computed.
 * @param payload What it computed.
 * @returns The result.
 */
export function wholeShardResult<T>(
  shard: Shard,
  payload: T,
): WholeShardResult<T> {
  return {
    id: shard.id,
    positions: shard.positions,
    outcomes: shard.symbols.map((symbol, i) => ({
      symbol,
      payload: i === 0 ? payload : null,
    })),
  };
}

/**
 * Pack consecutive symbols' bars into a shard.
 *
 * @param bars The symbols' bars, in universe order.
 * @param first The universe position of the first. @default 0
 * @returns The shard.
 */
export function packBars(bars: readonly Bars[], first = 0): Shard {
  return packShard(bars.map((b, i) => ({
    position: first + i,
    bars: b,
    times: Float64Array.from(b.dates, (d) => Date.parse(d)),
  })));
}

/** What a whole-universe job plans once its inputs are loaded. */
export interface WholePlan<T, Out> {
  /** The shards, with deterministic ids. */
  readonly shards: readonly Shard[];
  /** Finish and store the job from each shard's payload (in shard order). */
  finish(payloads: T[], startedAt: string): Promise<Out>;
}

/**
 * Run a whole-universe job through the queue.
 *
 * @param kind What runs (the worker computes its shards by this kind).
 * @param job The job (read from the shared directory on `--resume`).
 * @param options The queue (with `resume` to re-attach) and progress.
 * @param plan Load the inputs of the job and plan its shards.
 * @returns What `finish` returns, and the queue run.
 */
export async function runWholeQueue<K extends keyof QueueJobs, T, Out>(
  kind: K,
  job: QueueJobs[K],
  options: PerSymbolQueueOptions,
  plan: (job: QueueJobs[K]) => Promise<WholePlan<T, Out>>,
): Promise<Out & { readonly run: string }> {
  const q = await beginQueueRun(kind, job, options.queue);
  const { shards, finish } = await plan(q.job);
  const t0 = performance.now();
  let done = 0;
  const backend = await queueBackend<WholeShardResult<T>>(
    q.run,
    options.queue,
  );
  try {
    const pending = shards.map((shard) => {
      const p = backend.run(shard);
      p.then(() =>
        options.onProgress?.({
          label: kind,
          done: ++done,
          total: shards.length,
          unit: "shards",
          elapsedSeconds: (performance.now() - t0) / 1000,
        }), () => {});
      return p;
    });
    await backend.seal?.();
    const payloads = (await Promise.all(pending)).map((r) =>
      r.outcomes[0].payload as T
    );
    return { ...await finish(payloads, q.startedAt), run: q.run };
  } finally {
    await backend.close();
  }
}
