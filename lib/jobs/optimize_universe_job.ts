/**
 * The optimize job over a universe on the queue: the same parameter search as
 * `runOptimizeJob` on every symbol, each symbol a shard computed by `deno task worker`
 * processes (a pure function of the symbol's bars and the search config), each stored as
 * its own optimize run exactly as `runOptimizeJob` stores it (the same rows). The run
 * itself is `runPerSymbolQueue`'s, shared with the strategies job.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { type OptimizeResult, optimizeWalkForward } from "../optimize/mod.ts";
import type { OptimizeInputs } from "./_optimize_inputs.ts";
import {
  type PerSymbolQueueOptions,
  type PerSymbolShardResult,
  type PerSymbolUniverseResult,
  runPerSymbolQueue,
  runPerSymbolShard,
  type SymbolOutcome,
} from "./_queue_per_symbol.ts";
import type { Shard } from "./_universe_shard.ts";
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
export type OptimizeOutcome = SymbolOutcome<OptimizeResult>;

/** A shard of an optimize run: one outcome per symbol. */
export type OptimizeShardResult = PerSymbolShardResult<OptimizeResult>;

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
  return runPerSymbolShard(
    shard,
    (bars) =>
      optimizeWalkForward(
        bars,
        optimizeOptions({ ...search, symbol: bars.symbol }),
      ),
  );
}

/** What the universe search returns, per symbol in universe order. */
export type OptimizeUniverseResult = PerSymbolUniverseResult<OptimizeJobResult>;

/**
 * Run the search on every symbol through the queue and store each symbol's run.
 *
 * @param db The store.
 * @param job The search and the symbols.
 * @param options The queue (with `resume` to re-attach) and progress.
 * @returns Each symbol's stored run or its error.
 */
export function runOptimizeUniverseJob(
  db: DbEngine,
  job: OptimizeUniverseConfig,
  options: PerSymbolQueueOptions,
): Promise<OptimizeUniverseResult> {
  if (job.search.strategy === "pairs") {
    return Promise.reject(
      new RangeError(
        "The pairs strategy searches one pair, not a universe: run it without --backend queue",
      ),
    );
  }
  return runPerSymbolQueue("optimize", job, {
    async prepare({ search }, symbol) {
      const inputs: OptimizeInputs = await prepareOptimize(db, {
        ...search,
        symbol,
      });
      return { bars: inputs.bars[0], inputs };
    },
    store: ({ search }, symbol, inputs, result: OptimizeResult) =>
      storeOptimize(
        db,
        { ...search, symbol },
        inputs,
        result,
        new Date().toISOString(),
      ),
  }, options);
}
