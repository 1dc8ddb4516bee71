/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, Lopez de Prado & Zhu 2015).
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";

/** Options of {@linkcode probabilityOfBacktestOverfitting}. */
export interface PboOptions {
  /** Number S of contiguous row blocks (even, 2..24); every choice of S/2 blocks is one
   * in-sample set (C(16, 8) = 12,870 splits for S = 16).
   * @default {16} */
  readonly partitions?: number;
}

/** Result of {@linkcode probabilityOfBacktestOverfitting}. */
export interface PboResult {
  /** Share of splits whose logit is <= 0: the in-sample winner ranked at or below the
   * out-of-sample median. */
  readonly pbo: number;
  /** One logit ln(w / (1 - w)) per split, w = OOS rank / (N + 1). */
  readonly logits: Float64Array;
  /** Number of splits, C(S, S/2). */
  readonly nCombinations: number;
}

/**
 * PBO via CSCV. The T x N matrix holds one column of per-period returns per tried
 * configuration. Its rows are cut into S contiguous blocks of near-equal size (the first
 * T mod S blocks one row longer). For each of the C(S, S/2) choices of S/2 blocks as the
 * in-sample set (the rest out of sample): the configuration with the best in-sample
 * Sharpe mean/std (ddof 1, per period; ties to the lowest column) is ranked among all N
 * by out-of-sample Sharpe (rank 1 = worst; ties get the average rank), w = rank / (N + 1),
 * logit = ln(w / (1 - w)). PBO = share of logits <= 0. NaN cells are skipped; a NaN
 * Sharpe (fewer than 2 values, or zero spread with zero mean) never wins in sample and
 * ranks lowest out of sample. Per-block sums, sums of squares and counts are computed
 * once, so each split costs O(S N).
 *
 * @param returnsMatrix T rows (periods) x N columns (configurations), N >= 2.
 * @param opts `partitions` S (default 16).
 * @returns `{ pbo, logits, nCombinations }`.
 * @throws {RangeError} When S is odd or out of range, T < 2 S, or N < 2.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probabilityOfBacktestOverfitting } from "./probability_of_backtest_overfitting.ts";
 * const T = 80, N = 3, data = new Float64Array(T * N);
 * for (let t = 0; t < T; t++) {
 *   data[t * N] = 0.01 + 0.001 * Math.sin(t); // a steady edge
 *   data[t * N + 1] = 0.01 * Math.sin(3 * t);
 *   data[t * N + 2] = 0.01 * Math.cos(5 * t);
 * }
 * const r = probabilityOfBacktestOverfitting({ data, rows: T, cols: N }, { partitions: 4 });
 * assert.equal(r.nCombinations, 6);
 * assert.equal(r.pbo, 0);
 * ```
 */
export function probabilityOfBacktestOverfitting(
  returnsMatrix: Matrix,
  opts?: PboOptions,
): PboResult {
  const { data, rows: T, cols: N } = returnsMatrix;
  const S = opts?.partitions ?? 16;
  if (!(data instanceof Float64Array) || data.length !== T * N) {
    throw new TypeError(
      `Cannot compute PBO: "returnsMatrix.data" expected a Float64Array of rows * cols = ${
        T * N
      } values, got ${data?.length}`,
    );
  }
  if (!(Number.isInteger(S) && S >= 2 && S <= 24 && S % 2 === 0)) {
    throw new RangeError(
      `Cannot compute PBO: "partitions" expected an even integer in [2, 24], got ${S}`,
    );
  }
  if (T < 2 * S) {
    throw new RangeError(
      `Cannot compute PBO: expected at least 2 rows per partition (${
        2 * S
      } rows), got ${T}`,
    );
  }
  if (!(Number.isInteger(N) && N >= 2)) {
    throw new RangeError(
      `Cannot compute PBO: expected at least 2 configurations (columns), got ${N}`,
    );
  }
  return _pbo(data, T, N, S);
}

/**
 * Per-block count, sum and sum of squares of every column (block-major, S x N), of the
 * values shifted by the column's first valid value (so a flat column has exactly zero
 * spread and sums stay small); `shift` is added back to the means.
 */
