/**
 * The nearest name to a misspelt one, for "did you mean" in messages about unknown flags
 * and unknown config fields.
 *
 * @module
 */

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase(), y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1);
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, sub));
    }
    prev = row;
  }
  return prev[y.length];
}

/**
 * The candidate closest to `name` within a third of its length (at least 1 edit), or
 * undefined when none is that close.
 *
 * @param name What was given.
 * @param candidates What is allowed.
 * @returns The nearest candidate, if any.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nearest } from "./nearest.ts";
 * assert.equal(nearest("trian-len", ["train-len", "test-len"]), "train-len");
 * assert.equal(nearest("maxDrawDown", ["maxDrawdown", "dailyLossLimit"]), "maxDrawdown");
 * assert.equal(nearest("zzz", ["train-len"]), undefined);
 * ```
 */
export function nearest(
  name: string,
  candidates: readonly string[],
): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined, bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d <= limit && d < bestD) [best, bestD] = [c, d];
  }
  return best;
}
