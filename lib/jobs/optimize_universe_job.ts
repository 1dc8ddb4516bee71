/**
 * The optimize job over a universe on the queue: the same parameter search as
 * `runOptimizeJob` on every symbol, each stored as its own optimize run exactly as
 * `runOptimizeJob` stores it (the same rows). A shard is a symbol and a block of
 * `configsPerShard` of the search's configurations, computed by `deno task worker`
 * processes (a pure function of the symbol's bars, the search config and the block:
 * `evaluateConfigBlock`); when a symbol's blocks are all in, the coordinator combines
 * them (`combineConfigBlocks`: the selection per fold, the stitched out-of-sample run,
 * the deflated Sharpe and PBO over the whole grid), which is `optimizeWalkForward`'s
 * result bit for bit. The run itself is `runPerSymbolQueue`'s, shared with the
 * strategies job.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import {
  combineConfigBlocks,
  type ConfigBlock,
  evaluateConfigBlock,
  type OptimizeResult,
  searchConfigs,
} from "../optimize/mod.ts";
import { blocksOf, type ShardBlock } from "./_queue_files.ts";
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

/**
 * Configurations a shard when the job does not say (measured with `deno task
 * bench:queue`: see the README's "Scaling out").
 */
export const DEFAULT_CONFIGS_PER_SHARD = 64;

/** A search over a universe: the single-symbol config without its symbol. */
export interface OptimizeUniverseConfig {
  readonly search: Omit<OptimizeJobConfig, "symbol" | "symbols">;
  readonly symbols: readonly string[];
  /**
   * Configurations of the search a shard computes (a symbol's search is
   * `ceil(configs / configsPerShard)` shards). @default DEFAULT_CONFIGS_PER_SHARD
   */
  readonly configsPerShard?: number;
}

/** One symbol's block of the search, or why it did not run. */
export type OptimizeOutcome = SymbolOutcome<ConfigBlock>;

/** A shard of an optimize run: one outcome per symbol. */
export type OptimizeShardResult = PerSymbolShardResult<ConfigBlock>;

/** The search's options for one symbol (no symbol-specific field but its name). */
function searchOptions(search: OptimizeUniverseConfig["search"]) {
  return optimizeOptions({ ...search, symbol: "" });
}

/**
 * The blocks of configurations a symbol's search splits into.
 *
 * @param job The search and its block size.
 * @returns The blocks, in order (one when the search is no bigger than a block).
 */
export function optimizeBlocks(job: OptimizeUniverseConfig): ShardBlock[] {
  return blocksOf(
    searchConfigs(searchOptions(job.search)).length,
    job.configsPerShard ?? DEFAULT_CONFIGS_PER_SHARD,
  );
}

/**
 * Evaluate a block of the search's configurations on every symbol of a shard (the
 * worker's side; pure).
 *
 * @param shard The shard's bars.
 * @param search The search config.
 * @param block The configurations `[from, to)`.
 * @returns One outcome per symbol.
 */
export function runOptimizeShard(
  shard: Shard,
  search: OptimizeUniverseConfig["search"],
  block: ShardBlock,
): OptimizeShardResult {
  const options = searchOptions(search);
  return runPerSymbolShard(
    shard,
    (bars) => evaluateConfigBlock(bars, options, block.from, block.to),
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
    blocks: {
      of: optimizeBlocks,
      combine: ({ search }, inputs, parts: readonly ConfigBlock[]) =>
        combineConfigBlocks(inputs.bars[0], searchOptions(search), parts),
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
