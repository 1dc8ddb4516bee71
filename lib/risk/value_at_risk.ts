/**
 * Value at Risk and Conditional VaR (expected shortfall) of one return series.
 *
 * Sign convention: both are LOSSES reported as positive fractions of capital
 * (VaR 0.02 = "a loss of 2% or more happens with probability 1 - confidence"). A negative
 * VaR means even the tail quantile is a gain.
 *
 * Methods (returns are daily simple returns; NaN values are dropped):
 * - `historical`: empirical quantile (linear interpolation, numpy type 7) of the returns;
 *   CVaR = minus the mean of returns at or below that quantile. Horizon h > 1: overlapping
 *   h-day sums of returns (default, `historicalHorizon: "overlapping"`) or 1-day figures x
 *   sqrt(h) (`"sqrt"`).
 * - `normal`: VaR = -(mu h + sigma sqrt(h) Phi^-1(1 - c)); CVaR = -(mu h) + sigma sqrt(h)
 *   phi(Phi^-1(c)) / (1 - c); mu, sigma = sample mean and std (n - 1).
 * - `cornish-fisher`: the normal quantile z replaced by z + (z^2 - 1)S/6 + (z^3 - 3z)K/24 -
 *   (2z^3 - 5z)S^2/36 with moment skewness S and excess kurtosis K, aggregated to h days as
 *   S/sqrt(h), K/h (i.i.d.); CVaR averages the Cornish-Fisher quantile over the tail
 *   (midpoint rule, 2,000 points). S = K = 0 gives exactly the normal figures.
 * - `ewma`: zero mean, sigma from RiskMetrics EWMA (lambda 0.94) at the last bar, normal
 *   quantile, sqrt(h) scaling.
 * - `fhs` (filtered historical simulation, Barone-Adesi et al. 1999): returns standardised
 *   by the EWMA vol forecast made the day before, z_t = r_t / sigma_{t|t-1}; VaR = -q_{1-c}(z)
 *   sigma_{T+1|T}, CVaR likewise from the tail mean of z; sqrt(h) scaling.
 *
 * @module
 */
import {
  finiteValues,
  meanStd,
  normalInv,
  normalPdf,
  populationMoments,
  quantileSorted,
  tailMean,
} from "../metrics/mod.ts";
import { ewmaVariance } from "./volatility.ts";

/** A VaR model. */
export type VarMethod =
  | "historical"
  | "normal"
  | "cornish-fisher"
  | "ewma"
  | "fhs";

/** The VaR methods, in the order reports list them. */
export const VAR_METHODS: readonly VarMethod[] = [
  "historical",
  "normal",
  "cornish-fisher",
  "ewma",
  "fhs",
];

/** Options of {@linkcode valueAtRisk}. */
export interface VarOptions {
  /** @default "historical" */
  readonly method?: VarMethod;
  /** Confidence c in (0, 1). @default 0.99 */
  readonly confidence?: number;
  /** Horizon in trading days (integer >= 1). @default 1 */
  readonly horizonDays?: number;
  /** How historical VaR reaches h > 1 days. @default "overlapping" */
  readonly historicalHorizon?: "overlapping" | "sqrt";
  /** EWMA decay for `ewma` and `fhs`. @default 0.94 */
  readonly lambda?: number;
  /** Compute CVaR too (false skips the Cornish-Fisher tail integral; cvar is NaN). @default true */
  readonly cvar?: boolean;
}

/** VaR and CVaR as positive losses (fractions of capital). */
export interface VarResult {
  readonly var: number;
  readonly cvar: number;
  readonly method: VarMethod;
  readonly confidence: number;
  readonly horizonDays: number;
  /** Finite returns used. */
  readonly observations: number;
}

/**
 * VaR and CVaR of a return series (see the module doc for every method's formula).
 *
 * @param returns Daily simple returns (NaN dropped).
 * @param options Method, confidence, horizon.
 * @returns `{ var, cvar, ... }`, losses positive; NaN when there are too few returns
 *   (fewer than 2, or than h for overlapping historical).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { valueAtRisk } from "./value_at_risk.ts";
 * const r = Float64Array.from({ length: 101 }, (_, i) => (i - 50) / 1000);
 * const h = valueAtRisk(r, { method: "historical", confidence: 0.95 });
 * assert.ok(Math.abs(h.var - 0.045) < 1e-12);
 * assert.ok(h.cvar > h.var);
 * ```
 */
