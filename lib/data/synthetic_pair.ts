/**
 * A seeded synthetic cointegrated pair for pairs-trading tests and notebooks. Pure.
 *
 * @module
 */
import { crExp, crLog } from "../_shared/cr_math.ts";
import type { Bars } from "../_shared/types.ts";
import { createNormal, createRng } from "../_shared/seed.ts";
import { allocBars, businessDays, shapeBar } from "./_synth_kernels.ts";

/** Options of {@linkcode generateCointegratedPair}. */
export interface CointegratedPairOptions {
  /** Trading days (weekdays). */
  readonly days: number;
  /** Seed of the generator. */
  readonly seed: number;
  /** True hedge ratio beta in log(a) = beta log(b) + spread. */
  readonly hedgeRatio: number;
  /** Half-life of the spread's mean reversion in days (OU, phi = 2^(-1/halfLife)). */
  readonly halfLife: number;
  /** Daily volatility of the spread's innovations (log units). @default 0.01 */
  readonly spreadVolatility?: number;
  /** Daily volatility of log(b) (a driftless random walk). @default 0.015 */
  readonly volatility?: number;
  /** First date, `YYYY-MM-DD`. @default "2010-01-04" */
  readonly start?: string;
  /** Symbols of the two legs. @default ["PAIRA", "PAIRB"] */
  readonly symbols?: readonly [string, string];
}

/** A cointegrated pair with its true parameters. */
export interface CointegratedPair {
  readonly a: Bars;
  readonly b: Bars;
  readonly hedgeRatio: number;
  readonly halfLife: number;
  /** The true spread log(a_close) - hedgeRatio log(b_close). */
  readonly spread: Float64Array;
}

/**
 * Generate two daily bar series whose log closes are cointegrated:
 * log(b_t) is a driftless random walk from log(50); spread s_t = phi s_{t-1} + sigma e_t
 * with phi = 2^(-1/halfLife) (an AR(1)/discrete OU process, s_0 = 0); and
 * log(a_t) = hedgeRatio log(b_t) + s_t exactly (for the closes). Opens are a fifth of the
 * way from the previous close; highs/lows wrap open and close.
 *
 * @param options See {@linkcode CointegratedPairOptions}.
 * @returns Both legs, the true hedge ratio, half-life and spread path.
 * @example
 * ```ts
 * import { generateCointegratedPair } from "./synthetic_pair.ts";
 * import assert from "node:assert/strict";
 * const p = generateCointegratedPair({ days: 100, seed: 1, hedgeRatio: 1.5, halfLife: 10 });
 * const s = Math.log(p.a.close[99]) - 1.5 * Math.log(p.b.close[99]);
 * assert.ok(Math.abs(s - p.spread[99]) < 1e-9);
 * ```
 */
export function generateCointegratedPair(
  options: CointegratedPairOptions,
): CointegratedPair {
  const { days, hedgeRatio, halfLife } = options;
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(
      `Invalid days: expected a non-negative integer, got ${days}`,
    );
  }
  if (!(halfLife > 0)) {
    throw new RangeError(
      `Invalid halfLife: expected a positive number, got ${halfLife}`,
    );
  }
  const rng = createRng(options.seed);
  const normal = createNormal(rng);
  const sigS = options.spreadVolatility ?? 0.01;
  const sigB = options.volatility ?? 0.015;
  const phi = Math.pow(2, -1 / halfLife);
  const logB = new Float64Array(days), spread = new Float64Array(days);
  let lb = crLog(50), s = 0;
  for (let t = 0; t < days; t++) {
    if (t > 0) {
      lb += sigB * normal();
      s = phi * s + sigS * normal();
    }
    logB[t] = lb;
    spread[t] = s;
  }
  const dates = businessDays(options.start ?? "2010-01-04", days);
  const [na, nb] = options.symbols ?? ["PAIRA", "PAIRB"];
  const leg = (
    symbol: string,
    logClose: (t: number) => number,
    sig: number,
  ): Bars => {
    const c = allocBars(days);
    let prev = crExp(logClose(0));
    for (let t = 0; t < days; t++) {
      const r = logClose(t) - crLog(prev);
      shapeBar(c, t, prev, 0.2 * r, 0.8 * r, sig, 1e6, rng, normal);
      c.close[t] = crExp(logClose(t)); // exact relation, no rounding drift
      c.high[t] = Math.max(c.high[t], c.close[t]);
      c.low[t] = Math.min(c.low[t], c.close[t]);
      prev = c.close[t];
    }
    return { symbol, dates, ...c };
  };
  const b = leg(nb, (t) => logB[t], sigB);
  const a = leg(
    na,
    (t) => hedgeRatio * logB[t] + spread[t],
    Math.abs(hedgeRatio) * sigB + sigS,
  );
  return { a, b, hedgeRatio, halfLife, spread };
}
