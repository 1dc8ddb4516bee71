/**
 * Selection-bias statistics for a set of trials: the deflated Sharpe ratio and the
 * probability of backtest overfitting by CSCV. (Kept local until lib/metrics exports
 * them; conventions follow Bailey and Lopez de Prado.)
 *
 * @module
 */
import { normalCdf } from "../strategies/mod.ts";

const EULER_GAMMA = 0.5772156649015329;

/**
 * Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
 *
 * @param p Probability in (0, 1).
 * @returns x with Phi(x) = p (+-Infinity at 0 and 1, NaN outside).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalInv } from "./selection_stats.ts";
 * assert.ok(Math.abs(normalInv(0.975) - 1.959963985) < 1e-8);
 * ```
 */
export function normalInv(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [
    -39.69683028665376,
    220.9460984245205,
    -275.9285104469687,
    138.357751867269,
    -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406,
    161.5858368580409,
    -155.6989798598866,
    66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293,
    -0.3223964580411365,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783,
  ];
  const d = [
    0.007784695709041462,
    0.3224671290700398,
    2.445134137142996,
    3.754408661907416,
  ];
  const lo = 0.02425;
  if (p < lo || p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(p < lo ? p : 1 - p));
    const x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < lo ? x : -x;
  }
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) *
    q /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Result of {@linkcode deflatedSharpe}. */
export interface DeflatedSharpe {
  /** Per-period Sharpe of the selected returns (not annualised). */
  readonly sharpe: number;
  /** Expected maximum per-period Sharpe of `trials` zero-edge trials. */
  readonly expectedMaxSharpe: number;
  /** Number of trials N. */
  readonly trials: number;
  /** Variance of the trials' per-period Sharpes. */
  readonly trialSharpeVariance: number;
  /** Probability that the true Sharpe exceeds expectedMaxSharpe (DSR, in [0, 1]). */
  readonly dsr: number;
}

/**
 * Deflated Sharpe ratio (Bailey and Lopez de Prado 2014):
 * SR0 = sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e))), g = Euler-Mascheroni;
 * DSR = Phi((SR - SR0) sqrt(T - 1) / sqrt(1 - skew SR + (kurt - 1) / 4 SR^2)), with SR,
 * V per period (not annualised) and kurt the raw (non-excess) kurtosis of the returns.
 *
 * @param returns Daily returns of the selected strategy.
 * @param trialSharpes Per-period Sharpe of every trial (including the selected one); NaN
 *   entries (never traded) count in N but not in the variance.
 * @returns DSR and its ingredients (NaN when undefined, e.g. zero variance).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deflatedSharpe } from "./selection_stats.ts";
 * const r = Float64Array.from({ length: 500 }, (_, i) => 0.001 + 0.01 * Math.sin(i * 1.7));
 * const d = deflatedSharpe(r, [0.1, 0.0, -0.05, 0.02]);
 * assert.ok(d.dsr > 0.9 && d.expectedMaxSharpe > 0);
 * ```
 */
export function deflatedSharpe(
  returns: Float64Array,
  trialSharpes: readonly number[],
): DeflatedSharpe {
  const t = returns.length;
  let m = 0;
  for (let i = 0; i < t; i++) m += returns[i] / t;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < t; i++) {
    const d = returns[i] - m;
    m2 += (d * d) / t;
    m3 += (d * d * d) / t;
    m4 += (d * d * d * d) / t;
  }
  const sd = Math.sqrt((m2 * t) / (t - 1));
  const sr = sd > 0 ? m / sd : NaN;
  const skew = m3 / m2 ** 1.5, kurt = m4 / (m2 * m2);
  // N counts every trial; the variance uses the trials with a defined Sharpe.
  const ok = trialSharpes.filter(Number.isFinite);
  const n = trialSharpes.length, k = ok.length;
  const mean = ok.reduce((a, b) => a + b, 0) / k;
  const v = k > 1 ? ok.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1) : 0;
  const sr0 = n > 1
    ? Math.sqrt(v) * ((1 - EULER_GAMMA) * normalInv(1 - 1 / n) +
      EULER_GAMMA * normalInv(1 - 1 / (n * Math.E)))
    : 0;
  const den = Math.sqrt(1 - skew * sr + ((kurt - 1) / 4) * sr * sr);
  const dsr = normalCdf(((sr - sr0) * Math.sqrt(t - 1)) / den);
  return Object.freeze({
    sharpe: sr,
    expectedMaxSharpe: sr0,
    trials: n,
    trialSharpeVariance: v,
    dsr,
  });
}

