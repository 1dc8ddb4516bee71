/**
 * How allocation runs are described to a reader: the largest weights in percent, and
 * the caveat of a two-asset run.
 *
 * @module
 */
import { formatCell } from "./column_format.ts";

/**
 * The `max` largest weights as "SP500 75.18%, AAPL 24.82%", and how many more.
 *
 * @param symbols One name per weight.
 * @param weights Fractions of capital.
 * @param max Most weights to name. @default 3
 * @returns The text ("-" with no weights).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { largestWeights } from "./allocation_text.ts";
 * assert.equal(largestWeights(["A", "B", "C"], [0.2, 0.5, 0.3], 2), "B 50.00%, C 30.00% (+1 more)");
 * ```
 */
export function largestWeights(
  symbols: readonly string[],
  weights: ArrayLike<number>,
  max = 3,
): string {
  const order = Array.from(weights, (w, i) => ({ w, s: symbols[i] ?? `#${i}` }))
    .filter((x) => Number.isFinite(x.w))
    .sort((a, b) => b.w - a.w);
  if (order.length === 0) return "-";
  const shown = order.slice(0, max).map((x) =>
    `${x.s} ${formatCell(x.w, "pct")}`
  );
  const more = order.length - shown.length;
  return `${shown.join(", ")}${more > 0 ? ` (+${more} more)` : ""}`;
}

/**
 * What a run of `n` assets can say: a two-asset run is labelled as such.
 *
 * @param n Number of assets.
 * @returns "" or the caveat to show with the run.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { allocationCaveat } from "./allocation_text.ts";
 * assert.match(allocationCaveat(2), /^two-asset run/);
 * assert.equal(allocationCaveat(5), "");
 * ```
 */
export function allocationCaveat(n: number): string {
  return n <= 2
    ? `two-asset run: an "optimisation" over ${n} assets says little (allocation rules differ only in how they split two weights)`
    : "";
}
