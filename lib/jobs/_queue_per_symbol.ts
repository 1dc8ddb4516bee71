/**
 * A per-symbol job over a universe on the queue (`optimize`, `strategies`, `train`): each symbol is
 * one shard, computed by `deno task worker` processes as a pure function of the symbol's
 * bars and the job's config, and stored by the coordinator exactly as the single-symbol
 * job stores it (the same rows). The coordinator loads and checks each symbol's bars
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
import type { QueueResult } from "./_queue_files.ts";
import { beginQueueRun, type QueueJobs } from "./_queue_run.ts";
import { packShard, type Shard } from "./_universe_shard.ts";

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

/** How the coordinator prepares and stores one symbol of a `K` run. */
export interface PerSymbolSteps<K extends PerSymbolKind, In, R, Out> {
  /** Load and check the symbol's bars (the single-symbol job's preparation). */
  prepare(
    job: QueueJobs[K],
    symbol: string,
  ): Promise<{ readonly bars: Bars; readonly inputs: In }>;
  /** Store the symbol's result as the single-symbol job stores it. */
  store(job: QueueJobs[K], symbol: string, inputs: In, result: R): Promise<Out>;
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
export async function runPerSymbolQueue<K extends PerSymbolKind, In, R, Out>(
  kind: K,
  job: QueueJobs[K],
  steps: PerSymbolSteps<K, In, R, Out>,
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
  const pending: Promise<PerSymbolShardResult<R>>[] = [];
  let done = 0;
  const progress = () =>
    options.onProgress?.({
      label: kind,
      done: ++done,
      total: symbols.length,
      unit: "symbols",
      elapsedSeconds: (performance.now() - t0) / 1000,
    });
  try {
    for (const [position, symbol] of symbols.entries()) {
      try {
        const one = await steps.prepare(q.job, symbol);
        inputs[position] = one.inputs;
        const times = Float64Array.from(one.bars.dates, (d) => Date.parse(d));
        const shard = packShard([{ position, bars: one.bars, times }]);
        const p = backend.run(shard);
        p.then(progress, () => {});
        pending.push(p);
      } catch (e) {
        errors[position] = (e as Error).message;
        progress();
      }
    }
    await backend.seal?.();
    const byPosition = new Map(
      (await Promise.all(pending)).flatMap((r) =>
        r.outcomes.map((o, k) => [r.positions[k], o] as const)
      ),
    );
    const out: PerSymbolUniverseResult<Out>["symbols"][number][] = [];
    for (const [position, symbol] of symbols.entries()) {
      const o = byPosition.get(position);
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
