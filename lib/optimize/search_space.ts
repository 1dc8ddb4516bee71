/**
 * Parameter search spaces: full grids and seeded random samples of a grid.
 *
 * @module
 */
import type { ParamGrid, StrategyParams } from "../strategies/mod.ts";
import { createRng } from "../_shared/seed.ts";

/**
 * Cartesian product of a grid, in lexicographic order of the grid's keys (last key
 * fastest), keeping only combinations accepted by `valid`.
 *
 * @param grid Candidate values per parameter.
 * @param valid Filter for invalid combinations. @default accept all
 * @returns Parameter sets.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandGrid } from "./search_space.ts";
 * const g = expandGrid({ fast: [1, 5], slow: [3, 10] }, (p) => p.fast < p.slow);
 * assert.deepEqual(g, [{ fast: 1, slow: 3 }, { fast: 1, slow: 10 }, { fast: 5, slow: 10 }]);
 * ```
 */
export function expandGrid(
  grid: ParamGrid,
  valid: (p: StrategyParams) => boolean = () => true,
): StrategyParams[] {
  const keys = Object.keys(grid);
  let out: Record<string, number>[] = [{}];
  for (const k of keys) {
    if (grid[k].length === 0) {
      throw new RangeError(`Grid parameter "${k}" has no values`);
    }
    const next: Record<string, number>[] = [];
    for (const p of out) for (const v of grid[k]) next.push({ ...p, [k]: v });
    out = next;
  }
  return out.filter(valid).map((p) => Object.freeze(p));
}

/**
 * `n` distinct parameter sets drawn uniformly (seeded) from the valid grid points,
 * without replacement; all of them when the grid is smaller than n. Same seed -> same
 * sets in the same order.
 *
 * @param grid Candidate values per parameter.
 * @param options `n` draws, `seed`, optional `valid` filter.
 * @returns Parameter sets.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sampleGrid } from "./search_space.ts";
 * const g = { a: [1, 2, 3], b: [4, 5] };
 * assert.deepEqual(sampleGrid(g, { n: 3, seed: 7 }), sampleGrid(g, { n: 3, seed: 7 }));
 * assert.equal(sampleGrid(g, { n: 10, seed: 1 }).length, 6);
 * ```
 */
export function sampleGrid(
  grid: ParamGrid,
  options: { n: number; seed: number; valid?: (p: StrategyParams) => boolean },
): StrategyParams[] {
  const all = expandGrid(grid, options.valid);
  const rng = createRng(options.seed);
  const idx = all.map((_, i) => i);
  const n = Math.min(options.n, all.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (idx.length - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, n).map((i) => all[i]);
}
