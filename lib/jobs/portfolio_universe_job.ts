/**
 * The portfolio job over a universe on the queue: the same allocation walk-forwards as
 * `runPortfolioJob`, their rebalances computed by `deno task worker` processes, stored by
 * the coordinator exactly as `runPortfolioJob` stores them (the same `portfolio_runs`
 * rows, one transaction).
 *
 * The costly part of an allocation walk-forward is each rebalance's estimate (the
 * covariance of the lookback window, then the method's optimisation), and each is a pure
 * function of its window: a shard is one method x a block of consecutive rebalances
 * (`foldsPerShard`, 16 by default), its id `<method>-f<first>-<last>` (fold numbers), and
 * it returns the target weights of its rebalances. Every shard reads every symbol's
 * partition (the returns on the common dates need them all). What is sequential stays
 * with the coordinator, which computes no estimate: the trades (the threshold rule looks
 * at the weights drifted since the last trade), the P&L path, costs and metrics are
 * assembled from the targets by `walkForwardFromTargets`, the code the local run uses.
 *
 * @module
 */
import type { DbEngine } from "../data/mod.ts";
import { panelBars } from "../_shared/panel.ts";
import {
  allocationFolds,
  type AllocationMethod,
  type AllocationTarget,
  allocationTarget,
  walkForwardFromTargets,
} from "../portfolio/mod.ts";
import type { PerSymbolQueueOptions } from "./_queue_per_symbol.ts";
import {
  packBars,
  runWholeQueue,
  type WholeShardResult,
  wholeShardResult,
} from "./_queue_whole.ts";
import type { Shard } from "./_universe_shard.ts";
import { uncheckedRecord } from "./data_sanity_gate.ts";
import {
  allocationOptions,
  portfolioInputs,
  type PortfolioJobConfig,
  type PortfolioJobResult,
  preparePortfolio,
  storePortfolio,
} from "./portfolio_job.ts";

/** Rebalances a shard computes unless the job says otherwise. */
export const PORTFOLIO_FOLDS_PER_SHARD = 16;

/** The portfolio job on the queue: the job and its shards' size. */
export interface PortfolioQueueConfig {
  readonly config: PortfolioJobConfig;
  /** Consecutive rebalances per shard. */
  readonly foldsPerShard: number;
}

/**
 * The id of the shard of `method`'s rebalances `first..last`.
 *
 * @param method The allocation method.
 * @param first First fold number.
 * @param last Last fold number (inclusive).
 * @returns The id.
 */
export function portfolioShardId(
  method: AllocationMethod,
  first: number,
  last: number,
): string {
  return `${method}-f${first}-${last}`;
}

/**
 * Compute a portfolio shard (the worker's side; pure): the targets of its method's
 * rebalances, from the returns of every symbol's bars.
 *
 * @param shard Every symbol's bars; its id names the method and the rebalances.
 * @param config The portfolio job.
 * @returns The targets of its rebalances, in order.
 */
export function runPortfolioShard(
  shard: Shard,
  config: PortfolioJobConfig,
): WholeShardResult<AllocationTarget[]> {
  const m = /^([a-z]+)-f(\d+)-(\d+)$/.exec(shard.id);
  if (!m) throw new Error(`Not a portfolio shard id: ${shard.id}`);
  const method = m[1] as AllocationMethod;
  const cache = new Map<number, string>();
  const bars = shard.symbols.map((_, i) => panelBars(shard, i, cache));
  const inputs = portfolioInputs(config, bars, uncheckedRecord("a shard"));
  const options = allocationOptions(config, method, inputs.periodsPerYear);
  const folds = allocationFolds(inputs.R.rows, options);
  const targets: AllocationTarget[] = [];
  for (let i = Number(m[2]); i <= Number(m[3]); i++) {
    targets.push(allocationTarget(inputs.R, folds[i], options));
  }
  return wholeShardResult(shard, targets);
}

/**
 * Run the allocation walk-forwards through the queue and store them as
 * `runPortfolioJob` does.
 *
 * @param db The store.
 * @param job The portfolio job (read from the shared directory on `--resume`).
 * @param options The queue (with `resume` to re-attach) and progress.
 * @returns What `runPortfolioJob` returns, and the queue run.
 */
export function runPortfolioUniverseJob(
  db: DbEngine,
  job: PortfolioQueueConfig,
  options: PerSymbolQueueOptions,
): Promise<PortfolioJobResult & { readonly run: string }> {
  if (job.config.synthetic !== undefined) {
    return Promise.reject(
      new RangeError(
        "A synthetic basket (--synthetic) does not run on the queue: give --universe",
      ),
    );
  }
  return runWholeQueue("portfolio", job, options, async (q) => {
    const cfg = q.config;
    const inputs = await preparePortfolio(db, cfg);
    const folds = allocationFolds(inputs.R.rows, {
      lookback: cfg.lookback,
      rebalanceEvery: cfg.rebalance,
    });
    const all = packBars(inputs.bars);
    const shards: Shard[] = [], methodOf: AllocationMethod[] = [];
    for (const method of inputs.methods) {
      for (let first = 0; first < folds.length; first += q.foldsPerShard) {
        const last = Math.min(first + q.foldsPerShard, folds.length) - 1;
        shards.push({ ...all, id: portfolioShardId(method, first, last) });
        methodOf.push(method);
      }
    }
    return {
      shards,
      finish(blocks: AllocationTarget[][], startedAt) {
        const methods = inputs.methods.map((method) => {
          const targets = blocks.filter((_, k) => methodOf[k] === method)
            .flat();
          if (targets.length !== folds.length) {
            throw new Error(
              `The shards of ${method} returned ${targets.length} rebalances, the run has ${folds.length}`,
            );
          }
          return {
            method,
            result: walkForwardFromTargets(
              inputs.R,
              inputs.dates,
              allocationOptions(cfg, method, inputs.periodsPerYear),
              (_f, i) => targets[i],
            ),
          };
        });
        return storePortfolio(db, cfg, startedAt, inputs, methods);
      },
    };
  });
}
