/**
 * Half-life of mean reversion of a spread.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import { olsFit } from "./_ols.ts";

/**
 * Half-life in bars from the AR(1) fit ds_t = a + b s_{t-1} + e_t:
 * halfLife = -ln 2 / ln(1 + b). NaN when b >= 0 (no mean reversion) or too few finite
 * points; NaN values of the spread are skipped pairwise.
 *
 * @param spread Spread levels (e.g. log a - beta log b).
 * @returns Half-life in bars (trading days for daily data).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { halfLife } from "./half_life.ts";
 * // s_t = 0.5 s_{t-1} exactly with a constant offset of 0: half-life 1 bar
 * const s = Float64Array.from({ length: 20 }, (_, i) => Math.pow(0.5, i) * (i % 2 ? 1 : 1));
 * assert.ok(Math.abs(halfLife(s) - 1) < 1e-9);
 * ```
 */
export function halfLife(spread: Float64Array): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = 1; t < spread.length; t++) {
    const p = spread[t - 1], c = spread[t];
    if (Number.isFinite(p) && Number.isFinite(c)) {
      xs.push(1, p);
      ys.push(c - p);
    }
  }
  if (ys.length < 3) return NaN;
  const fit = olsFit(Float64Array.from(xs), Float64Array.from(ys), 2);
  const b = fit.coef[1];
  if (!(b < 0) || b <= -1) return b <= -1 ? 0 : NaN;
  return -Math.LN2 / crLog(1 + b);
}
