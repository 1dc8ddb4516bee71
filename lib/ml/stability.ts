/**
 * Feature stability across walk-forward folds (and runs): sign consistency, rank
 * stability, top-k persistence and the coefficient of variation of importance, with a
 * documented, option-driven definition of a "stable" feature.
 *
 * @module
 */

/** One fold's importance vector (aligned with the feature names). */
export interface ImportanceRecord {
  /** Run the fold belongs to (optional; folds of several runs may be pooled). */
  readonly runId?: string;
  readonly fold: number;
  /** Non-negative importance per feature. */
  readonly importance: ArrayLike<number>;
  /** Sign of each feature's effect: +1, -1 or 0 (0 = no effect, e.g. a lasso zero). */
  readonly sign: ArrayLike<number>;
}

/** Thresholds of the "stable" definition (see {@linkcode featureStability}). */
export interface StabilityOptions {
  /** Size of the "top k" set. @default ceil(p / 3) */
  topK?: number;
  /** Minimum share of folds with the majority sign. @default 0.8 */
  minSignConsistency?: number;
  /** Minimum share of folds in which the feature is in the top k. @default 0.5 */
  minTopKPersistence?: number;
  /** Maximum coefficient of variation of importance (alternative to top-k). @default 0.5 */
  maxCv?: number;
  /**
   * Minimum share of the total mean importance for the CV route (a steady but negligible
   * feature is not "stable"). @default 1 / p (at least an average feature)
   */
  minImportanceShare?: number;
  /** Share of stable features the roadmap asks for. @default 0.7 */
  targetShare?: number;
}

/** Stability of one feature. */
export interface FeatureStability {
  readonly feature: string;
  readonly meanImportance: number;
  /** +1 or -1: the sign most folds agree on (0 if no fold has a nonzero sign). */
  readonly majoritySign: number;
  /** Share of all folds whose sign equals the majority sign (0 signs never agree). */
  readonly signConsistency: number;
  /** Share of folds in which the feature ranks in the top k by importance. */
  readonly topKPersistence: number;
  /** Mean and sample std (n-1) of the rank (1 = most important, ties averaged). */
  readonly rankMean: number;
  readonly rankStd: number;
  /** std(n-1) / mean of importance across folds; Infinity when the mean is 0. */
  readonly cv: number;
  readonly stable: boolean;
}

/** The stability table plus the headline figures. */
export interface StabilityReport {
  readonly folds: number;
  readonly topK: number;
  readonly features: FeatureStability[];
  /** Mean Spearman correlation between consecutive folds' importance vectors (NaN if < 2 folds). */
  readonly meanRankSpearman: number;
  /** Share of features that are stable. */
  readonly stableShare: number;
  readonly targetShare: number;
  /** `stableShare > targetShare` (fails closed: false with no folds). */
  readonly pass: boolean;
  readonly options: Required<StabilityOptions>;
}

/** Ranks 1..n of `v`, largest first, ties get the average rank. */
export function descendingRanks(v: ArrayLike<number>): Float64Array {
  const n = v.length, idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => v[b] - v[a]);
  const out = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && v[idx[j + 1]] === v[idx[i]]) j++;
    for (let k = i; k <= j; k++) out[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman rank correlation (Pearson on average ranks); NaN when a side is constant. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = descendingRanks(a), rb = descendingRanks(b), n = ra.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) {
    ma += ra[i] / n;
    mb += rb[i] / n;
  }
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/**
 * Stability of every feature over the given folds. A feature is **stable** when
 * `signConsistency >= 0.8` AND (`topKPersistence >= 0.5` OR (`cv <= 0.5` AND its share of
 * the total mean importance >= 1/p)) -- all thresholds are options. Why: a feature we trade
 * on must push the forecast the same way in most periods (sign), and must matter either
 * regularly (in the top k in at least half of the folds) or steadily and materially. The
 * top-k route alone caps the stable share at about 2k/p (= 2/3 with k = p/3), so it could
 * never reach the 70% target; the CV route lifts that cap. The CV bar is 0.5, not 1, and it
 * needs an at-least-average importance: the |coefficient| of a pure-noise feature is
 * roughly half-normal across folds (CV sqrt(pi/2 - 1) = 0.76) and a tree spends small,
 * steady gains on noise, so "CV <= 1" alone admits noise. `stabilityNull` measures the
 * resulting false-stable rate. A feature that is large once and near zero elsewhere fails
 * both. The headline is the share of stable features against the roadmap's 70%
 * (`pass = stableShare > targetShare`; never true without folds).
 *
 * @param names Feature names (length p).
 * @param history One record per fold (and run); vectors of length p.
 * @param options Thresholds.
 * @returns The table and headline figures.
 * @example
 * ```ts
 * import { featureStability } from "./stability.ts";
 * import assert from "node:assert/strict";
 * const h = [0, 1, 2].map((fold) => ({ fold, importance: [1, 0.1], sign: [1, fold % 2 ? 1 : -1] }));
 * const r = featureStability(["a", "b"], h, { topK: 1 });
 * assert.deepEqual(r.features.map((f) => f.stable), [true, false]);
 * assert.equal(r.stableShare, 0.5);
 * ```
 */
