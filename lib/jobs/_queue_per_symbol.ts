/**
 * A per-symbol job over a universe on the queue (`optimize`, `strategies`, `train`): each symbol is
 * one shard, or, when its steps split the work into blocks (optimize: blocks of the
 * search's configurations), one shard a block, computed by `deno task worker` processes
 * as a pure function of the symbol's bars, the job's config and the block; the
 * coordinator combines a symbol's blocks and stores the result exactly as the
 * single-symbol job stores it (the same rows). The coordinator loads and checks each symbol's bars
 * (the single-symbol job's own preparation), writes them to the run's snapshot, enqueues
 * the shards, and stores the results when they are all in. The worker's side is
 * {@linkcode runPerSymbolShard}.
 *
 * @module
 */
import type { ProgressSink } from "../_shared/progress.ts";
import type { Bars } from "../_shared/types.ts";
import { panelBars } from "../_shared/panel.ts";
import { queueBackend, type QueueOptions } from "./_queue_backend.ts";
import type { QueueResult, ShardBlock } from "./_queue_files.ts";
import { beginQueueRun, type QueueJobs } from "./_queue_run.ts";
import { packBars } from "./_queue_whole.ts";
import type { Shard } from "./_universe_shard.ts";

/** One symbol's result, or why it did not run. */
export interface SymbolOutcome<R> {
  readonly symbol: string;
  readonly error: string | null;
  readonly result: R | null;
}

/** A shard of a per-symbol run: one outcome per symbol. */
export type PerSymbolShardResult<R> = QueueResult<SymbolOutcome<R>>;

/**
 * Compute every symbol of a shard (the worker's side; pure): a symbol that throws is an
 * outcome with its error, not a failed shard.
 *
 * @param shard The shard's bars.
 * @param compute The single-symbol computation.
 * @returns One outcome per symbol.
 */
export function runPerSymbolShard<R>(
  shard: Shard,
  compute: (bars: Bars) => R,
): PerSymbolShardResult<R> {
  const cache = new Map<number, string>();
  const outcomes = shard.symbols.map((symbol, i): SymbolOutcome<R> => {
    try {
      return {
        symbol,
        error: null,
        result: compute(panelBars(shard, i, cache)),
      };
    } catch (e) {
      return { symbol, error: (e as Error).message, result: null };
    }
  });
  return { id: shard.id, positions: shard.positions, outcomes };
}

/** The kinds of queue run that compute one symbol per shard. */
export type PerSymbolKind = "optimize" | "strategies" | "train";

/**
 * How the coordinator prepares and stores one symbol of a `K` run. A worker returns an
 * `R` per shard; with `blocks`, a symbol is several shards (blocks of its work) whose
 * `R`s `combine` into the `C` that is stored.
 */
export interface PerSymbolSteps<K extends PerSymbolKind, In, R, Out, C = R> {
  /** Load and check the symbol's bars (the single-symbol job's preparation). */
  prepare(
    job: QueueJobs[K],
    symbol: string,
  ): Promise<{ readonly bars: Bars; readonly inputs: In }>;
  /** Store the symbol's result as the single-symbol job stores it. */
  store(job: QueueJobs[K], symbol: string, inputs: In, result: C): Promise<Out>;
  /**
   * Split each symbol's work into blocks, one shard each, and combine a symbol's block
   * results (in block order) into its result. Absent: one shard per symbol, stored as is.
   */
  readonly blocks?: {
    of(job: QueueJobs[K]): readonly ShardBlock[];
    combine(job: QueueJobs[K], inputs: In, parts: readonly R[]): C;
  };
}

/** What a per-symbol universe run returns, per symbol in universe order. */
export interface PerSymbolUniverseResult<Out> {
  readonly run: string;
  readonly symbols: readonly {
    readonly symbol: string;
    readonly job?: Out;
    readonly error?: string;
  }[];
}

