/**
 * Stability of a return series (empyrical `stability_of_timeseries`).
 *
 * @module
 */
import { crLog1p } from "../_shared/cr_math.ts";
import { assertSeries } from "./_validate.ts";

/**
 * Stability: R^2 of the ordinary least squares line through the cumulative log returns
 * y[k] = sum_{j<=k} ln(1 + r[j]) against k = 0, 1, ... (NaN returns are DROPPED first, so
 * k counts valid returns). R^2 = sxy^2 / (sxx * syy), clipped to [0, 1]; 0 when y is flat
 * (scipy `linregress` sets r = 0 then). NaN for fewer than 2 rows or fewer than 2 valid
 * returns.
 *
 * @param returns Simple returns per period.
 * @returns R^2 in [0, 1] (1 = perfectly steady compounding).
 * @see empyrical.stats.stability_of_timeseries
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stabilityOfTimeseries } from "./stability_of_timeseries.ts";
 * assert.ok(Math.abs(stabilityOfTimeseries(new Float64Array(50).fill(0.01)) - 1) < 1e-12);
 * ```
 */
export function stabilityOfTimeseries(returns: Float64Array): number {
  assertSeries(returns, "returns");
  if (returns.length < 2) return NaN;
  let n = 0;
  for (let i = 0; i < returns.length; i++) if (!Number.isNaN(returns[i])) n++;
  if (n < 2) return NaN;
  const y = new Float64Array(n);
  let acc = 0, k = 0;
  for (let i = 0; i < returns.length; i++) {
    if (Number.isNaN(returns[i])) continue;
    acc += crLog1p(returns[i]);
    y[k++] = acc;
  }
  const mx = (n - 1) / 2;
  let my = 0;
  for (let i = 0; i < n; i++) my += y[i];
  my /= n;
  let sxx = 0, syy = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = i - mx, dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (syy === 0 || !Number.isFinite(syy)) return syy === 0 ? 0 : NaN;
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  return r * r;
}
