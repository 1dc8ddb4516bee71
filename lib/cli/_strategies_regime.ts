/**
 * Edge computation of `deno task strategies`, part (b): regime-aware variants of the
 * momentum strategy (registry defaults) against the plain strategy, walk-forward and out
 * of sample only.
 *
 * Variants (positions at t decided from data <= t, earning t -> t+1):
 * - `momentum`: the plain strategy;
 * - `momentum_vol_scaled`: exposure x VOL_SCALES[volatility regime at t] (lib/regime
 *   `volatilityRegime`, causal percentile of the 21-day vol over 252 days; warm-up -> flat);
 * - `momentum_vol_switch`: per volatility regime, the candidate (momentum, zscore or flat)
 *   with the best mean net return on the fold's TRAINING rows in that regime;
 * - `momentum_hmm_scaled`: a 2-state Gaussian HMM fitted on the training returns only,
 *   filtered (forward-only) probabilities P(state | data <= t); exposure x
 *   sum_k P_k HMM_SCALES[k] (state 0 = calm);
 * - `momentum_hmm_switch`: like the vol switch with the HMM's filtered most likely state.
 * Returns: r_t = p_{t-1} (c_t / c_{t-1} - 1) - costBps/1e4 |p_t - p_{t-1}| on each test
 * row t, the same convention as the ensemble components.
 *
 * @module
 */
import type { Bars, Matrix } from "../_shared/types.ts";
import {
  filterProbabilities,
  fitGaussianHmm,
  regimeTransitions,
  volatilityRegime,
} from "../regime/mod.ts";
import {
  getStrategy,
  type OosStats,
  regimeScaledPositions,
  regimeSwitchPositions,
  type TrainTestFold,
} from "../strategies/mod.ts";
import { oosStats } from "./_strategies_ensemble.ts";

/** Exposure per volatility regime (low, normal, high). */
export const VOL_SCALES = [1, 1, 0.5] as const;
/** Exposure per HMM state (calm, stressed). */
export const HMM_SCALES = [1, 0.5] as const;
/** Candidates of the switching variants, in tie-break order (flat wins ties). */
export const SWITCH_CANDIDATES = ["flat", "momentum", "zscore"] as const;
/** The variants, plain first. */
export const REGIME_VARIANTS = [
  "momentum",
  "momentum_vol_scaled",
  "momentum_vol_switch",
  "momentum_hmm_scaled",
  "momentum_hmm_switch",
] as const;

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

/** One variant's out-of-sample outcome. */
export interface RegimeOutcome {
  readonly name: (typeof REGIME_VARIANTS)[number];
  readonly stats: OosStats;
  readonly oos: { readonly dates: string[]; readonly returns: Float64Array };
  /** Label changes over the OOS rows (null for the plain strategy). */
  readonly transitions: number | null;
  readonly folds: RegimeFoldOut[];
}

interface Series {
  readonly close: Float64Array;
  /** r[t] = c[t] / c[t-1] - 1 (NaN at 0). */
  readonly ret: Float64Array;
  readonly cand: Float64Array[];
  readonly candRet: Float64Array[];
  readonly vol: Int8Array;
}

function series(bars: Bars, costBps: number): Series {
  const close = bars.close, n = close.length;
  const ret = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) ret[t] = close[t] / close[t - 1] - 1;
  const pos = (name: string) => {
    const s = getStrategy(name);
    return s.weights([bars], s.defaults)[0];
  };
  const cand = [new Float64Array(n), pos("momentum"), pos("zscore")];
  const candRet = cand.map((p) => netReturns(ret, p, 1, n, costBps));
  return { close, ret, cand, candRet, vol: volatilityRegime(ret) };
}

/**
 * Net returns of positions p on rows [from, to): p[t-1] r[t] - cost |p[t] - p[t-1]|
 * (NaN returns earn 0). Row `from - 1` of p must be set.
 */
export function netReturns(
  ret: Float64Array,
  p: Float64Array,
  from: number,
  to: number,
  costBps: number,
): Float64Array {
  const out = new Float64Array(to - from), c = costBps / 1e4;
  for (let t = from; t < to; t++) {
    const r = Number.isFinite(ret[t]) ? ret[t] : 0;
    out[t - from] = p[t - 1] * r - c * Math.abs(p[t] - p[t - 1]);
  }
  return out;
}

/** Per label 0..K-1, the candidate index with the best mean training return. */
function learnChoices(
  s: Series,
  labels: ArrayLike<number>,
  K: number,
  f: TrainTestFold,
): number[] {
  const sum = s.cand.map(() => new Float64Array(K));
  const cnt = new Float64Array(K);
  for (let t = Math.max(f.trainStart + 1, 1); t < f.trainEnd; t++) {
    const k = labels[t - 1];
    if (!(k >= 0)) continue;
    cnt[k]++;
    for (let c = 0; c < s.cand.length; c++) sum[c][k] += s.candRet[c][t];
  }
  return Array.from({ length: K }, (_, k) => {
    let best = 0;
    for (let c = 1; c < s.cand.length; c++) {
      if (cnt[k] > 0 && sum[c][k] > sum[best][k]) best = c;
    }
    return best;
  });
}

interface FoldPositions {
  /** Positions on rows [testStart - 1, testEnd) of each variant, full length. */
  readonly pos: Float64Array[];
  /** Labels on the same rows: vol, hmm. */
  readonly vol: Int8Array;
  readonly hmm: Int8Array;
  readonly detail: RegimeFoldOut[];
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

function foldPositions(s: Series, f: TrainTestFold, dates: readonly string[]) {
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
  return { pos, vol: s.vol, hmm, detail } satisfies FoldPositions;
}

/**
 * Run every regime-aware variant over the folds (fit on each training window, evaluate on
 * its test window; test windows must not overlap).
 *
 * @param bars One symbol's bars.
 * @param folds Walk-forward folds (from `foldsFor`).
 * @param costBps Cost per unit of turnover, bps.
 * @returns One outcome per variant, in REGIME_VARIANTS order.
 */
export function runRegimeVariants(
  bars: Bars,
  folds: readonly TrainTestFold[],
  costBps: number,
): RegimeOutcome[] {
  const s = series(bars, costBps);
  const V = REGIME_VARIANTS.length;
  const rets: number[][] = Array.from({ length: V }, () => []);
  const details: RegimeFoldOut[][] = Array.from({ length: V }, () => []);
  const volL: number[] = [], hmmL: number[] = [], dates: string[] = [];
  for (const f of folds) {
    const fp = foldPositions(s, f, bars.dates);
    for (let v = 0; v < V; v++) {
      rets[v].push(
        ...netReturns(s.ret, fp.pos[v], f.testStart, f.testEnd, costBps),
      );
      details[v].push(fp.detail[v]);
    }
    for (let t = f.testStart; t < f.testEnd; t++) {
      volL.push(fp.vol[t]);
      hmmL.push(fp.hmm[t]);
      dates.push(bars.dates[t]);
    }
  }
  const count = (l: number[]) => regimeTransitions(l, dates).length;
  const trans = [null, count(volL), count(volL), count(hmmL), count(hmmL)];
  return REGIME_VARIANTS.map((name, v) => {
    const returns = Float64Array.from(rets[v]);
    return {
      name,
      stats: oosStats(returns),
      oos: { dates, returns },
      transitions: trans[v],
      folds: details[v],
    };
  });
}
