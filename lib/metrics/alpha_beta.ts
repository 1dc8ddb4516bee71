/**
 * CAPM alpha and beta (empyrical `alpha`, `beta`, `alpha_beta`).
 *
 * @module
 */
import { nanMeanStd } from "./_stats.ts";
import {
  assertSameLength,
  assertSeries,
  periodsPerYearOf,
  rateAt,
} from "./_validate.ts";
import type { AlphaBeta, PeriodOptions, RiskFreeOptions } from "./types.ts";

/** Options of {@linkcode alpha}, {@linkcode beta} and {@linkcode alphaBeta}. */
export interface AlphaBetaOptions extends PeriodOptions, RiskFreeOptions {}

/**
 * Beta: cov(x, y) / var(y) with x = r - rf, y = f - rf over the rows where BOTH are
 * non-NaN (population moments, ddof 0; the ratio does not depend on ddof). NaN for fewer
 * than 2 rows, and when var(y) < 1e-30 (a flat benchmark, or fewer than 2 paired rows).
 * With a constant `riskFree` this is the slope of r on f.
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `riskFree` per period (default 0).
 * @returns Beta.
 * @see empyrical.stats.beta
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { beta } from "./alpha_beta.ts";
 * const f = new Float64Array([0.01, -0.02, 0.03, NaN]);
 * const r = f.map((v) => 2 * v + 0.001);
 * assert.ok(Math.abs(beta(r, f) - 2) < 1e-12);
 * ```
 */
export function beta(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: AlphaBetaOptions,
): number {
  const rf = _checkPair(returns, factorReturns, opts?.riskFree);
  return _beta(returns, factorReturns, rf);
}

/**
 * Annualised alpha, compounded: (1 + mean(a))^periodsPerYear - 1 with the alpha series
 * a = (r - rf) - beta * (f - rf) averaged over its non-NaN rows and beta from
 * {@linkcode beta}. NaN for fewer than 2 rows or when beta is NaN.
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `riskFree` per period (default 0), `periodsPerYear` (default 252).
 * @returns Annual alpha (0.02 = 2 % a year).
 * @see empyrical.stats.alpha
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alpha } from "./alpha_beta.ts";
 * const f = new Float64Array([0.01, -0.02, 0.03]);
 * const r = f.map((v) => 2 * v + 0.001);
 * assert.ok(Math.abs(alpha(r, f) - (1.001 ** 252 - 1)) < 1e-9);
 * ```
 */
export function alpha(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: AlphaBetaOptions,
): number {
  return alphaBeta(returns, factorReturns, opts).alpha;
}

/**
 * Alpha and beta in one pass (see {@linkcode alpha} and {@linkcode beta}).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `riskFree` per period (default 0), `periodsPerYear` (default 252).
 * @returns `{ alpha, beta }`.
 * @see empyrical.stats.alpha_beta
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { alphaBeta } from "./alpha_beta.ts";
 * const f = new Float64Array([0.01, -0.02, 0.03]);
 * const { beta } = alphaBeta(f.map((v) => 0.5 * v), f);
 * assert.ok(Math.abs(beta - 0.5) < 1e-12);
 * ```
 */
export function alphaBeta(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: AlphaBetaOptions,
): AlphaBeta {
  const rf = _checkPair(returns, factorReturns, opts?.riskFree);
  return _alphaBeta(returns, factorReturns, periodsPerYearOf(opts), rf);
}

/** Validate a (returns, factorReturns, riskFree) triple; the risk-free accessor. */
export function _checkPair(
  returns: Float64Array,
  factorReturns: Float64Array,
  riskFree: number | Float64Array | undefined,
): ((i: number) => number) | undefined {
  assertSeries(returns, "returns");
  assertSeries(factorReturns, "factorReturns");
  assertSameLength(returns, factorReturns);
  return rateAt(riskFree, returns.length, "riskFree");
}

/** Trusting kernel of {@linkcode alphaBeta}. */
export function _alphaBeta(
  r: Float64Array,
  f: Float64Array,
  ppy: number,
  rf?: (i: number) => number,
): AlphaBeta {
  const b = _beta(r, f, rf);
  if (r.length < 2 || Number.isNaN(b)) {
    return Object.freeze({ alpha: NaN, beta: b });
  }
  const rate = rf ?? (() => 0);
  const { mean } = nanMeanStd(r, 0, (i) => rate(i) + b * (f[i] - rate(i)));
  return Object.freeze({ alpha: Math.pow(1 + mean, ppy) - 1, beta: b });
}

/** Trusting kernel of {@linkcode beta}. */
export function _beta(
  r: Float64Array,
  f: Float64Array,
  rf?: (i: number) => number,
): number {
  if (r.length < 2) return NaN;
  let n = 0, s = 0, c = 0;
  for (let i = 0; i < r.length; i++) {
    const k = rf ? rf(i) : 0;
    const x = r[i] - k, y = f[i] - k;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    n++;
    const t = s + y;
    c += Math.abs(s) >= Math.abs(y) ? (s - t) + y : (y - t) + s;
    s = t;
  }
  if (n === 0) return NaN;
  const my = (s + c) / n;
  let sxy = 0, syy = 0;
  for (let i = 0; i < r.length; i++) {
    const k = rf ? rf(i) : 0;
    const x = r[i] - k, y = f[i] - k;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    const d = y - my;
    sxy += d * x;
    syy += d * d;
  }
  const v = syy / n;
  return v < 1e-30 ? NaN : (sxy / n) / v;
}
