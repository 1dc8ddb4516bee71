/**
 * Rolling statistics over trailing windows (empyrical `roll_max_drawdown`,
 * `roll_sharpe_ratio`, `roll_alpha_beta`; the capture ones are in roll_capture.ts).
 *
 * Every function returns n - window + 1 values (empty when n < window); value k belongs
 * to the window of rows k .. k + window - 1, i.e. it is aligned to the window's LAST row
 * and uses no data after it. Each window is computed exactly like the scalar statistic
 * on that slice (O(n * window)).
 *
 * @module
 */
import { assertSeries, periodsPerYearOf, rateAt } from "./_validate.ts";
import { _checkPair, _roll, _window } from "./_roll.ts";
import { _alphaBeta } from "./alpha_beta.ts";
import { _maxDrawdown } from "./drawdown_series.ts";
import { _sharpeRatio } from "./sharpe_ratio.ts";
import type {
  PeriodOptions,
  RiskFreeOptions,
  RollingAlphaBeta,
  WindowOptions,
} from "./types.ts";

/** Options of the rolling statistics that annualise. */
export interface RollingOptions
  extends WindowOptions, PeriodOptions, RiskFreeOptions {}

/**
 * Rolling maximum drawdown (negative fractions; each window starts its own account, so
 * its first value counts as a peak).
 *
 * @param returns Simple returns per period.
 * @param opts `window` (default 10).
 * @returns n - window + 1 drawdowns aligned to window ends.
 * @see empyrical.stats.roll_max_drawdown
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollMaxDrawdown } from "./rolling.ts";
 * const dd = rollMaxDrawdown(new Float64Array([0.1, -0.5, 0.2, 0.1]), { window: 2 });
 * assert.deepEqual(Array.from(dd, (v) => +v.toFixed(12)), [-0.5, -0.5, 0]);
 * ```
 */
export function rollMaxDrawdown(
  returns: Float64Array,
  opts?: WindowOptions,
): Float64Array {
  assertSeries(returns, "returns");
  const w = _window(opts);
  return _roll(returns.length, w, (a, b) => _maxDrawdown(returns, a, b));
}

/**
 * Rolling annualised Sharpe ratio (see `sharpeRatio`; a `riskFree` array is sliced with
 * each window).
 *
 * @param returns Simple returns per period.
 * @param opts `window` (default 10), `periodsPerYear` (default 252), `riskFree` (0).
 * @returns n - window + 1 Sharpe ratios aligned to window ends.
 * @see empyrical.stats.roll_sharpe_ratio
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollSharpeRatio } from "./rolling.ts";
 * const s = rollSharpeRatio(new Float64Array([0, 0.01, 0.02, 0.01]), { window: 3, periodsPerYear: 1 });
 * assert.equal(s.length, 2);
 * assert.ok(Math.abs(s[0] - 1) < 1e-12);
 * ```
 */
export function rollSharpeRatio(
  returns: Float64Array,
  opts?: RollingOptions,
): Float64Array {
  assertSeries(returns, "returns");
  const w = _window(opts);
  const ppy = periodsPerYearOf(opts);
  const rf = rateAt(opts?.riskFree, returns.length, "riskFree");
  return _roll(returns.length, w, (a, b) =>
    _sharpeRatio(
      returns.subarray(a, b),
      ppy,
      rf ? (i) => rf(a + i) : undefined,
    ));
}

/**
 * Rolling alpha and beta (see `alphaBeta`).
 *
 * @param returns Simple returns per period.
 * @param factorReturns Benchmark returns, same length.
 * @param opts `window` (default 10), `periodsPerYear` (default 252), `riskFree` (0).
 * @returns `{ alpha, beta }`, each n - window + 1 values aligned to window ends.
 * @see empyrical.stats.roll_alpha_beta
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollAlphaBeta } from "./rolling.ts";
 * const f = new Float64Array([0.01, -0.02, 0.03, 0.01, -0.01]);
 * const { beta } = rollAlphaBeta(f.map((v) => 3 * v), f, { window: 3 });
 * assert.ok(beta.every((b) => Math.abs(b - 3) < 1e-12));
 * ```
 */
export function rollAlphaBeta(
  returns: Float64Array,
  factorReturns: Float64Array,
  opts?: RollingOptions,
): RollingAlphaBeta {
  const w = _checkPair(returns, factorReturns, opts);
  const ppy = periodsPerYearOf(opts);
  const rf = rateAt(opts?.riskFree, returns.length, "riskFree");
  const m = Math.max(0, returns.length - w + 1);
  const alpha = new Float64Array(m), beta = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const ab = _alphaBeta(
      returns.subarray(k, k + w),
      factorReturns.subarray(k, k + w),
      ppy,
      rf ? (i) => rf(k + i) : undefined,
    );
    alpha[k] = ab.alpha;
    beta[k] = ab.beta;
  }
  return Object.freeze({ alpha, beta });
}
