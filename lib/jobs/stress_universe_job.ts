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
import { queueBackend } from "./_queue_backend.ts";
import type { QueueResult } from "./_queue_files.ts";
import type { PerSymbolQueueOptions } from "./_queue_per_symbol.ts";
import { startQueueRun } from "./_queue_run.ts";
import { packShard, type Shard } from "./_universe_shard.ts";
import {
  prepareStress,
  storeStress,
  type StressJobConfig,
  type StressJobResult,
} from "./stress_job.ts";

/**
 * A stress shard's result: one row per symbol of the shard; the scope's results (every
 * scenario) ride on the first.
 */
export type StressShardResult = QueueResult<{
  readonly symbol: string;
  readonly results: StressResult[] | null;
}>;

/**
 * Compute a stress shard (the worker's side; pure): a symbol alone, or the portfolio of
 * every symbol of the job.
 *
 * @param shard The shard's bars.
 * @param job The stress job.
 * @returns Its result.
 */
export function runStressShard(
  shard: Shard,
  job: StressJobConfig,
): StressShardResult {
  const cache = new Map<number, string>();
  const members = shard.symbols.map((_, i) => panelBars(shard, i, cache));
  const weights = members.length === 1
    ? [aloneWeights(job.weights)[shard.positions[0]]]
    : job.weights;
  const results = runStressScope(members, weights, job.scenarios, {
    limits: job.limits,
    confidence: job.confidence,
    varMethod: job.varMethod,
  });
  return {
    id: shard.id,
    positions: shard.positions,
    outcomes: shard.symbols.map((symbol, i) => ({
      symbol,
      results: i === 0 ? results : null,
    })),
  };
}

/**
 * Run a stress test through the queue and store it as `runStressJob` does.
 *
 * @param db The store.
 * @param job The stress job (read from the shared directory on `--resume`).
 * @param options The queue (with `resume` to re-attach) and progress.
 * @returns What `runStressJob` returns, and the queue run.
 */
export async function runStressUniverseJob(
  db: DbEngine,
  job: StressJobConfig,
  options: PerSymbolQueueOptions,
): Promise<StressJobResult & { readonly run: string }> {
  const q = await startQueueRun(options.queue.shared, "stress", {
    job,
    startedAt: new Date().toISOString(),
  }, options.queue.resume);
  options.queue.onNotice?.(
    `Queue run ${q.run} (resume it with --resume ${q.run})`,
  );
  const inputs = await prepareStress(db, q.job);
  const items = inputs.bars.map((bars, position) => ({
    position,
    bars,
    times: Float64Array.from(bars.dates, (d) => Date.parse(d)),
  }));
  const shards = items.map((item) => packShard([item]));
  if (items.length > 1) shards.push(packShard(items));
  const t0 = performance.now();
  let done = 0;
  const backend = await queueBackend<StressShardResult>(q.run, options.queue);
  try {
    const pending = shards.map((shard) => {
      const p = backend.run(shard);
      p.then(() =>
        options.onProgress?.({
          label: "stress",
          done: ++done,
          total: shards.length,
          unit: "scopes",
          elapsedSeconds: (performance.now() - t0) / 1000,
        }), () => {});
      return p;
    });
    await backend.seal?.();
    const byScope = (await Promise.all(pending)).map((r) =>
      r.outcomes[0].results!
    );
    const stored = await storeStress(
      db,
      q.job,
      q.startedAt,
      inputs,
      interleaveScopes(byScope),
    );
    return { ...stored, run: q.run };
  } finally {
    await backend.close();
  }
}
