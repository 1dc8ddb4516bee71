/**
 * Per-fold positions of the regime-aware variants (see regime_variants.ts): candidate
 * returns, the choices learned on a fold's training rows, the HMM fitted on them.
 *
 * @module
 */
import type { Bars, Matrix } from "../_shared/types.ts";
import { backtestWeights, type Fold } from "../backtest/mod.ts";
import {
  filterProbabilities,
  fitGaussianHmm,
  volatilityRegime,
} from "../regime/mod.ts";
import { getStrategy } from "./registry.ts";
import { regimeScaledPositions, regimeSwitchPositions } from "./regime.ts";

/** Exposure per volatility regime (low, normal, high). */
export const VOL_SCALES = [1, 1, 0.5] as const;
/** Exposure per HMM state (calm, stressed). */
export const HMM_SCALES = [1, 0.5] as const;
/** Candidates of the switching variants, in tie-break order (flat wins ties). */
export const SWITCH_CANDIDATES = ["flat", "momentum", "zscore"] as const;

/** Per-fold detail of a variant. */
export interface RegimeFoldOut {
  readonly index: number;
  readonly testStart: string;
  readonly testEnd: string;
  /** Switch variants: the candidate chosen per regime label. */
  readonly choices?: string[];
  /** HMM variants: per-state mean and variance of daily returns (training fit). */
  readonly hmm?: { means: number[]; variances: number[]; converged: boolean };
}

/** One symbol's inputs shared by every fold. */
export interface RegimeSeries {
  readonly close: Float64Array;
  /** r[t] = c[t] / c[t-1] - 1 (NaN at 0). */
  readonly ret: Float64Array;
  /** Candidate positions, in SWITCH_CANDIDATES order. */
  readonly cand: Float64Array[];
  /** Candidate net returns: `candRet[c][j]` is the return of bar j + 1. */
  readonly candRet: Float64Array[];
  readonly vol: Int8Array;
}

/**
 * Returns, candidate positions (registry defaults) and their net returns (lib/backtest,
 * fills at the close, costs per unit of turnover), and volatility regimes.
 */
export function regimeSeries(bars: Bars, costBps: number): RegimeSeries {
  const close = bars.close, n = close.length;
  const ret = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) ret[t] = close[t] / close[t - 1] - 1;
  const pos = (name: string) => {
    const s = getStrategy(name);
    return s.weights([bars], s.defaults)[0];
  };
  const cand = [new Float64Array(n), pos("momentum"), pos("zscore")];
  const candRet = cand.map((p) => earnedReturns(close, p, costBps).subarray(1));
  return { close, ret, cand, candRet, vol: volatilityRegime(ret) };
}

/**
 * Net returns of positions p: the return of the bar ending at t is
 * `p[t-1] r[t] - cost |p[t] - p[t-1]|` (lib/backtest `backtestWeights`, `earned`).
 */
export function earnedReturns(
  close: Float64Array,
  p: Float64Array,
  costBps: number,
): Float64Array {
  return backtestWeights({ close: [close] }, [p], { costBps }).earned;
}

/**
 * Per label 0..K-1, the candidate index with the best mean training return. A switch
 * decided at the close of bar j (label at j) earns the return of bar j + 1
 * (`candRet[c][j]`); only bars inside the training window count, so the last pair is the
 * label at trainEnd - 2 with the return of bar trainEnd - 1, never a test bar.
 */
function learnChoices(
  s: RegimeSeries,
  labels: ArrayLike<number>,
  K: number,
  f: Fold,
): number[] {
  const sum = s.cand.map(() => new Float64Array(K));
  const cnt = new Float64Array(K);
  for (let t = Math.max(f.trainStart + 1, 1); t < f.trainEnd; t++) {
    const k = labels[t - 1];
    if (!(k >= 0)) continue;
    cnt[k]++;
    for (let c = 0; c < s.cand.length; c++) sum[c][k] += s.candRet[c][t - 1];
  }
  return Array.from({ length: K }, (_, k) => {
    let best = 0;
    for (let c = 1; c < s.cand.length; c++) {
      if (cnt[k] > 0 && sum[c][k] > sum[best][k]) best = c;
    }
    return best;
  });
}

function hmmLabels(probs: Matrix): Int8Array {
  const out = new Int8Array(probs.rows).fill(-1);
  for (let t = 0; t < probs.rows; t++) {
    let best = -1, bp = -Infinity;
    for (let k = 0; k < probs.cols; k++) {
      const v = probs.data[t * probs.cols + k];
      if (v > bp) [best, bp] = [k, v];
    }
    out[t] = best;
  }
  return out;
}

/** Positions of every variant (full length) and labels, fitted on the fold's training rows. */
export interface FoldPositions {
  readonly pos: Float64Array[];
  readonly vol: Int8Array;
  readonly hmm: Int8Array;
  readonly detail: RegimeFoldOut[];
}

/** Fit the fold's HMM and choices on its training rows; positions of every variant. */
export function foldPositions(
  s: RegimeSeries,
  f: Fold,
  dates: readonly string[],
): FoldPositions {
  const n = s.close.length, lo = Math.max(f.trainStart, 1);
  const model = fitGaussianHmm(s.ret.subarray(lo, f.trainEnd), {
    states: HMM_SCALES.length,
    seed: 1,
  });
  const probs = filterProbabilities(model, s.ret.subarray(lo, f.testEnd));
  const hmm = new Int8Array(n).fill(-1);
  hmm.set(hmmLabels(probs), lo);
  const mom = s.cand[1];
  const hmmScaled = new Float64Array(n);
  hmmScaled.set(
    regimeScaledPositions(mom.slice(lo, f.testEnd), probs, [...HMM_SCALES]),
    lo,
  );
  const volChoice = learnChoices(s, s.vol, VOL_SCALES.length, f);
  const hmmChoice = learnChoices(s, hmm, HMM_SCALES.length, f);
  const pick = (ch: number[]) => ch.map((c) => s.cand[c]);
  const pos = [
    mom,
    regimeScaledPositions(mom, s.vol, [...VOL_SCALES]),
    regimeSwitchPositions(pick(volChoice), s.vol),
    hmmScaled,
    regimeSwitchPositions(pick(hmmChoice), hmm),
  ];
  const base = {
    index: f.index,
    testStart: dates[f.testStart],
    testEnd: dates[f.testEnd - 1],
  };
  const name = (ch: number[]) => ch.map((c) => SWITCH_CANDIDATES[c]);
  const hmmOut = {
    means: Array.from(model.means.data),
    variances: Array.from(model.variances.data),
    converged: model.converged,
  };
  const detail: RegimeFoldOut[] = [
    base,
    base,
    { ...base, choices: name(volChoice) },
    { ...base, hmm: hmmOut },
    { ...base, choices: name(hmmChoice), hmm: hmmOut },
  ];
  return { pos, vol: s.vol, hmm, detail };
}
