/**
 * The strategies job over a universe on the queue: the same walk-forward research as
 * `runStrategiesJob` on every symbol, each symbol a shard computed by `deno task worker`
 * processes (a pure function of the symbol's bars and the config), each stored as its own
 * strategies run exactly as `runStrategiesJob` stores it (the same rows). The run itself
 * is `runPerSymbolQueue`'s, shared with the optimize job.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import {
  type PerSymbolQueueOptions,
  type PerSymbolShardResult,
  type PerSymbolUniverseResult,
  runPerSymbolQueue,
  runPerSymbolShard,
} from "./_queue_per_symbol.ts";
import type { Shard } from "./_universe_shard.ts";
import {
  prepareStrategies,
  storeStrategies,
  type StrategiesJobConfig,
  type StrategiesJobResult,
  type StrategiesResearch,
  strategiesResearch,
} from "./strategies_job.ts";

/** The strategies job over a universe: the single-symbol config without its symbol. */
export interface StrategiesUniverseConfig {
  readonly config: Omit<StrategiesJobConfig, "symbol">;
  readonly symbols: readonly string[];
}

/**
 * Research every symbol of a shard (the worker's side; pure).
 *
 * @param shard The shard's bars.
 * @param config Windows and costs.
 * @returns One outcome per symbol.
 */
export function runStrategiesShard(
  shard: Shard,
  config: StrategiesUniverseConfig["config"],
): PerSymbolShardResult<StrategiesResearch> {
  return runPerSymbolShard(shard, (bars) => strategiesResearch(bars, config));
}

/**
 * Run the research on every symbol through the queue and store each symbol's run.
 *
 * @param db The store.
 * @param job The config and the symbols.
 * @param options The queue (with `resume` to re-attach) and progress.
 * @returns Each symbol's stored run or its error.
 */
export function runStrategiesUniverseJob(
  db: DbEngine,
  job: StrategiesUniverseConfig,
  options: PerSymbolQueueOptions,
): Promise<PerSymbolUniverseResult<StrategiesJobResult>> {
  return runPerSymbolQueue("strategies", job, {
    async prepare({ config }, symbol) {
      const inputs = await prepareStrategies(db, { ...config, symbol });
      return { bars: inputs.bars, inputs };
    },
    store: ({ config }, symbol, inputs, found: StrategiesResearch) =>
      storeStrategies(db, { ...config, symbol }, inputs, found),
  }, options);
}
