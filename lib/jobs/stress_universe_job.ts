/**
 * The stress job over a universe on the queue: the same stress test as `runStressJob`,
 * its scopes computed by `deno task worker` processes and stored by the coordinator
 * exactly as `runStressJob` stores them (the same `stress_results` rows, one transaction).
 *
 * Shards are the stress test's scopes: one shard per symbol (every scenario on the
 * symbol's own history, held alone) and, with several symbols, one shard of all of them
 * (the weighted portfolio on their common dates, which needs every symbol's bars: it
 * reads every partition of the snapshot and writes none of its own). A shard of one
 * symbol is that symbol alone, a shard of several is the portfolio: each a pure function
 * of (snapshot, job, shard). The coordinator only puts the scopes' results in
 * `runStress`'s order (scenario by scenario, symbols then the portfolio).
 *
 * @module
 */
import {
  aloneWeights,
  interleaveScopes,
  runStressScope,
  type StressResult,
} from "../risk/mod.ts";
import type { DbEngine } from "../data/mod.ts";
import { panelBars } from "../_shared/panel.ts";
import type { PerSymbolQueueOptions } from "./_queue_per_symbol.ts";
import {
  packBars,
  runWholeQueue,
  type WholeShardResult,
  wholeShardResult,
} from "./_queue_whole.ts";
import type { Shard } from "./_universe_shard.ts";
import {
  prepareStress,
  storeStress,
  type StressJobConfig,
  type StressJobResult,
} from "./stress_job.ts";

/**
 * Compute a stress shard (the worker's side; pure): a symbol alone, or the portfolio of
 * every symbol of the job.
 *
 * @param shard The shard's bars.
 * @param job The stress job.
 * @returns Its scope's results, every scenario.
 */
export function runStressShard(
  shard: Shard,
  job: StressJobConfig,
): WholeShardResult<StressResult[]> {
  const cache = new Map<number, string>();
  const members = shard.symbols.map((_, i) => panelBars(shard, i, cache));
  const weights = members.length === 1
    ? [aloneWeights(job.weights)[shard.positions[0]]]
    : job.weights;
  return wholeShardResult(
    shard,
    runStressScope(members, weights, job.scenarios, {
      limits: job.limits,
      confidence: job.confidence,
      varMethod: job.varMethod,
    }),
  );
}

/**
 * Run a stress test through the queue and store it as `runStressJob` does.
 *
 * @param db The store.
 * @param job The stress job (read from the shared directory on `--resume`).
 * @param options The queue (with `resume` to re-attach) and progress.
 * @returns What `runStressJob` returns, and the queue run.
 */
export function runStressUniverseJob(
  db: DbEngine,
  job: StressJobConfig,
  options: PerSymbolQueueOptions,
): Promise<StressJobResult & { readonly run: string }> {
  return runWholeQueue("stress", job, options, async (cfg) => {
    const inputs = await prepareStress(db, cfg);
    const shards = inputs.bars.map((b, i) => packBars([b], i));
    return {
      shards: inputs.bars.length > 1
        ? [...shards, packBars(inputs.bars)]
        : shards,
      finish: (byScope: StressResult[][], startedAt) =>
        storeStress(db, cfg, startedAt, inputs, interleaveScopes(byScope)),
    };
  });
}
