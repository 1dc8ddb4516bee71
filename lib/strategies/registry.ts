/**
 * Registry of strategies by name, with defaults and parameter grids.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { breakoutPositions } from "./breakout.ts";
import { crossSectionalMomentum } from "./cross_sectional_momentum.ts";
import { maCrossoverPositions } from "./ma_crossover.ts";
import { momentumPositions } from "./momentum.ts";
import { pairsPositions } from "./pairs.ts";
import { rsiPositions } from "./rsi.ts";
import type { Strategy, StrategyParams } from "./types.ts";
import { zScorePositions } from "./zscore.ts";

function one(bars: readonly Bars[], name: string): Bars {
  if (bars.length !== 1) {
    throw new RangeError(`Strategy ${name} needs 1 symbol, got ${bars.length}`);
  }
  return bars[0];
}

const always = (): boolean => true;

const maCrossover: Strategy = {
  name: "ma_crossover",
  description: "long (or short) when SMA(fast) > SMA(slow)",
  symbols: 1,
  defaults: { fastDays: 50, slowDays: 200, longShort: 0 },
  grid: {
    fastDays: [10, 20, 50, 100],
    slowDays: [50, 100, 150, 200],
    longShort: [0],
  },
  valid: (p) => p.fastDays < p.slowDays,
  lookback: (p) => p.slowDays,
  weights: (bars, p) => [
    maCrossoverPositions(one(bars, "ma_crossover").close, {
      fastDays: p.fastDays,
      slowDays: p.slowDays,
      longShort: p.longShort === 1,
    }),
  ],
};

const momentum: Strategy = {
  name: "momentum",
  description: "sign of the trailing k-day return, optional skip",
  symbols: 1,
  defaults: { lookbackDays: 252, skipDays: 21, longShort: 0 },
  grid: {
    lookbackDays: [21, 63, 126, 252],
    skipDays: [0, 21],
    longShort: [0, 1],
  },
  valid: always,
  lookback: (p) => p.lookbackDays + p.skipDays,
  weights: (bars, p) => [
    momentumPositions(one(bars, "momentum").close, {
      lookbackDays: p.lookbackDays,
      skipDays: p.skipDays,
      longShort: p.longShort === 1,
    }),
  ],
};

const zscore: Strategy = {
  name: "zscore",
  description:
    "fade |z| > entry of price vs its rolling mean, exit inside the exit band",
  symbols: 1,
  defaults: { windowDays: 20, entryZ: 2, exitZ: 0.5, longShort: 0 },
  grid: {
    windowDays: [10, 20, 40],
    entryZ: [1.5, 2, 2.5],
    exitZ: [0, 0.5],
    longShort: [0],
  },
  valid: (p) => p.exitZ < p.entryZ,
  lookback: (p) => p.windowDays,
  weights: (bars, p) => [
    zScorePositions(one(bars, "zscore").close, {
      windowDays: p.windowDays,
      entryZ: p.entryZ,
      exitZ: p.exitZ,
      longShort: p.longShort === 1,
    }),
  ],
};

const rsiStrategy: Strategy = {
  name: "rsi",
  description: "long when RSI < lower, exit above exitLevel",
  symbols: 1,
  defaults: { period: 14, lower: 30, upper: 70, exitLevel: 50, longShort: 0 },
  grid: {
    period: [2, 5, 14],
    lower: [10, 20, 30],
    upper: [70],
    exitLevel: [50, 70],
    longShort: [0],
  },
  valid: (p) => p.lower < p.exitLevel && p.exitLevel <= p.upper,
  lookback: (p) => p.period + 1,
  weights: (bars, p) => [
    rsiPositions(one(bars, "rsi").close, {
      period: p.period,
      lower: p.lower,
      upper: p.upper,
      exitLevel: p.exitLevel,
      longShort: p.longShort === 1,
    }),
  ],
};

const breakout: Strategy = {
  name: "breakout",
  description:
    "Donchian: long above the prior N-day high, exit below the prior M-day low",
  symbols: 1,
  defaults: { entryDays: 55, exitDays: 20, longShort: 0 },
  grid: { entryDays: [20, 55, 100], exitDays: [10, 20, 50], longShort: [0] },
  valid: (p) => p.exitDays <= p.entryDays,
  lookback: (p) => p.entryDays + 1,
  weights: (bars, p) => {
    const b = one(bars, "breakout");
    return [breakoutPositions(b.high, b.low, b.close, {
      entryDays: p.entryDays,
      exitDays: p.exitDays,
      longShort: p.longShort === 1,
    })];
  },
};

const pairs: Strategy = {
  name: "pairs",
  description:
    "long/short the log spread a - beta b (rolling OLS beta) on z-score bands, gated by a trailing Engle-Granger test",
  symbols: 2,
  defaults: {
    hedgeWindowDays: 60,
    zWindowDays: 20,
    entryZ: 2,
    exitZ: 0.5,
    stopZ: 4,
    gateWindowDays: 252,
    kalman: 0,
  },
  grid: {
    hedgeWindowDays: [60, 120],
    zWindowDays: [10, 20, 40],
    entryZ: [1.5, 2, 2.5],
    exitZ: [0, 0.5],
    stopZ: [4],
    gateWindowDays: [252],
    kalman: [0],
  },
  valid: (p) => p.exitZ < p.entryZ && p.entryZ < p.stopZ,
  lookback: (p) =>
    Math.max(p.hedgeWindowDays + p.zWindowDays, p.gateWindowDays ?? 0),
  weights: (bars, p) => {
    if (bars.length !== 2) {
      throw new RangeError(
        `Strategy pairs needs 2 symbols, got ${bars.length}`,
      );
    }
    const r = pairsPositions(bars[0].close, bars[1].close, {
      hedgeWindowDays: p.hedgeWindowDays,
      zWindowDays: p.zWindowDays,
      entryZ: p.entryZ,
      exitZ: p.exitZ,
      stopZ: p.stopZ,
      gateWindowDays: p.gateWindowDays ?? 0,
      method: p.kalman === 1 ? "kalman" : "rolling",
    });
    return [r.a, r.b];
  },
};

const xsMomentum: Strategy = {
  name: "xs_momentum",
  description:
    "long the top, short the bottom quantile by trailing return, rebalanced every n days",
  symbols: "many",
  defaults: {
    lookbackDays: 126,
    skipDays: 0,
    quantile: 0.3,
    rebalanceDays: 21,
    longShort: 1,
  },
  grid: {
    lookbackDays: [63, 126, 252],
    skipDays: [0, 21],
    quantile: [0.3],
    rebalanceDays: [21],
    longShort: [1],
  },
  valid: always,
  lookback: (p) => p.lookbackDays + p.skipDays,
  weights: (bars, p: StrategyParams) =>
    crossSectionalMomentum(bars.map((b) => b.close), {
      lookbackDays: p.lookbackDays,
      skipDays: p.skipDays,
      quantile: p.quantile,
      rebalanceDays: p.rebalanceDays,
      longShort: p.longShort === 1,
    }),
};

/**
 * Every registered strategy by name. Parameters are numbers (flags 0/1); `grid` is the
 * default search space of `deno task optimize`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { STRATEGIES } from "./registry.ts";
 * const s = STRATEGIES.ma_crossover;
 * assert.equal(s.valid({ fastDays: 200, slowDays: 50, longShort: 0 }), false);
 * ```
 */
export const STRATEGIES: Readonly<Record<string, Strategy>> = Object.freeze({
  ma_crossover: maCrossover,
  momentum,
  zscore,
  rsi: rsiStrategy,
  breakout,
  pairs,
  xs_momentum: xsMomentum,
});

/**
 * Look a strategy up by name.
 *
 * @param name Registry key.
 * @returns The strategy.
 * @throws RangeError naming the known strategies.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getStrategy } from "./registry.ts";
 * assert.equal(getStrategy("rsi").name, "rsi");
 * assert.throws(() => getStrategy("nope"), /expected one of/);
 * ```
 */
export function getStrategy(name: string): Strategy {
  const s = STRATEGIES[name];
  if (!s) {
    throw new RangeError(
      `Unknown strategy "${name}": expected one of ${
        Object.keys(STRATEGIES).join(", ")
      }`,
    );
  }
  return s;
}
