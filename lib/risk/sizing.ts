/**
 * Position sizing rules: fixed fraction and fractional Kelly.
 *
 * @module
 */

/** Options of {@linkcode fixedFractionSize}. */
export interface FixedFractionOptions {
  /** Fraction of equity put at risk per position (e.g. 0.01 = 1%). @default 0.01 */
  readonly riskFraction?: number;
  /**
   * Distance to the stop as a fraction of price; the loss at the stop is then
   * riskFraction x equity. Without a stop the whole notional is "at risk", so the
   * weight is riskFraction. @default undefined
   */
  readonly stopFraction?: number;
  /** Cap on the resulting weight (notional / equity). @default 1 */
  readonly maxWeight?: number;
}

/** A size as whole shares and as a weight. */
export interface PositionSize {
  /** Whole shares, rounded toward zero. */
  readonly shares: number;
  /** shares x price / equity. */
  readonly weight: number;
}

/**
 * Fixed-fractional sizing: weight = riskFraction / stopFraction (capped at maxWeight),
 * shares = floor(weight x equity / price).
 *
 * @param equity Account equity (currency, > 0).
 * @param price Share price (> 0).
 * @param options Risk fraction, stop distance and cap.
 * @returns Shares and weight.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fixedFractionSize } from "./sizing.ts";
 * // risk 1% of 100,000 with a 5% stop on a $50 stock: 20% weight, 400 shares
 * assert.deepEqual(fixedFractionSize(100_000, 50, { riskFraction: 0.01, stopFraction: 0.05 }), { shares: 400, weight: 0.2 });
 * ```
 */
export function fixedFractionSize(
  equity: number,
  price: number,
  options: FixedFractionOptions = {},
): PositionSize {
  const f = options.riskFraction ?? 0.01;
  const stop = options.stopFraction;
  const cap = options.maxWeight ?? 1;
  if (!(equity > 0) || !(price > 0)) {
    throw new RangeError(
      `Equity and price must be > 0, got equity ${equity} and price ${price}`,
    );
  }
  if (!(f >= 0) || (stop !== undefined && !(stop > 0))) {
    throw new RangeError(
      `Risk fraction must be >= 0 and stop fraction > 0, got ${f} and ${stop}`,
    );
  }
  const w = Math.min(cap, stop === undefined ? f : f / stop);
  const shares = Math.trunc(w * equity / price + 1e-9);
  return { shares, weight: shares * price / equity };
}

/** Options of {@linkcode kellyFraction}. */
export interface KellyOptions {
  /** Multiplier on full Kelly (half Kelly = 0.5). @default 0.5 */
  readonly fraction?: number;
  /** Cap on |weight|. @default 1 */
  readonly cap?: number;
}

/**
 * Fractional Kelly weight for a continuous bet: w = fraction x mu / sigma^2, clipped to
 * [-cap, cap]. mu and sigma must be in the same period units (e.g. daily mean and daily
 * std, or both annualised). Estimate them from data before the decision (no lookahead).
 *
 * @param mu Expected excess return per period.
 * @param sigma Standard deviation per period (> 0).
 * @param options Kelly fraction and cap.
 * @returns The weight; 0 when sigma is 0 or an input is NaN.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { kellyFraction } from "./sizing.ts";
 * // mu 8%/yr, sigma 20%/yr: full Kelly 2, half Kelly 1
 * assert.ok(Math.abs(kellyFraction(0.08, 0.2, { fraction: 0.5, cap: 3 }) - 1) < 1e-12);
 * assert.equal(kellyFraction(0.08, 0.2, { fraction: 1, cap: 1.5 }), 1.5);
 * ```
 */
export function kellyFraction(
  mu: number,
  sigma: number,
  options: KellyOptions = {},
): number {
  const frac = options.fraction ?? 0.5;
  const cap = options.cap ?? 1;
  if (!(frac >= 0) || !(cap >= 0)) {
    throw new RangeError(
      `Kelly fraction and cap must be >= 0, got ${frac} and ${cap}`,
    );
  }
  if (!Number.isFinite(mu) || !(sigma > 0)) return 0;
  const w = frac * mu / (sigma * sigma);
  return Math.max(-cap, Math.min(cap, w));
}