/** How a per-symbol universe run goes on the queue. */
export interface PerSymbolQueueOptions {
  /** The queue (with `resume` to re-attach to a run). */
  readonly queue: QueueOptions & { readonly resume?: string };
  readonly onProgress?: ProgressSink;
}

/**
 * Run a per-symbol job on every symbol through the queue and store each symbol's result.
 *
 * @param kind What runs (the worker computes it by this kind).
 * @param job The job with its symbols (read from the shared directory on `--resume`).
 * @param steps Prepare and store one symbol.
 * @param options The queue and progress.
 * @returns Each symbol's stored result or its error.
 */
export async function runPerSymbolQueue<
  K extends PerSymbolKind,
  In,
  R,
  Out,
  C = R,
>(
  kind: K,
  job: QueueJobs[K],
  steps: PerSymbolSteps<K, In, R, Out, C>,
  options: PerSymbolQueueOptions,
): Promise<PerSymbolUniverseResult<Out>> {
  const q = await beginQueueRun(kind, job, options.queue);
  const symbols = q.job.symbols;
  const t0 = performance.now();
  const backend = await queueBackend<PerSymbolShardResult<R>>(
    q.run,
    options.queue,
  );
  const inputs = new Array<In | undefined>(symbols.length);
  const errors = new Array<string | undefined>(symbols.length);
  const pending: Promise<SymbolOutcome<C>>[] = new Array(symbols.length);
  const blocks = steps.blocks?.of(q.job) ?? [null];
  let done = 0;
  const total = symbols.length * blocks.length;
  const progress = () =>
    options.onProgress?.({
      label: kind,
      done: ++done,
      total,
      unit: blocks.length > 1 ? "shards" : "symbols",
      elapsedSeconds: (performance.now() - t0) / 1000,
    });
  // one symbol: its shards' outcomes, combined (a block's error is the symbol's)
  const combine = (
    position: number,
    parts: readonly PerSymbolShardResult<R>[],
  ): SymbolOutcome<C> => {
    const os = parts.map((r) => r.outcomes[0]);
    const failed = os.find((o) => o.error !== null || o.result === null);
    if (failed) return { ...failed, result: null };
    if (!steps.blocks) return os[0] as unknown as SymbolOutcome<C>;
    try {
      return {
        symbol: os[0].symbol,
        error: null,
        result: steps.blocks.combine(
          q.job,
          inputs[position]!,
          os.map((o) => o.result!),
        ),
      };
    } catch (e) {
      return {
        symbol: os[0].symbol,
        error: (e as Error).message,
        result: null,
      };
    }
  };
  try {
    for (const [position, symbol] of symbols.entries()) {
      try {
        const one = await steps.prepare(q.job, symbol);
        inputs[position] = one.inputs;
        const shard = packBars([one.bars], position);
        const parts = steps.blocks
          ? backend.runBlocks(shard, blocks as ShardBlock[])
          : [backend.run(shard)];
        for (const p of parts) p.then(progress, () => {});
        pending[position] = Promise.all(parts).then((r) =>
          combine(position, r)
        );
        pending[position].catch(() => {}); // awaited below, after seal
      } catch (e) {
        errors[position] = (e as Error).message;
        for (let i = 0; i < blocks.length; i++) progress();
      }
    }
    await backend.seal?.();
    const outcomes = await Promise.all(pending);
    const out: PerSymbolUniverseResult<Out>["symbols"][number][] = [];
    for (const [position, symbol] of symbols.entries()) {
      const o = outcomes[position];
      const error = errors[position] ?? o?.error ?? undefined;
      if (error !== undefined || !o || o.result === null) {
        out.push({ symbol, error: error ?? "no result" });
        continue;
      }
      out.push({
        symbol,
        job: await steps.store(q.job, symbol, inputs[position]!, o.result),
      });
    }
    return { run: q.run, symbols: out };
  } finally {
    await backend.close();
  }
}
