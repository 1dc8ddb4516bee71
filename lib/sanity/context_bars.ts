/**
 * How many stored bars ingest validates on each side of a file: the widest reach of the
 * active rules.
 *
 * @module
 */
import { parseSanityOptions, type SanityOptionsInput } from "./config.ts";
import { RULES } from "./rules/_all.ts";

/**
 * The number of neighbouring bars on each side of a bar that some active rule reads to
 * judge it (the largest `reach` of the set rules not skipped; row rules read the row
 * alone). A file merged into the store is validated together with this many stored bars
 * on each side of its rows, so a rule sees every stored bar its verdict on a file row,
 * or on a stored bar next to the file, depends on. With the defaults it is
 * `2 * splitRevertDays + 2 = 12` (the split rule; `stale_price` reads `staleDays` = 5,
 * `gap` and `extreme_move` 1).
 *
 * @param options Sanity options (thresholds change the windows).
 * @returns Bars on each side, >= 0.
 * @example
 * ```ts
 * import { contextBars } from "./context_bars.ts";
 * import assert from "node:assert/strict";
 * assert.equal(contextBars(), 12);
 * assert.equal(contextBars({ splitRevertDays: 2, staleDays: 9 }), 9);
 * assert.equal(contextBars({ skip: ["unadjusted_split", "stale_price"] }), 1);
 * ```
 */
export function contextBars(options: SanityOptionsInput = {}): number {
  const opts = parseSanityOptions(options);
  let widest = 0;
  for (const rule of RULES) {
    if (rule.kind === "set" && !opts.skip.includes(rule.id)) {
      widest = Math.max(widest, rule.reach(opts));
    }
  }
  return widest;
}