export function featureStability(
  names: readonly string[],
  history: readonly ImportanceRecord[],
  options: StabilityOptions = {},
): StabilityReport {
  const p = names.length;
  for (const h of history) {
    if (h.importance.length !== p || h.sign.length !== p) {
      throw new RangeError(
        `Fold ${h.fold} has ${h.importance.length} importances, expected ${p} like the names`,
      );
    }
  }
  const o = stabilityOptions(options, p);
  const f = history.length;
  const ranks = history.map((h) => descendingRanks(h.importance));
  let totalMean = 0;
  for (const h of history) {
    for (let j = 0; j < p; j++) totalMean += h.importance[j] / f;
  }
  const features = names.map((feature, j) =>
    oneFeature(feature, j, history, ranks, totalMean, o)
  );
  const stableShare = p > 0 && f > 0
    ? features.filter((x) => x.stable).length / p
    : 0;
  return {
    folds: f,
    topK: o.topK,
    features,
    meanRankSpearman: meanConsecutiveSpearman(history),
    stableShare,
    targetShare: o.targetShare,
    pass: f > 0 && stableShare > o.targetShare,
    options: o,
  };
}

/** The options with every default resolved for `p` features. */
function stabilityOptions(
  options: StabilityOptions,
  p: number,
): Required<StabilityOptions> {
  return {
    topK: options.topK ?? Math.max(1, Math.ceil(p / 3)),
    minSignConsistency: options.minSignConsistency ?? 0.8,
    minTopKPersistence: options.minTopKPersistence ?? 0.5,
    maxCv: options.maxCv ?? 0.5,
    minImportanceShare: options.minImportanceShare ?? 1 / Math.max(1, p),
    targetShare: options.targetShare ?? 0.7,
  };
}

/** Sign consistency, top-k persistence, rank and CV statistics of feature `j`. */
function oneFeature(
  feature: string,
  j: number,
  history: readonly ImportanceRecord[],
  ranks: readonly Float64Array[],
  totalMean: number,
  o: Required<StabilityOptions>,
): FeatureStability {
  const f = history.length;
  let pos = 0, neg = 0, inTop = 0, m = 0, rm = 0;
  for (let k = 0; k < f; k++) {
    const s = history[k].sign[j];
    if (s > 0) pos++;
    else if (s < 0) neg++;
    if (ranks[k][j] <= o.topK) inTop++;
    m += history[k].importance[j] / f;
    rm += ranks[k][j] / f;
  }
  let v = 0, rv = 0;
  for (let k = 0; k < f; k++) {
    v += (history[k].importance[j] - m) ** 2;
    rv += (ranks[k][j] - rm) ** 2;
  }
  const sd = f > 1 ? Math.sqrt(v / (f - 1)) : NaN;
  const majoritySign = pos === 0 && neg === 0 ? 0 : pos >= neg ? 1 : -1;
  const signConsistency = f > 0 ? Math.max(pos, neg) / f : NaN;
  const topKPersistence = f > 0 ? inTop / f : NaN;
  const cv = m > 0 ? sd / m : Infinity;
  const share = totalMean > 0 ? m / totalMean : 0;
  const stable = signConsistency >= o.minSignConsistency &&
    (topKPersistence >= o.minTopKPersistence ||
      (cv <= o.maxCv && share >= o.minImportanceShare));
  return {
    feature,
    meanImportance: f > 0 ? m : NaN,
    majoritySign,
    signConsistency,
    topKPersistence,
    rankMean: f > 0 ? rm : NaN,
    rankStd: f > 1 ? Math.sqrt(rv / (f - 1)) : NaN,
    cv,
    stable,
  };
}

/** Mean Spearman correlation of consecutive folds' importances (NaN pairs skipped). */
function meanConsecutiveSpearman(history: readonly ImportanceRecord[]): number {
  let rho = 0, pairs = 0;
  for (let k = 1; k < history.length; k++) {
    const s = spearman(history[k - 1].importance, history[k].importance);
    if (!Number.isNaN(s)) {
      rho += s;
      pairs++;
    }
  }
  return pairs > 0 ? rho / pairs : NaN;
}
