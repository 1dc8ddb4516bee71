/**
 * Causal hedge ratios for pairs: rolling OLS and a Kalman filter.
 *
 * @module
 */

/** Intercept and slope columns of a time-varying regression y_t = alpha_t + beta_t x_t. */
export interface HedgeRatioSeries {
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
}

/**
 * Rolling OLS hedge ratio: at t, regress y on [1, x] over the trailing `windowDays` rows
 * t - w + 1..t (data <= t only), via running sums. NaN until the window is full, when it
 * holds a NaN, or when x is constant in it.
 *
 * @param y Dependent leg (e.g. log price of a).
 * @param x Hedge leg (e.g. log price of b), same length.
 * @param windowDays Window in bars (>= 3).
 * @returns `{ alpha, beta }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rollingHedgeRatio } from "./hedge_ratio.ts";
 * const x = new Float64Array([1, 2, 3, 4, 5]);
 * const { beta } = rollingHedgeRatio(x.map((v) => 1 + 2 * v), x, 3);
 * assert.ok(Math.abs(beta[4] - 2) < 1e-12 && Number.isNaN(beta[1]));
 * ```
 */
export function rollingHedgeRatio(
  y: Float64Array,
  x: Float64Array,
  windowDays: number,
): HedgeRatioSeries {
  if (y.length !== x.length) {
    throw new RangeError(
      `rollingHedgeRatio needs equal lengths: got ${y.length} and ${x.length}`,
    );
  }
  if (!(windowDays >= 3)) {
    throw new RangeError(
      `rollingHedgeRatio windowDays must be >= 3, got ${windowDays}`,
    );
  }
  const n = y.length, w = windowDays;
  const alpha = new Float64Array(n).fill(NaN);
  const beta = new Float64Array(n).fill(NaN);
  let x0 = 0, y0 = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      x0 = x[i];
      y0 = y[i];
      break;
    }
  }
  let sx = 0, sy = 0, sxx = 0, sxy = 0, bad = 0;
  for (let t = 0; t < n; t++) {
    const add = (i: number, s: number) => {
      const ok = Number.isFinite(x[i]) && Number.isFinite(y[i]);
      if (!ok) {
        bad += s;
        return;
      }
      const a = x[i] - x0, b = y[i] - y0;
      sx += s * a;
      sy += s * b;
      sxx += s * a * a;
      sxy += s * a * b;
    };
    add(t, 1);
    if (t >= w) add(t - w, -1);
    if (t < w - 1 || bad > 0) continue;
    const vx = sxx - (sx * sx) / w;
    if (!(vx > 1e-12 * Math.max(1, sxx))) continue;
    const b = (sxy - (sx * sy) / w) / vx;
    beta[t] = b;
    alpha[t] = y0 + sy / w - b * (x0 + sx / w);
  }
  return { alpha, beta };
}

/** Options of {@linkcode kalmanHedgeRatio}. */
export interface KalmanOptions {
  /** State drift: Q = delta / (1 - delta) * I. @default 1e-4 */
  readonly delta?: number;
  /** Observation noise variance. @default 1e-3 */
  readonly observationVar?: number;
}

/**
 * Kalman-filter hedge ratio (random-walk state [beta, alpha], observation
 * y_t = beta_t x_t + alpha_t + e_t; Chan 2013, ch. 3). The value at t is the filtered
 * (posterior) state after seeing bar t, so it uses data <= t. NaN inputs skip the update.
 *
 * @param y Dependent leg.
 * @param x Hedge leg.
 * @param options Noise settings.
 * @returns `{ alpha, beta }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kalmanHedgeRatio } from "./hedge_ratio.ts";
 * const x = Float64Array.from({ length: 400 }, (_, i) => 3 + Math.sin(i / 10));
 * const { beta } = kalmanHedgeRatio(x.map((v) => 0.5 + 1.5 * v), x);
 * assert.ok(Math.abs(beta[399] - 1.5) < 0.05);
 * ```
 */
export function kalmanHedgeRatio(
  y: Float64Array,
  x: Float64Array,
  options: KalmanOptions = {},
): HedgeRatioSeries {
  const n = y.length;
  const delta = options.delta ?? 1e-4, ve = options.observationVar ?? 1e-3;
  const q = delta / (1 - delta);
  const alpha = new Float64Array(n).fill(NaN);
  const beta = new Float64Array(n).fill(NaN);
  let b = 0, a = 0;
  let p00 = 0, p01 = 0, p11 = 0; // covariance of [beta, alpha]
  let started = false;
  for (let t = 0; t < n; t++) {
    if (started) {
      p00 += q;
      p11 += q;
    }
    if (Number.isFinite(x[t]) && Number.isFinite(y[t])) {
      if (!started) {
        started = true;
        p00 = p11 = 1;
        p01 = 0;
      }
      const h0 = x[t];
      const e = y[t] - (b * h0 + a);
      const ph0 = p00 * h0 + p01, ph1 = p01 * h0 + p11;
      const s = h0 * ph0 + ph1 + ve;
      const k0 = ph0 / s, k1 = ph1 / s;
      b += k0 * e;
      a += k1 * e;
      const n00 = p00 - k0 * ph0, n01 = p01 - k0 * ph1, n11 = p11 - k1 * ph1;
      p00 = n00;
      p01 = n01;
      p11 = n11;
    }
    if (started) {
      beta[t] = b;
      alpha[t] = a;
    }
  }
  return { alpha, beta };
}