export function valueAtRisk(
  returns: ArrayLike<number>,
  options: VarOptions = {},
): VarResult {
  const method = options.method ?? "historical";
  const c = options.confidence ?? 0.99;
  const h = options.horizonDays ?? 1;
  if (!(c > 0 && c < 1)) {
    throw new RangeError(`Confidence must be in (0, 1), got ${c}`);
  }
  if (!(Number.isInteger(h) && h >= 1)) {
    throw new RangeError(`Horizon must be an integer >= 1 day, got ${h}`);
  }
  const x = finiteValues(returns);
  const base = {
    method,
    confidence: c,
    horizonDays: h,
    observations: x.length,
  };
  if (x.length < 2) return { var: NaN, cvar: NaN, ...base };
  const [v, cv] = _var(x, method, c, h, options);
  return { var: v, cvar: cv, ...base };
}

function _var(
  x: Float64Array,
  method: VarMethod,
  c: number,
  h: number,
  options: VarOptions,
): [number, number] {
  const sq = Math.sqrt(h);
  switch (method) {
    case "historical":
      if (h > 1 && options.historicalHorizon !== "sqrt") {
        return empirical(overlappingSums(x, h), c, 1);
      }
      return empirical(x, c, sq);
    case "normal":
    case "cornish-fisher": {
      const { mean: mu, std: sd } = meanStd(x);
      if (method === "normal") {
        const zc = normalInv(c);
        return [
          -mu * h + sd * sq * zc,
          -mu * h + sd * sq * normalPdf(zc) / (1 - c),
        ];
      }
      const { skew, exKurt } = populationMoments(x);
      return cornishFisher(
        mu * h,
        sd * sq,
        skew / sq,
        exKurt / h,
        c,
        options.cvar ?? true,
      );
    }
    case "ewma": {
      const v = ewmaVariance(x, { lambda: options.lambda });
      const s = Math.sqrt(v[v.length - 1]) * sq, zc = normalInv(c);
      return [s * zc, s * normalPdf(zc) / (1 - c)];
    }
    case "fhs": {
      const v = ewmaVariance(x, { lambda: options.lambda });
      const z = new Float64Array(x.length - 1);
      let k = 0;
      for (let t = 1; t < x.length; t++) {
        if (v[t - 1] > 0) z[k++] = x[t] / Math.sqrt(v[t - 1]);
      }
      if (k === 0) return [NaN, NaN];
      return empirical(z.subarray(0, k), c, Math.sqrt(v[x.length - 1]) * sq);
    }
    default:
      throw new RangeError(
        `Unknown VaR method: expected one of historical, normal, cornish-fisher, ewma, fhs, got "${method}"`,
      );
  }
}

function empirical(
  x: Float64Array,
  c: number,
  scale: number,
): [number, number] {
  if (x.length === 0) return [NaN, NaN];
  const s = Float64Array.from(x).sort();
  const q = quantileSorted(s, 1 - c);
  return [-q * scale, -tailMean(s, q) * scale];
}

function overlappingSums(x: Float64Array, h: number): Float64Array {
  const n = x.length - h + 1;
  if (n <= 0) return new Float64Array(0);
  const out = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < h; i++) s += x[i];
  out[0] = s;
  for (let i = 1; i < n; i++) {
    s += x[i + h - 1] - x[i - 1];
    out[i] = s;
  }
  return out;
}

/**
 * Cornish-Fisher expansion of the standard normal quantile z for skewness S and excess
 * kurtosis K: z + (z^2 - 1)S/6 + (z^3 - 3z)K/24 - (2z^3 - 5z)S^2/36.
 *
 * @param z Normal quantile.
 * @param skew S.
 * @param exKurt K.
 * @returns The adjusted quantile (= z when S = K = 0).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cornishFisherQuantile } from "./value_at_risk.ts";
 * assert.equal(cornishFisherQuantile(-2.326, 0, 0), -2.326);
 * assert.ok(cornishFisherQuantile(-2.326, -0.5, 3) < -2.326);
 * ```
 */
export function cornishFisherQuantile(
  z: number,
  skew: number,
  exKurt: number,
): number {
  const z2 = z * z, z3 = z2 * z;
  return z + (z2 - 1) * skew / 6 + (z3 - 3 * z) * exKurt / 24 -
    (2 * z3 - 5 * z) * skew * skew / 36;
}

function cornishFisher(
  mu: number,
  sd: number,
  skew: number,
  exKurt: number,
  c: number,
  withCvar: boolean,
): [number, number] {
  const S = Number.isFinite(skew) ? skew : 0;
  const K = Number.isFinite(exKurt) ? exKurt : 0;
  if (S === 0 && K === 0) {
    const zc = normalInv(c);
    return [-mu + sd * zc, -mu + sd * normalPdf(zc) / (1 - c)];
  }
  const v = -(mu + sd * cornishFisherQuantile(normalInv(1 - c), S, K));
  if (!withCvar) return [v, NaN];
  const m = 2000, a = 1 - c;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    sum += cornishFisherQuantile(normalInv(a * (i + 0.5) / m), S, K);
  }
  return [v, -(mu + sd * sum / m)];
}
