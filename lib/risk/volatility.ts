/**
 * Causal volatility estimators: EWMA (RiskMetrics) and trailing-window sample std.
 * Value at t uses returns up to and including t (it is the forecast for t + 1).
 *
 * @module
 */

/** Options of {@linkcode ewmaVariance}. */
export interface EwmaOptions {
  /** Decay: v_t = lambda v_{t-1} + (1 - lambda) r_t^2. @default 0.94 */
  readonly lambda?: number;
  /** Before this many finite returns, v_t is the running mean of r^2 (causal seed). @default 20 */
  readonly warmupDays?: number;
}

/**
 * EWMA variance of daily returns, zero-mean convention (RiskMetrics 1996):
 * v_t = lambda v_{t-1} + (1 - lambda) r_t^2, seeded by the running mean of r^2 over the
 * first `warmupDays` finite returns. NaN returns carry the previous value; NaN before the
 * first finite return. Units: daily variance.
 *
 * @param returns Daily simple returns.
 * @param options Lambda and warm-up.
 * @returns Daily variance per bar, using returns <= t.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ewmaVariance } from "./volatility.ts";
 * const v = ewmaVariance(new Float64Array([0.01, -0.01, 0.02]), { warmupDays: 1 });
 * assert.ok(Math.abs(v[2] - (0.94 * (0.94 * 1e-4 + 0.06 * 1e-4) + 0.06 * 4e-4)) < 1e-18);
 * ```
 */
export function ewmaVariance(
  returns: ArrayLike<number>,
  options: EwmaOptions = {},
): Float64Array {
  const lambda = options.lambda ?? 0.94;
  const warm = options.warmupDays ?? 20;
  if (!(lambda > 0 && lambda < 1)) {
    throw new RangeError(`Lambda must be in (0, 1), got ${lambda}`);
  }
  const n = returns.length;
  const out = new Float64Array(n);
  let v = NaN, k = 0, sumSq = 0;
  for (let t = 0; t < n; t++) {
    const r = returns[t];
    if (Number.isFinite(r)) {
      if (k < warm) {
        sumSq += r * r;
        k++;
        v = sumSq / k;
      } else v = lambda * v + (1 - lambda) * r * r;
    }
    out[t] = v;
  }
  return out;
}

/**
 * Trailing sample standard deviation (n - 1) over `windowDays` bars ending at t; NaN when
 * the window is incomplete or holds a non-finite value. Units: daily.
 *
 * @param returns Daily returns.
 * @param windowDays Window length (>= 2).
 * @returns Std per bar, using returns in (t - windowDays, t].
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingStd } from "./volatility.ts";
 * const s = rollingStd(new Float64Array([1, 2, 3, 5]), 3);
 * assert.ok(Number.isNaN(s[1]));
 * assert.equal(s[2], 1);
 * ```
 */
export function rollingStd(
  returns: ArrayLike<number>,
  windowDays: number,
): Float64Array {
  if (!(Number.isInteger(windowDays) && windowDays >= 2)) {
    throw new RangeError(`Window must be an integer >= 2, got ${windowDays}`);
  }
  const n = returns.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = windowDays - 1; t < n; t++) {
    let s = 0, ok = true;
    for (let i = t - windowDays + 1; i <= t; i++) {
      if (!Number.isFinite(returns[i])) {
        ok = false;
        break;
      }
      s += returns[i];
    }
    if (!ok) continue;
    const m = s / windowDays;
    let ss = 0;
    for (let i = t - windowDays + 1; i <= t; i++) {
      ss += (returns[i] - m) * (returns[i] - m);
    }
    out[t] = Math.sqrt(ss / (windowDays - 1));
  }
  return out;
}
