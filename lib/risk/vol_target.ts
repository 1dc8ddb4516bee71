/**
 * Volatility targeting: single-asset scale series and portfolio-level (covariance
 * aware) scaling.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { ewmaVariance, rollingStd } from "./volatility.ts";

/** Options of {@linkcode volTargetScale}. */
export interface VolTargetOptions {
  /** Annualised target volatility (0.10 = 10%/yr). @default 0.1 */
  readonly targetVolAnnual?: number;
  /** Volatility estimator. @default "ewma" */
  readonly estimator?: "ewma" | "rolling";
  /** EWMA decay. @default 0.94 */
  readonly lambda?: number;
  /** Rolling window, and the minimum number of returns before any exposure. @default 20 */
  readonly windowDays?: number;
  /** Cap on the scale (leverage). @default 2 */
  readonly maxLeverage?: number;
  /** @default 252 */
  readonly periodsPerYear?: number;
}

/**
 * Exposure multiplier that targets a constant annualised volatility:
 * scale_t = min(maxLeverage, target / (sigma_t sqrt(252))), sigma_t estimated from
 * returns up to and including t (decide at the close of t, hold over t -> t+1).
 * 0 before `windowDays` finite returns or when sigma_t is 0 / NaN.
 *
 * @param returns Daily simple returns of the asset (or strategy).
 * @param options Target, estimator, cap.
 * @returns Scale per bar (multiply the raw position by it).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { volTargetScale } from "./vol_target.ts";
 * const r = Float64Array.from({ length: 60 }, (_, i) => (i % 2 ? 0.01 : -0.01));
 * const s = volTargetScale(r, { targetVolAnnual: 0.1, estimator: "ewma", windowDays: 20 });
 * assert.equal(s[10], 0);
 * assert.ok(Math.abs(s[59] - 0.1 / (0.01 * Math.sqrt(252))) < 1e-9);
 * ```
 */
export function volTargetScale(
  returns: ArrayLike<number>,
  options: VolTargetOptions = {},
): Float64Array {
  const target = options.targetVolAnnual ?? 0.1;
  const window = options.windowDays ?? 20;
  const cap = options.maxLeverage ?? 2;
  const ppy = options.periodsPerYear ?? 252;
  if (!(target > 0) || !(cap > 0)) {
    throw new RangeError(
      `Target volatility and max leverage must be > 0, got ${target} and ${cap}`,
    );
  }
  const n = returns.length;
  const sd = options.estimator === "rolling"
    ? rollingStd(returns, window)
    : ewmaVariance(returns, { lambda: options.lambda, warmupDays: window })
      .map(Math.sqrt);
  const out = new Float64Array(n);
  let seen = 0;
  for (let t = 0; t < n; t++) {
    if (Number.isFinite(returns[t])) seen++;
    const s = sd[t] * Math.sqrt(ppy);
    out[t] = seen >= window && s > 0 ? Math.min(cap, target / s) : 0;
  }
  return out;
}

/**
 * Correlation-aware sizing: scale a weight vector by k so the portfolio's annualised
 * volatility sqrt(252 w' Sigma w) k hits the target, capped so gross exposure k sum|w|
 * stays <= maxLeverage. Correlated assets raise w' Sigma w, so they receive less capital
 * than the same weights on uncorrelated assets would (the whole book is scaled; relative
 * weights are kept). Use a Ledoit-Wolf covariance estimated on data before the decision.
 *
 * @param weights Raw weights (N).
 * @param covariance N x N daily covariance.
 * @param options Target vol (annual), maxLeverage, periodsPerYear.
 * @returns Scaled weights (all 0 when the raw portfolio has zero variance).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scaleToTargetVol } from "./vol_target.ts";
 * const cov = { rows: 2, cols: 2, data: new Float64Array([1e-4, 0, 0, 1e-4]) };
 * const w = scaleToTargetVol(new Float64Array([0.5, 0.5]), cov, { targetVolAnnual: 0.1, maxLeverage: 10 });
 * const vol = Math.sqrt(252 * (w[0] ** 2 + w[1] ** 2) * 1e-4);
 * assert.ok(Math.abs(vol - 0.1) < 1e-12);
 * ```
 */
export function scaleToTargetVol(
  weights: ArrayLike<number>,
  covariance: Matrix,
  options: Omit<VolTargetOptions, "estimator" | "lambda" | "windowDays"> = {},
): Float64Array {
  const N = weights.length;
  if (covariance.rows !== N || covariance.cols !== N) {
    throw new RangeError(
      `Covariance must be ${N} x ${N}, got ${covariance.rows} x ${covariance.cols}`,
    );
  }
  const target = options.targetVolAnnual ?? 0.1;
  const cap = options.maxLeverage ?? 2;
  const ppy = options.periodsPerYear ?? 252;
  let v = 0, gross = 0;
  for (let i = 0; i < N; i++) {
    gross += Math.abs(weights[i]);
    for (let j = 0; j < N; j++) {
      v += weights[i] * weights[j] * covariance.data[i * N + j];
    }
  }
  const out = new Float64Array(N);
  if (!(v > 0)) return out;
  const k = Math.min(
    target / Math.sqrt(v * ppy),
    gross > 0 ? cap / gross : Infinity,
  );
  for (let i = 0; i < N; i++) out[i] = weights[i] * k;
  return out;
}
