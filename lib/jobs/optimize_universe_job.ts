/**
 * The optimize job over a universe on the queue: the same parameter search as
 * `runOptimizeJob` on every symbol, each symbol a shard computed by `deno task worker`
 * processes (a pure function of the symbol's bars and the search config), each stored as
 * its own optimize run exactly as `runOptimizeJob` stores it (the same rows). The
 * coordinator loads and checks each symbol's bars, writes them to the run's snapshot,
 * enqueues the shards, and stores the results as they are all in.
 *
 * @module
 */
import type { ProgressSink } from "../_shared/progress.ts";
import type { DbEngine } from "../data/mod.ts";
import { type OptimizeResult, optimizeWalkForward } from "../optimize/mod.ts";
import { panelBars } from "../_shared/panel.ts";
import type { OptimizeInputs } from "./_optimize_inputs.ts";
import { queueBackend, type QueueOptions } from "./_queue_backend.ts";
import type { QueueResult } from "./_queue_files.ts";
import { startQueueRun } from "./_queue_run.ts";
import { packShard, type Shard } from "./_universe_shard.ts";
import {
  type OptimizeJobConfig,
  type OptimizeJobResult,
  optimizeOptions,
  prepareOptimize,
  storeOptimize,
} from "./optimize_job.ts";

/** A search over a universe: the single-symbol config without its symbol. */
export interface OptimizeUniverseConfig {
  readonly search: Omit<OptimizeJobConfig, "symbol" | "symbols">;
  readonly symbols: readonly string[];
}

/** One symbol's search, or why it did not run. */
export interface OptimizeOutcome {
  readonly symbol: string;
  readonly error: string | null;
  readonly result: OptimizeResult | null;
}

/** A shard of an optimize run: one outcome per symbol. */
export type OptimizeShardResult = QueueResult<OptimizeOutcome>;

/**
 * Search every symbol of a shard (the worker's side; pure).
 *
 * @param shard The shard's bars.
 * @param search The search config.
 * @returns One outcome per symbol.
 */
export function runOptimizeShard(
  shard: Shard,
  search: OptimizeUniverseConfig["search"],
): OptimizeShardResult {
  const cache = new Map<number, string>();
  const outcomes = shard.symbols.map((symbol, i): OptimizeOutcome => {
    try {
      const bars = panelBars(shard, i, cache);
      const options = optimizeOptions({ ...search, symbol });
      return {
        symbol,
        error: null,
        result: optimizeWalkForward(bars, options),
      };
    } catch (e) {
      return { symbol, error: (e as Error).message, result: null };
    }
  });
  return { id: shard.id, positions: shard.positions, outcomes };
}

/** What the universe search returns, per symbol in universe order. */
export interface OptimizeUniverseResult {
  readonly run: string;
  readonly symbols: readonly {
    readonly symbol: string;
    readonly job?: OptimizeJobResult;
    readonly error?: string;
  }[];
}

/**
 * Run the search on every symbol through the queue and store each symbol's run.
 *
 * @param db The store.
 * @param job The search and the symbols.
 * @param options The queue (with `resume` to re-attach) and progress.
 * @returns Each symbol's stored run or its error.
 */
export async function runOptimizeUniverseJob(
  db: DbEngine,
  job: OptimizeUniverseConfig,
  options: {
    readonly queue: QueueOptions & { readonly resume?: string };
    readonly onProgress?: ProgressSink;
  },
): Promise<OptimizeUniverseResult> {
  if (job.search.strategy === "pairs") {
    throw new RangeError(
      "The pairs strategy searches one pair, not a universe: run it without --backend queue",
    );
  }
  const q = await startQueueRun(options.queue.shared, "optimize", {
    job,
    startedAt: new Date().toISOString(),
  }, options.queue.resume);
  options.queue.onNotice?.(
    `Queue run ${q.run} (resume it with --resume ${q.run})`,
  );
  const { search, symbols } = q.job;
  const t0 = performance.now();
  const backend = await queueBackend<OptimizeShardResult>(
    q.run,
    options.queue,
  );
  const inputs = new Array<OptimizeInputs | undefined>(symbols.length);
  const errors = new Array<string | undefined>(symbols.length);
  const pending: Promise<OptimizeShardResult>[] = [];
  let done = 0;
  const progress = () =>
    options.onProgress?.({
      label: "optimize",
      done: ++done,
      total: symbols.length,
      unit: "symbols",
      elapsedSeconds: (performance.now() - t0) / 1000,
    });
  try {
    for (const [position, symbol] of symbols.entries()) {
      try {
        const one = await prepareOptimize(db, { ...search, symbol });
        inputs[position] = one;
        const bars = one.bars[0];
        const times = Float64Array.from(bars.dates, (d) => Date.parse(d));
        const shard = packShard([{ position, bars, times }]);
        const p = backend.run(shard);
        p.then(progress, () => {});
        pending.push(p);
      } catch (e) {
        errors[position] = (e as Error).message;
        progress();
      }
    }
    await backend.seal?.();
    const results = await Promise.all(pending);
    for (const r of results) {
      r.outcomes.forEach((o, k) => {
        const position = r.positions[k];
        if (o.error !== null) errors[position] = o.error;
      });
    }
    const out: OptimizeUniverseResult["symbols"][number][] = [];
    const byPosition = new Map(
      results.flatMap((r) =>
        r.outcomes.map((o, k) => [r.positions[k], o] as const)
      ),
    );
    for (const [position, symbol] of symbols.entries()) {
      const o = byPosition.get(position);
      if (errors[position] !== undefined || !o?.result) {
        out.push({ symbol, error: errors[position] ?? "no result" });
        continue;
      }
      const cfg = { ...search, symbol };
      out.push({
        symbol,
        job: await storeOptimize(
          db,
          cfg,
          inputs[position]!,
          o.result,
          new Date().toISOString(),
        ),
      });
    }
    return { run: q.run, symbols: out };
  } finally {
    await backend.close();
  }
}
