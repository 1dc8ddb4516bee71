/**
 * The moving-average crossover parameter grid.
 *
 * @module
 */

/** Options of {@linkcode maGrid}. */
export interface MaGridOptions {
  /** Fast windows. @default 2..50 step 1 (bench SPEC W2) */
  readonly fast?: readonly number[];
  /** Slow windows. @default 20..250 step 5 (bench SPEC W2) */
  readonly slow?: readonly number[];
}

/** Pairs of a grid, in order: fast ascending, then slow ascending; only fast < slow. */
export interface MaGrid {
  readonly fast: Int32Array;
  readonly slow: Int32Array;
}

const range = (a: number, b: number, step: number): number[] =>
  Array.from(
    { length: Math.floor((b - a) / step) + 1 },
    (_, i) => a + i * step,
  );

/**
 * The (fast, slow) pairs with fast < slow; the default is bench SPEC W2's 2,191 pairs.
 *
 * @param options Window lists (integers >= 1).
 * @returns The pairs, fast-major order.
 * @throws {RangeError} On a window that is not an integer >= 1.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maGrid } from "./grid.ts";
 * assert.equal(maGrid().fast.length, 2191);
 * const g = maGrid({ fast: [2, 3], slow: [3, 5] });
 * assert.deepEqual([...g.fast], [2, 2, 3]);
 * assert.deepEqual([...g.slow], [3, 5, 5]);
 * ```
 */
export function maGrid(options: MaGridOptions = {}): MaGrid {
  const fasts = options.fast ?? range(2, 50, 1);
  const slows = options.slow ?? range(20, 250, 5);
  for (const w of [...fasts, ...slows]) {
    if (!Number.isInteger(w) || w < 1) {
      throw new RangeError(
        `Invalid moving-average window: expected an integer >= 1, got ${w}`,
      );
    }
  }
  const f: number[] = [], s: number[] = [];
  for (const a of [...fasts].sort((x, y) => x - y)) {
    for (const b of [...slows].sort((x, y) => x - y)) {
      if (a < b) {
        f.push(a);
        s.push(b);
      }
    }
  }
  return Object.freeze({ fast: Int32Array.from(f), slow: Int32Array.from(s) });
}