function blockMoments(data: Float64Array, T: number, N: number, S: number) {
  const cnt = new Float64Array(S * N), sum = new Float64Array(S * N);
  const sq = new Float64Array(S * N), shift = new Float64Array(N).fill(NaN);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < N; j++) {
      if (Number.isNaN(shift[j])) shift[j] = data[t * N + j];
    }
  }
  shift.forEach((v, j) => (shift[j] = Number.isNaN(v) ? 0 : v));
  const base = Math.floor(T / S), extra = T % S;
  let row = 0;
  for (let b = 0; b < S; b++) {
    const len = base + (b < extra ? 1 : 0);
    for (let t = row; t < row + len; t++) {
      for (let j = 0; j < N; j++) {
        const v = data[t * N + j] - shift[j];
        if (Number.isNaN(v)) continue;
        cnt[b * N + j]++;
        sum[b * N + j] += v;
        sq[b * N + j] += v * v;
      }
    }
    row += len;
  }
  return { cnt, sum, sq, shift };
}

/** mean / std (ddof 1) from the count, shifted sum and shifted sum of squares. */
function sharpeOf(n: number, s: number, q: number, shift: number): number {
  if (n < 2) return NaN;
  const m = s / n;
  const v = Math.max(0, (q - s * m) / (n - 1));
  return (m + shift) / Math.sqrt(v);
}

/** Block moments, column totals and scratch space shared by every split. */
interface Cscv {
  readonly S: number;
  readonly N: number;
  readonly cnt: Float64Array;
  readonly sum: Float64Array;
  readonly sq: Float64Array;
  readonly shift: Float64Array;
  /** Column totals: counts, sums, sums of squares (3 x N). */
  readonly tot: Float64Array;
  /** Scratch: in-sample counts, sums, sums of squares (3 x N) and OOS Sharpes (N). */
  readonly is: Float64Array;
  readonly oos: Float64Array;
}

function _pbo(data: Float64Array, T: number, N: number, S: number): PboResult {
  const { cnt, sum, sq, shift } = blockMoments(data, T, N, S);
  const tot = new Float64Array(3 * N);
  for (let b = 0; b < S; b++) {
    for (let j = 0; j < N; j++) {
      tot[j] += cnt[b * N + j];
      tot[N + j] += sum[b * N + j];
      tot[2 * N + j] += sq[b * N + j];
    }
  }
  const c: Cscv = {
    S,
    N,
    cnt,
    sum,
    sq,
    shift,
    tot,
    is: new Float64Array(3 * N),
    oos: new Float64Array(N),
  };
  const half = S / 2;
  const logits: number[] = [];
  const last = ((1 << half) - 1) << (S - half);
  // Gosper's hack: every S-bit mask with S/2 bits set, in increasing order.
  for (let m = (1 << half) - 1; m <= last;) {
    logits.push(splitLogit(c, m));
    const low = m & -m, r = m + low;
    m = (((r ^ m) >>> 2) / low) | r;
  }
  let le = 0;
  for (const l of logits) if (l <= 0) le++;
  return Object.freeze({
    pbo: le / logits.length,
    logits: Float64Array.from(logits),
    nCombinations: logits.length,
  });
}

/** Logit of the OOS relative rank of the IS-best column for the split `mask`. */
function splitLogit(c: Cscv, mask: number): number {
  const { S, N, cnt, sum, sq, shift, tot, is, oos } = c;
  is.fill(0);
  for (let b = 0; b < S; b++) {
    if (!(mask & (1 << b))) continue;
    for (let j = 0; j < N; j++) {
      is[j] += cnt[b * N + j];
      is[N + j] += sum[b * N + j];
      is[2 * N + j] += sq[b * N + j];
    }
  }
  let best = -1, bestSr = -Infinity;
  for (let j = 0; j < N; j++) {
    const sr = sharpeOf(is[j], is[N + j], is[2 * N + j], shift[j]);
    if (sr > bestSr || (best < 0 && !Number.isNaN(sr))) best = j, bestSr = sr;
    const o = sharpeOf(
      tot[j] - is[j],
      tot[N + j] - is[N + j],
      tot[2 * N + j] - is[2 * N + j],
      shift[j],
    );
    oos[j] = Number.isNaN(o) ? -Infinity : o;
  }
  if (best < 0) best = 0;
  let below = 0, ties = 0;
  for (let j = 0; j < N; j++) {
    if (oos[j] < oos[best]) below++;
    else if (oos[j] === oos[best] && j !== best) ties++;
  }
  const w = (below + 1 + ties / 2) / (N + 1);
  return Math.log(w / (1 - w));
}
