/**
 * The workloads of the bench SPEC, each timed as best of 3 after a warm-up:
 * - W1 ({@linkcode benchW1}): walk-forward ridge on the S&P 500 (lib/walkforward `runW1`);
 * - W2 ({@linkcode benchW2}): the moving-average crossover (long/flat) over a (fast, slow)
 *   grid with per-pair Sharpe (252/yr, ddof 1), total return and max drawdown (positive
 *   fraction, as in the SPEC), as a pure single-thread kernel and through a persistent
 *   pool of worker threads (web Workers on Deno, worker_threads on Node) that returns
 *   the same bits;
 * - W3 ({@linkcode benchW3}): ingest, STRICT validation and a query of a synthetic market.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { sweepMaCrossover } from "./mod.ts";
 * const r = sweepMaCrossover((await readSampleBars("SP500")).close);
 * assert.equal(r.pairs, 2191);
 * assert.deepEqual([r.best.fast, r.best.slow], [7, 185]);
 * ```
 *
 * @module
 */
export { maGrid } from "./grid.ts";
export type { MaGrid, MaGridOptions } from "./grid.ts";
export { smaBlock } from "./sma_block.ts";
export type { SmaBlock } from "./sma_block.ts";
export { sweepCost, sweepMaCrossover, sweepPairs } from "./ma_sweep.ts";
export type { MaSweepOptions } from "./ma_sweep.ts";
export { summariseSweep } from "./summarise_sweep.ts";
export type { MaSweepResult, PairFigures } from "./summarise_sweep.ts";
export { createSweepPool } from "./sweep_pool.ts";
export type { SweepPool, SweepPoolOptions } from "./sweep_pool.ts";
export type { SweepReply, SweepTask } from "./sweep_worker.ts";
export { benchW1 } from "./w1.ts";
export type { BenchW1Result } from "./w1.ts";
export { benchW2 } from "./w2.ts";
export type { BenchW2Options } from "./w2.ts";
export { benchW3 } from "./w3.ts";
export { BENCH_UNIVERSE, benchUniverse } from "./universe.ts";
export type { BenchUniverseOptions, BenchUniverseResult } from "./universe.ts";
export { benchU3, U3_METHODS } from "./u3.ts";
export type { BenchU3Options, BenchU3Result, U3Method } from "./u3.ts";
export type { BenchW3Options, BenchW3Result } from "./w3.ts";
export { benchQueueScaling } from "./queue_scaling.ts";
export type {
  QueueBenchResult,
  QueueBlocksResult,
  QueueScalingOptions,
  QueueScalingResult,
} from "./queue_scaling.ts";
