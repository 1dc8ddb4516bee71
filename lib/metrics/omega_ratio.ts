/**
 * Omega ratio (empyrical `omega_ratio`).
 *
 * @module
 */
import { assertSeries, periodsPerYearOf, rateAt } from "./_validate.ts";
import type { PeriodOptions, RiskFreeOptions } from "./types.ts";

/** Options of {@linkcode omegaRatio}. */
export interface OmegaRatioOptions extends PeriodOptions, RiskFreeOptions {
  /** ANNUAL minimum acceptable return, turned into a per-period threshold
   * (1 + requiredReturn)^(1 / periodsPerYear) - 1 (used as is when periodsPerYear = 1).
   * @default {0} */
  readonly requiredReturn?: number;
}

/**
 * Omega ratio: with x = r - riskFree - threshold and
 * threshold = (1 + requiredReturn)^(1 / periodsPerYear) - 1,
 * omega = sum(x where x > 0) / -sum(x where x < 0). NaN for fewer than 2 rows, when the
 * denominator is 0 (no period below the threshold), or when requiredReturn <= -1.
 * NaN returns are skipped.
 *
 * @param returns Simple returns per period.
 * @param opts `requiredReturn` (ANNUAL, default 0), `riskFree` (per period, default 0),
 *   `periodsPerYear` (default 252).
 * @returns The Omega ratio.
 * @see empyrical.stats.omega_ratio
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { omegaRatio } from "./omega_ratio.ts";
 * const o = omegaRatio(new Float64Array([0.03, -0.01, 0.01, -0.02]));
 * assert.ok(Math.abs(o - 0.04 / 0.03) < 1e-12);
 * ```
 */
export function omegaRatio(
  returns: Float64Array,
  opts?: OmegaRatioOptions,
): number {
  assertSeries(returns, "returns");
  const ppy = periodsPerYearOf(opts);
  const rf = rateAt(opts?.riskFree, returns.length, "riskFree");
  const required = opts?.requiredReturn ?? 0;
  if (returns.length < 2) return NaN;
  let thr: number;
  if (ppy === 1) thr = required;
  else if (required <= -1) return NaN;
  else thr = Math.pow(1 + required, 1 / ppy) - 1;
  let up = 0, down = 0;
  for (let i = 0; i < returns.length; i++) {
    const x = returns[i] - (rf ? rf(i) : 0) - thr;
    if (x > 0) up += x;
    else if (x < 0) down -= x;
  }
  return down > 0 ? up / down : NaN;
}
