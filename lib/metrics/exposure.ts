/**
 * Market exposure of a position series.
 *
 * @module
 */
import { assertSeries } from "./_validate.ts";

/** Result of {@linkcode exposure}. */
export interface ExposureResult {
  /** Share of periods with a non-zero position (time in the market). */
  readonly timeInMarket: number;
  /** Share of periods long (position > 0). */
  readonly longFraction: number;
  /** Share of periods short (position < 0). */
  readonly shortFraction: number;
  /** Mean |position| (average gross exposure, fraction of equity). */
  readonly meanGross: number;
  /** Mean position (average net exposure, fraction of equity). */
  readonly meanNet: number;
}

/**
 * Exposure statistics over the non-NaN positions (positions as fractions of equity):
 * time in market = #(p != 0) / n, long / short fractions, mean |p| and mean p.
 * NaN for every field when no position is valid.
 *
 * @param positions Position (weight) held at each period.
 * @returns Frozen {@linkcode ExposureResult}.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { exposure } from "./exposure.ts";
 * const e = exposure(new Float64Array([0, 1, -0.5, 0.5]));
 * assert.equal(e.timeInMarket, 0.75);
 * assert.equal(e.meanGross, 0.5);
 * assert.equal(e.meanNet, 0.25);
 * ```
 */
export function exposure(positions: Float64Array): ExposureResult {
  assertSeries(positions, "positions");
  let n = 0, long = 0, short = 0, gross = 0, net = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i];
    if (Number.isNaN(p)) continue;
    n++;
    if (p > 0) long++;
    else if (p < 0) short++;
    gross += Math.abs(p);
    net += p;
  }
  const f = (x: number) => (n > 0 ? x / n : NaN);
  return Object.freeze({
    timeInMarket: f(long + short),
    longFraction: f(long),
    shortFraction: f(short),
    meanGross: f(gross),
    meanNet: f(net),
  });
}
