/**
 * The data of the adversarial controls: labels and price paths that keep the real
 * data's statistics but carry no exploitable edge on the real returns.
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import { createNormal, createRng, permutation } from "../_shared/seed.ts";
import { crExp, crLog } from "../_shared/cr_math.ts";

/**
 * A permutation (seeded) of the finite labels among the rows that have one.
 *
 * @param y Labels, NaN where a row has none.
 * @param seed Seed of the shuffle.
 * @returns New labels; NaN rows stay NaN.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shuffledLabels } from "./control_data.ts";
 * const y = shuffledLabels(new Float64Array([1, 2, 3, NaN]), 7);
 * assert.deepEqual(Array.from(y.subarray(0, 3)).sort(), [1, 2, 3]);
 * assert.ok(Number.isNaN(y[3]));
 * ```
 */
export function shuffledLabels(y: Float64Array, seed: number): Float64Array {
  const idx: number[] = [];
  for (let t = 0; t < y.length; t++) if (Number.isFinite(y[t])) idx.push(t);
  const perm = permutation(idx.length, createRng(seed));
  const out = y.slice();
  for (let i = 0; i < idx.length; i++) out[idx[i]] = y[idx[perm[i]]];
  return out;
}

/**
 * A driftless Gaussian random walk in log price with the sample std (n-1) of the real
 * daily log returns, starting at the real first close; real volumes and dates.
 *
 * @param bars The real bars (volatility, length, start price, volumes).
 * @param seed Seed of the normal draws.
 * @returns Synthetic bars; open = previous close, high/low = max/min of open and close.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { randomWalkBars } from "./control_data.ts";
 * const c = new Float64Array([100, 101, 99, 102]);
 * const b = { symbol: "X", dates: ["a", "b", "c", "d"], open: c, high: c, low: c, close: c, volume: c };
 * assert.deepEqual(randomWalkBars(b, 5).close, randomWalkBars(b, 5).close);
 * ```
 */
export function randomWalkBars(bars: Bars, seed: number): Bars {
  const c = bars.close, n = c.length;
  let m = 0;
  for (let t = 1; t < n; t++) m += crLog(c[t] / c[t - 1]);
  m /= n - 1;
  let ss = 0;
  for (let t = 1; t < n; t++) ss += (crLog(c[t] / c[t - 1]) - m) ** 2;
  const sd = Math.sqrt(ss / (n - 2));
  const z = createNormal(createRng(seed));
  const close = new Float64Array(n), open = new Float64Array(n);
  close[0] = open[0] = c[0];
  for (let t = 1; t < n; t++) {
    open[t] = close[t - 1];
    close[t] = close[t - 1] * crExp(sd * z());
  }
  const high = new Float64Array(n), low = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    high[t] = Math.max(open[t], close[t]);
    low[t] = Math.min(open[t], close[t]);
  }
  return Object.freeze({
    symbol: `${bars.symbol}~randomwalk${seed}`,
    dates: bars.dates,
    open,
    high,
    low,
    close,
    volume: bars.volume.slice(),
  });
}

/**
 * The labels circularly shifted by a seeded random block among the rows that have one:
 * `out[idx[i]] = y[idx[(i + k) mod m]]` with `m` labelled rows and k drawn uniformly from
 * [minShift, m - minShift). Each row keeps a real label of the same series, from more than
 * `minShift` rows away, so the labels keep their distribution and their own dependence
 * (volatility clustering, drift) while their link with the features at t is broken.
 *
 * @param y Labels, NaN where a row has none.
 * @param seed Seed of the shift.
 * @param minShift Fewest rows between a row and the label it gets. @default 252
 * @returns New labels; NaN rows stay NaN.
 * @throws RangeError when there are fewer than 2 minShift + 1 labelled rows.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shiftedLabels } from "./control_data.ts";
 * const y = Float64Array.from({ length: 10 }, (_, i) => i);
 * const s = shiftedLabels(y, 3, 3);
 * const k = s[0];
 * assert.ok(k >= 3 && k < 7);
 * assert.deepEqual(Array.from(s), Array.from(y, (_, i) => (i + k) % 10));
 * ```
 */
export function shiftedLabels(
  y: Float64Array,
  seed: number,
  minShift = 252,
): Float64Array {
  const idx: number[] = [];
  for (let t = 0; t < y.length; t++) if (Number.isFinite(y[t])) idx.push(t);
  const m = idx.length;
  if (m < 2 * minShift + 1) {
    throw new RangeError(
      `Cannot shift labels by at least ${minShift} rows: ${m} labelled rows, need ${
        2 * minShift + 1
      }`,
    );
  }
  const k = minShift + Math.floor(createRng(seed)() * (m - 2 * minShift));
  const out = y.slice();
  for (let i = 0; i < m; i++) out[idx[i]] = y[idx[(i + k) % m]];
  return out;
}

/**
 * A price path from a seeded circular block bootstrap of the real daily log returns:
 * blocks of `blockDays` consecutive returns (starts drawn uniformly, wrapping around),
 * laid end to end from the real first close; volumes resampled with the same blocks;
 * real dates. Within a block the path keeps the real data's short-range dependence
 * (volatility clustering); its ordering is unrelated to the real one, so signals computed
 * on it carry no information about the real returns.
 *
 * @param bars The real bars.
 * @param seed Seed of the block starts.
 * @param blockDays Block length in days. @default 21
 * @returns Synthetic bars; open = previous close, high/low = max/min of open and close.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { blockBootstrapBars } from "./control_data.ts";
 * const c = Float64Array.from({ length: 50 }, (_, i) => 100 + i);
 * const b = { symbol: "X", dates: Array.from(c, String), open: c, high: c, low: c, close: c, volume: c };
 * const r = blockBootstrapBars(b, 1, 5);
 * assert.equal(r.close.length, 50);
 * assert.deepEqual(r.close, blockBootstrapBars(b, 1, 5).close);
 * ```
 */
export function blockBootstrapBars(
  bars: Bars,
  seed: number,
  blockDays = 21,
): Bars {
  const c = bars.close, n = c.length, m = n - 1;
  if (m < 1 || !(blockDays >= 1)) {
    throw new RangeError(
      `Cannot bootstrap ${bars.symbol}: ${n} bars and blocks of ${blockDays} days`,
    );
  }
  const lr = new Float64Array(m);
  for (let t = 0; t < m; t++) lr[t] = crLog(c[t + 1] / c[t]);
  const rng = createRng(seed);
  const src = new Int32Array(m);
  for (let t = 0; t < m; t += blockDays) {
    const start = Math.floor(rng() * m);
    for (let j = 0; j < blockDays && t + j < m; j++) {
      src[t + j] = (start + j) % m;
    }
  }
  const close = new Float64Array(n), open = new Float64Array(n);
  const volume = new Float64Array(n);
  close[0] = open[0] = c[0];
  volume[0] = bars.volume[0];
  for (let t = 1; t < n; t++) {
    open[t] = close[t - 1];
    close[t] = close[t - 1] * crExp(lr[src[t - 1]]);
    volume[t] = bars.volume[src[t - 1] + 1];
  }
  const high = new Float64Array(n), low = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    high[t] = Math.max(open[t], close[t]);
    low[t] = Math.min(open[t], close[t]);
  }
  return Object.freeze({
    symbol: `${bars.symbol}~bootstrap${seed}`,
    dates: bars.dates,
    open,
    high,
    low,
    close,
    volume,
  });
}
