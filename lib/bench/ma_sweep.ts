/**
 * Bench SPEC W2: moving-average crossover, long/flat, over a grid of (fast, slow) windows.
 *
 * @module
 */
import { maGrid } from "./grid.ts";
import type { MaGrid, MaGridOptions } from "./grid.ts";
import { smaBlock } from "./sma_block.ts";
import { summariseSweep } from "./summarise_sweep.ts";
import type { MaSweepResult } from "./summarise_sweep.ts";

/** Options of {@linkcode sweepMaCrossover}. */
export interface MaSweepOptions extends MaGridOptions {
  /** Cost per unit of position change (1 bp = 0.0001). @default 0.0001 */
  readonly costPerTurnover?: number;
  /** Annualisation periods. @default 252 */
  readonly periodsPerYear?: number;
}

/**
 * Run the crossover sweep: `p[t] = 1` when `SMA_fast[t] > SMA_slow[t]`, else 0 (0 while
 * SMA_slow is undefined); `s[t] = p[t]*(close[t+1]/close[t] - 1) - cost*|p[t] - p[t-1]|`
 * for every t with a t+1, `p[-1] = 0`. SMAs come from one float64 prefix sum; the
 * variance from float64 sums of s and s^2 (daily returns have mean^2 << variance, so
 * there is no cancellation).
 *
 * @param close Closes, ascending by date (finite, at least 2).
 * @param options Grid (default: bench SPEC W2's 2,191 pairs), cost, annualisation.
 * @returns Per-pair Sharpe, total return, max drawdown; best pair; Sharpe checksum.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepMaCrossover } from "./ma_sweep.ts";
 * const close = new Float64Array([1, 1, 2, 3, 2, 1]);
 * const r = sweepMaCrossover(close, { fast: [1], slow: [2], costPerTurnover: 0 });
 * // SMA1 > SMA2 on days 2 and 3: long for 2 -> 3 and 3 -> 2
 * assert.equal(r.totalReturn[0], 1.5 * (2 / 3) - 1);
 * ```
 */
export function sweepMaCrossover(
  close: Float64Array,
  options: MaSweepOptions = {},
): MaSweepResult {
  if (close.length < 2 || !close.every(Number.isFinite)) {
    throw new RangeError(
      `Cannot run the crossover sweep: expected at least 2 finite closes, got ${close.length} values${
        close.every(Number.isFinite) ? "" : " with a non-finite one"
      }`,
    );
  }
  const grid = maGrid(options);
  const m = grid.fast.length;
  const out = new Float64Array(3 * m);
  sweepPairs(close, grid, 0, m, sweepCost(options), out);
  return summariseSweep(grid, out, close.length - 1, options.periodsPerYear);
}

/**
 * The cost per unit of position change of `options` (default 0.0001 = 1 bp), shared with
 * the worker path.
 *
 * @param options Sweep options.
 * @returns The cost as a fraction.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepCost } from "./ma_sweep.ts";
 * assert.equal(sweepCost({}), 0.0001);
 * ```
 */
export function sweepCost(options: MaSweepOptions): number {
  return options.costPerTurnover ?? 0.0001;
}

/**
 * Kernel: evaluate pairs `[from, to)` of `grid` into `out`, three values per pair:
 * the daily (not annualised) Sharpe `mean/std`, the total return, the max drawdown.
 *
 * @param close Closes (finite).
 * @param grid The pairs.
 * @param from First pair index.
 * @param to One past the last pair index.
 * @param cost Cost per unit of position change.
 * @param out Receives `3 * (to - from)` values.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sweepPairs } from "./ma_sweep.ts";
 * const out = new Float64Array(3);
 * const grid = { fast: Int32Array.of(1), slow: Int32Array.of(2) };
 * sweepPairs(new Float64Array([1, 1, 2, 3, 2, 1]), grid, 0, 1, 0, out);
 * assert.equal(out[1], 1.5 * (2 / 3) - 1); // total return
 * ```
 */
export function sweepPairs(
  close: Float64Array,
  grid: MaGrid,
  from: number,
  to: number,
  cost: number,
  out: Float64Array,
): void {
  const n = close.length, days = n - 1;
  const windows = new Int32Array(2 * (to - from));
  for (let i = from; i < to; i++) {
    windows[2 * (i - from)] = grid.fast[i];
    windows[2 * (i - from) + 1] = grid.slow[i];
  }
  const { block, row } = smaBlock(close, windows);
  const ret = new Float64Array(days);
  for (let t = 0; t < days; t++) ret[t] = close[t + 1] / close[t] - 1;
  for (let i = from; i < to; i++) {
    const fo = row[grid.fast[i]] * n, so = row[grid.slow[i]] * n;
    evaluatePair(
      block,
      fo,
      so,
      ret,
      grid.slow[i] - 1,
      cost,
      out,
      3 * (i - from),
    );
  }
}

/**
 * One pair, run by run: a flat stretch earns 0 (skipped), the entry day earns
 * `ret - cost`, held days `ret`, the exit day `-cost`. Drawdown is re-divided only when
 * equity falls below the previous worst level (`floor`).
 */
function evaluatePair(
  block: Float64Array,
  fo: number,
  so: number,
  ret: Float64Array,
  start: number,
  cost: number,
  out: Float64Array,
  j: number,
): void {
  const days = ret.length;
  let sum = 0, sumSq = 0, eq = 1, peak = 1, mdd = 0, floor = 1, t = start;
  while (t < days) {
    while (t < days && !(block[fo + t] > block[so + t])) t++;
    if (t >= days) break;
    let s = ret[t] - cost;
    for (;;) {
      sum += s;
      sumSq += s * s;
      eq *= 1 + s;
      if (eq > peak) {
        peak = eq;
        floor = peak * (1 - mdd);
      } else if (eq < floor) {
        mdd = 1 - eq / peak;
        floor = eq;
      }
      t++;
      if (t >= days || !(block[fo + t] > block[so + t])) break;
      s = ret[t];
    }
    if (t >= days) break;
    sum -= cost;
    sumSq += cost * cost;
    eq *= 1 - cost;
    if (eq < floor) {
      mdd = 1 - eq / peak;
      floor = eq;
    }
    t++;
  }
  const mean = sum / days;
  out[j] = mean / Math.sqrt((sumSq - sum * mean) / (days - 1));
  out[j + 1] = eq - 1;
  out[j + 2] = mdd;
}
