/**
 * Parameter sweeps (bench SPEC W2): the moving-average crossover (long/flat) over a
 * (fast, slow) grid with per-pair Sharpe (252/yr, ddof 1), total return and max drawdown
 * (positive fraction, as in the SPEC), as a pure single-thread kernel and through a
 * persistent pool of Deno Workers that returns the same bits.
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
