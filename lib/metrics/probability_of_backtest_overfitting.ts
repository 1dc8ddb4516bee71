/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, Lopez de Prado & Zhu 2015).
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import type { Matrix } from "../_shared/types.ts";
import { type SimpleRegression, simpleRegression } from "./_regression.ts";

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
   * out-of-sample median (a logit of exactly 0 counts as overfit; see `atMedianShare`). */
  readonly pbo: number;
  /** One logit ln(w / (1 - w)) per split, w = OOS rank / (N + 1). */
  readonly logits: Float64Array;
  /** Number of splits, C(S, S/2). */
  readonly nCombinations: number;
  /** Share of splits whose logit is exactly 0 (winner exactly at the OOS median): PBO
   * would be `pbo - atMedianShare` if those counted as not overfit. */
  readonly atMedianShare: number;
  /** Share of splits whose selected configuration has an out-of-sample Sharpe < 0
   * (R pbo's `below_threshold` with threshold 0). */
  readonly probabilityOfLoss: number;
  /** Per split: the in-sample blocks as a bitmask (bit b = block b), splits in
   * increasing mask order. */
  readonly splitMasks: Int32Array;
  /** Per split: the selected (in-sample best) configuration's column. */
  readonly selected: Int32Array;
  /** Per split: the selected configuration's in-sample / out-of-sample Sharpe ratio
   * (per period, mean / std ddof 1; R pbo's `rn_pairs` Rn and Rbn). */
  readonly inSample: Float64Array;
  readonly outOfSample: Float64Array;
  /** Performance degradation: OLS of out-of-sample on in-sample Sharpe over the splits,
   * OOS = intercept + slope IS (R pbo's degradation plot line); NaN with fewer than 3
   * finite pairs or no spread in IS. */
  readonly degradation: PboDegradation;
}

/** The degradation regression of {@linkcode PboResult}. */
export type PboDegradation = SimpleRegression;

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
 * Besides PBO, the outputs of R's pbo package: the probability of loss, the selected
 * configuration's in-sample and out-of-sample Sharpe per split, and the degradation
 * regression (OOS on IS). Conventions decided here: (1) a logit of exactly 0 (winner
 * exactly at the OOS median, possible when N is odd or with ties) counts as overfit,
 * as in R's pbo (`lambda <= 0`) and the paper's integral up to and including 0, so the
 * figure fails closed; `atMedianShare` says how much of PBO comes from such splits.
 * (2) w = rank / (N + 1), the paper's relative rank; R's pbo divides by N, so its top
 * rank has logit +Infinity and its PBO differs when ranks sit at N / 2.
 *
 * @param returnsMatrix T rows (periods) x N columns (configurations), N >= 2.
 * @param opts `partitions` S (default 16).
 * @returns Frozen PBO, logits, per-split outcomes, probability of loss, degradation.
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
  const half = S / 2, K = binomial(S, half);
  const out = {
    logits: new Float64Array(K),
    splitMasks: new Int32Array(K),
    selected: new Int32Array(K),
    inSample: new Float64Array(K),
    outOfSample: new Float64Array(K),
  };
  const last = ((1 << half) - 1) << (S - half);
  // Gosper's hack: every S-bit mask with S/2 bits set, in increasing order.
  for (let m = (1 << half) - 1, k = 0; m <= last; k++) {
    out.splitMasks[k] = m;
    splitOutcome(c, m, k, out);
    const low = m & -m, r = m + low;
    m = (((r ^ m) >>> 2) / low) | r;
  }
  const share = (f: (k: number) => boolean) => {
    let s = 0;
    for (let k = 0; k < K; k++) if (f(k)) s++;
    return s / K;
  };
  return Object.freeze({
    pbo: share((k) => out.logits[k] <= 0),
    nCombinations: K,
    atMedianShare: share((k) => out.logits[k] === 0),
    probabilityOfLoss: share((k) => out.outOfSample[k] < 0),
    ...out,
    degradation: simpleRegression(out.inSample, out.outOfSample),
  });
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

interface Outcomes {
  readonly logits: Float64Array;
  readonly selected: Int32Array;
  readonly inSample: Float64Array;
  readonly outOfSample: Float64Array;
}

/** The IS-best column of split `mask`, its IS/OOS Sharpe and the logit of its OOS rank. */
function splitOutcome(c: Cscv, mask: number, k: number, out: Outcomes): void {
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
    oos[j] = sharpeOf(
      tot[j] - is[j],
      tot[N + j] - is[N + j],
      tot[2 * N + j] - is[2 * N + j],
      shift[j],
    );
  }
  if (best < 0) best = 0;
  const rankOf = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  const target = rankOf(oos[best]);
  let below = 0, ties = 0;
  for (let j = 0; j < N; j++) {
    const o = rankOf(oos[j]);
    if (o < target) below++;
    else if (o === target && j !== best) ties++;
  }
  const w = (below + 1 + ties / 2) / (N + 1);
  out.logits[k] = crLog(w / (1 - w));
  out.selected[k] = best;
  out.inSample[k] = bestSr === -Infinity ? NaN : bestSr;
  out.outOfSample[k] = oos[best];
}
