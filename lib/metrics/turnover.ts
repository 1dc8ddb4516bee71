/**
 * Position turnover.
 *
 * @module
 */
import { assertSeries, periodsPerYearOf } from "./_validate.ts";
import type { PeriodOptions } from "./types.ts";

/**
 * Mean turnover per period: mean over t = 1..n-1 of |p[t] - p[t-1]|, positions as
 * fractions of equity (1 = fully long), so 0.1 means 10 % of equity traded per period.
 * The entry from flat before the first period is not counted. Pairs with a NaN position
 * are skipped. NaN with fewer than 2 positions (or no valid pair).
 *
 * @param positions Position (weight) held at each period.
 * @returns Mean absolute position change per period.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { turnover } from "./turnover.ts";
 * assert.equal(turnover(new Float64Array([0, 1, 1, -1])), 1); // (1 + 0 + 2) / 3
 * ```
 */
export function turnover(positions: Float64Array): number {
  assertSeries(positions, "positions");
  let n = 0, s = 0;
  for (let t = 1; t < positions.length; t++) {
    const d = Math.abs(positions[t] - positions[t - 1]);
    if (Number.isNaN(d)) continue;
    n++;
    s += d;
  }
  return n > 0 ? s / n : NaN;
}

/**
 * Annualised turnover: {@linkcode turnover} * periodsPerYear (2.5 = equity traded two and
 * a half times a year).
 *
 * @param positions Position (weight) held at each period.
 * @param opts `periodsPerYear` (default 252).
 * @returns Annual turnover.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { annualTurnover } from "./turnover.ts";
 * assert.equal(annualTurnover(new Float64Array([0, 1, 1, -1]), { periodsPerYear: 12 }), 12);
 * ```
 */
export function annualTurnover(
  positions: Float64Array,
  opts?: PeriodOptions,
): number {
  const ppy = periodsPerYearOf(opts);
  return turnover(positions) * ppy;
}