/** Result of {@linkcode backtestOverfitting}. */
export interface BacktestOverfitting {
  /** Share of IS/OOS splits whose IS-best trial ranks at or below the OOS median. */
  readonly pbo: number;
  /** Number of row partitions S. */
  readonly partitions: number;
  /** Number of splits C(S, S/2). */
  readonly splits: number;
  /** Logits ln(w / (1 - w)) of the IS-best trial's relative OOS rank w, one per split. */
  readonly logits: Float64Array;
}

/**
 * Probability of backtest overfitting by combinatorially symmetric cross-validation
 * (Bailey, Borwein, Lopez de Prado and Zhu 2017): split the T x N matrix of trial returns
 * into S contiguous row blocks; for each choice of S/2 blocks as in-sample, take the trial
 * with the best IS Sharpe, rank its OOS Sharpe among all N (1 = worst), w = rank/(N + 1),
 * logit = ln(w / (1 - w)); PBO = share of splits with logit <= 0. Leftover rows
 * (T mod S) at the start are dropped.
 *
 * @param columns One return column per trial (equal lengths).
 * @param options `partitions` S (even, >= 2). @default 16
 * @returns PBO, logits and the split count.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { backtestOverfitting } from "./selection_stats.ts";
 * const good = Float64Array.from({ length: 160 }, (_, i) => 0.01 + 0.01 * Math.sin(i));
 * const bad = good.map((v) => v - 0.02);
 * assert.equal(backtestOverfitting([good, bad], { partitions: 4 }).pbo, 0);
 * ```
 */
export function backtestOverfitting(
  columns: readonly Float64Array[],
  options: { partitions?: number } = {},
): BacktestOverfitting {
  const s = options.partitions ?? 16;
  const n = columns.length, t = n ? columns[0].length : 0;
  if (!(s >= 2) || s % 2 !== 0) {
    throw new RangeError(`partitions must be even and >= 2, got ${s}`);
  }
  if (n < 2 || t < s * 2) {
    throw new RangeError(
      `backtestOverfitting needs >= 2 trials and >= ${
        2 * s
      } rows, got ${n} x ${t}`,
    );
  }
  const size = Math.floor(t / s), off = t - size * s;
  const sum = new Float64Array(s * n), sq = new Float64Array(s * n);
  for (let j = 0; j < n; j++) {
    const c = columns[j];
    for (let p = 0; p < s; p++) {
      let a = 0, b = 0;
      for (let i = off + p * size; i < off + (p + 1) * size; i++) {
        const v = Number.isFinite(c[i]) ? c[i] : 0;
        a += v;
        b += v * v;
      }
      sum[p * n + j] = a;
      sq[p * n + j] = b;
    }
  }
  const logits: number[] = [];
  const isS = new Float64Array(n), oosS = new Float64Array(n);
  const half = s / 2, rows = half * size;
  const sharpeOf = (a: number, b: number) => {
    const m = a / rows, v = (b - a * m) / (rows - 1);
    return v > 0 ? m / Math.sqrt(v) : m > 0 ? Infinity : m < 0 ? -Infinity : 0;
  };
  for (const combo of combinations(s, half)) {
    const inIs = new Uint8Array(s);
    for (const p of combo) inIs[p] = 1;
    let best = 0;
    for (let j = 0; j < n; j++) {
      let a1 = 0, b1 = 0, a2 = 0, b2 = 0;
      for (let p = 0; p < s; p++) {
        if (inIs[p]) (a1 += sum[p * n + j], b1 += sq[p * n + j]);
        else (a2 += sum[p * n + j], b2 += sq[p * n + j]);
      }
      isS[j] = sharpeOf(a1, b1);
      oosS[j] = sharpeOf(a2, b2);
      if (isS[j] > isS[best]) best = j;
    }
    let below = 0, ties = 0;
    for (let j = 0; j < n; j++) {
      if (oosS[j] < oosS[best]) below++;
      else if (oosS[j] === oosS[best] && j !== best) ties++;
    }
    const rank = below + 1 + ties / 2;
    const w = rank / (n + 1);
    logits.push(Math.log(w / (1 - w)));
  }
  const pbo = logits.filter((l) => l <= 0).length / logits.length;
  return Object.freeze({
    pbo,
    partitions: s,
    splits: logits.length,
    logits: Float64Array.from(logits),
  });
}

function* combinations(n: number, k: number): Generator<number[]> {
  const c = Array.from({ length: k }, (_, i) => i);
  while (true) {
    yield c;
    let i = k - 1;
    while (i >= 0 && c[i] === n - k + i) i--;
    if (i < 0) return;
    c[i]++;
    for (let j = i + 1; j < k; j++) c[j] = c[j - 1] + 1;
  }
}
