/**
 * Seeded synthetic daily bars for scale tests, controls and notebooks: several symbols
 * driven by a common market factor, a two-state Markov-switching regime (calm / turbulent
 * volatility and drift), Student-t fat tails and occasional overnight gaps. Pure: no clock,
 * no I/O; the same options give bit-identical bars.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { createNormal, createRng } from "../_shared/seed.ts";
import {
  allocBars,
  businessDays,
  shapeBar,
  unitDraw,
} from "./_synth_kernels.ts";

/** Options of {@linkcode generateSynthetic}. */
export interface SyntheticOptions {
  /** Number of symbols (named `SYN001`, `SYN002`, ...) or the symbol names. */
  readonly symbols: number | readonly string[];
  /** Trading days (weekdays) per symbol. */
  readonly days: number;
  /** Seed of the generator (see `lib/_shared/seed.ts`). */
  readonly seed: number;
  /** First date, `YYYY-MM-DD` (rolled forward to a weekday). @default "2010-01-04" */
  readonly start?: string;
  /** Pairwise correlation of daily log returns through the common factor, in [0, 1). @default 0.3 */
  readonly correlation?: number;
  /** Markov-switching calm/turbulent regimes; false keeps the calm regime throughout. @default true */
  readonly regimes?: boolean;
  /** Student-t (5 degrees of freedom, unit variance) shocks instead of Gaussian. @default true */
  readonly fatTails?: boolean;
  /** Probability per symbol and day of an extra overnight gap of 2-6 daily sigmas. @default 0.01 */
  readonly gapProbability?: number;
}

/** Synthetic bars plus the true hidden regime path. */
export interface SyntheticMarket {
  /** One `Bars` per symbol, all on the same business-day dates. */
  readonly bars: Bars[];
  /** True regime of each day: 0 = calm, 1 = turbulent. */
  readonly regimes: Uint8Array;
}

/** Daily drift and volatility (log returns) of the calm (0) and turbulent (1) regimes. */
export const SYNTHETIC_REGIMES = {
  drift: [0.0004, -0.0008],
  volatility: [0.009, 0.024],
  /** Probability of staying in the regime from one day to the next. */
  stay: [0.985, 0.95],
} as const;

/**
 * Generate a synthetic market: the bars and the true regime path.
 *
 * Model per day t and symbol i (log returns): regime s_t follows a 2-state Markov chain
 * ({@linkcode SYNTHETIC_REGIMES}); r_it = v_i (mu_s + sigma_s (sqrt(rho) f_t + sqrt(1-rho) e_it))
 * with f, e unit-variance shocks (t5 when `fatTails`) and v_i a per-symbol volatility scale
 * in [0.7, 1.5]. A fifth of each day's move happens overnight (open vs previous close); a gap
 * adds a 2-6 sigma jump to the overnight move (and so to the day's close-to-close return). Bars satisfy low <= open, close <= high;
 * volume is a positive integer rising with the size of the move.
 *
 * @param options See {@linkcode SyntheticOptions}.
 * @returns The bars and the regime path.
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "./synthetic.ts";
 * import assert from "node:assert/strict";
 * const m = generateSyntheticMarket({ symbols: 2, days: 50, seed: 7 });
 * assert.equal(m.bars.length, 2);
 * assert.equal(m.regimes.length, 50);
 * assert.equal(m.bars[0].dates[0], "2010-01-04");
 * ```
 */
export function generateSyntheticMarket(
  options: SyntheticOptions,
): SyntheticMarket {
  const names = typeof options.symbols === "number"
    ? Array.from(
      { length: options.symbols },
      (_, i) => `SYN${String(i + 1).padStart(3, "0")}`,
    )
    : [...options.symbols];
  const days = options.days;
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(
      `Invalid days: expected a non-negative integer, got ${days}`,
    );
  }
  const rho = options.correlation ?? 0.3;
  if (!(rho >= 0 && rho < 1)) {
    throw new RangeError(
      `Invalid correlation: expected a number in [0, 1), got ${rho}`,
    );
  }
  const gapP = options.gapProbability ?? 0.01;
  const nu = options.fatTails === false ? 0 : 5;
  const rng = createRng(options.seed);
  const normal = createNormal(rng);
  const dates = businessDays(options.start ?? "2010-01-04", days);
  const regimes = new Uint8Array(days);
  let s = 0;
  for (let t = 0; t < days; t++) {
    if (
      options.regimes !== false && t > 0 && rng() > SYNTHETIC_REGIMES.stay[s]
    ) s = 1 - s;
    regimes[t] = s;
  }
  const factor = new Float64Array(days);
  for (let t = 0; t < days; t++) factor[t] = unitDraw(normal, nu);
  const a = Math.sqrt(rho), b = Math.sqrt(1 - rho);
  const bars: Bars[] = names.map((symbol) => {
    const c = allocBars(days);
    const scale = 0.7 + 0.8 * rng();
    const baseVolume = Math.round(2e5 + 5e6 * rng());
    let prev = 20 + 180 * rng();
    for (let t = 0; t < days; t++) {
      const sg = SYNTHETIC_REGIMES.volatility[regimes[t]] * scale;
      const mu = SYNTHETIC_REGIMES.drift[regimes[t]] * scale;
      const r = mu + sg * (a * factor[t] + b * unitDraw(normal, nu));
      let overnight = 0.2 * r;
      if (gapP > 0 && rng() < gapP) {
        overnight += (rng() < 0.5 ? -1 : 1) * sg * (2 + 4 * rng());
      }
      const intraday = 0.8 * r;
      shapeBar(c, t, prev, overnight, intraday, sg, baseVolume, rng, normal);
      prev = c.close[t];
    }
    return { symbol, dates, ...c };
  });
  return { bars, regimes };
}

/**
 * Generate synthetic daily bars for several correlated symbols (the bars of
 * {@linkcode generateSyntheticMarket}; use that to also get the true regime path).
 *
 * @param options See {@linkcode SyntheticOptions}.
 * @returns One `Bars` per symbol on shared business-day dates.
 * @example
 * ```ts
 * import { generateSynthetic } from "./synthetic.ts";
 * import assert from "node:assert/strict";
 * const [x] = generateSynthetic({ symbols: 1, days: 10, seed: 1 });
 * assert.equal(x.symbol, "SYN001");
 * assert.ok(x.low.every((l, t) => l <= Math.min(x.open[t], x.close[t])));
 * ```
 */
export function generateSynthetic(options: SyntheticOptions): Bars[] {
  return generateSyntheticMarket(options).bars;
}
