/**
 * Cross-sectional momentum weights.
 *
 * @module
 */

/** Options of {@linkcode crossSectionalMomentum}. */
export interface CrossSectionalOptions {
  /** Trailing return horizon, bars. @default 126 */
  readonly lookbackDays?: number;
  /** Skip the most recent bars. @default 0 */
  readonly skipDays?: number;
  /** Fraction of symbols in each of the long and short legs (at least one each). @default 0.3 */
  readonly quantile?: number;
  /** Rebalance every n bars; weights are held in between. @default 21 */
  readonly rebalanceDays?: number;
  /** Short the bottom leg. @default true */
  readonly longShort?: boolean;
}

/**
 * Rank symbols by trailing return close[t-s]/close[t-s-k] - 1 on rebalance bars
 * (t = k + s, k + s + n, ...), long the top m, short the bottom m (m = max(1,
 * floor(q * count))), equal weights: +1/(2m) and -1/(2m) (gross 1; long-only: +1/m).
 * Symbols with NaN returns are not ranked. Uses data <= t; closes share one date index.
 *
 * @param closes One close column per symbol, equal lengths.
 * @param options Horizon, legs, rebalance period.
 * @returns One weight column per symbol.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { crossSectionalMomentum } from "./cross_sectional_momentum.ts";
 * const up = new Float64Array([1, 2, 3]), down = new Float64Array([3, 2, 1]);
 * const [u, d] = crossSectionalMomentum([up, down], { lookbackDays: 1, rebalanceDays: 1, quantile: 0.5 });
 * assert.deepEqual([u[2], d[2]], [0.5, -0.5]);
 * ```
 */
export function crossSectionalMomentum(
  closes: readonly Float64Array[],
  options: CrossSectionalOptions = {},
): Float64Array[] {
  const k = options.lookbackDays ?? 126, s = options.skipDays ?? 0;
  const q = options.quantile ?? 0.3, every = options.rebalanceDays ?? 21;
  const longShort = options.longShort ?? true;
  const m = closes.length, n = m ? closes[0].length : 0;
  for (const c of closes) {
    if (c.length !== n) {
      throw new RangeError(
        `crossSectionalMomentum needs equal lengths: got ${c.length} and ${n}`,
      );
    }
  }
  const out = closes.map(() => new Float64Array(n));
  const ret = new Float64Array(m);
  const idx: number[] = [];
  for (let t = k + s; t < n; t++) {
    if ((t - k - s) % every !== 0) {
      for (let j = 0; j < m; j++) out[j][t] = out[j][t - 1];
      continue;
    }
    idx.length = 0;
    for (let j = 0; j < m; j++) {
      ret[j] = closes[j][t - s] / closes[j][t - s - k] - 1;
      if (Number.isFinite(ret[j])) idx.push(j);
    }
    if (idx.length < 2) continue;
    idx.sort((x, y) => ret[y] - ret[x] || x - y);
    const legs = Math.max(
      1,
      Math.min(Math.floor(idx.length / 2), Math.floor(q * idx.length)),
    );
    const w = longShort ? 1 / (2 * legs) : 1 / legs;
    for (let i = 0; i < legs; i++) {
      out[idx[i]][t] = w;
      if (longShort) out[idx[idx.length - 1 - i]][t] = -w;
    }
  }
  return out;
}
