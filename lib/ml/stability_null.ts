/**
 * The null of every feature-stability figure: what each looks like when the label
 * carries no information (seeded label permutations, the same folds and model), with a
 * 90% band, and the verdict that compares the real figure with it.
 *
 * @module
 */
import type { Matrix } from "../_shared/types.ts";
import { createRng, permutation } from "../_shared/seed.ts";
import { quantileSorted } from "../metrics/mod.ts";
import { trainFolds, type TrainFoldsOptions } from "./train_folds.ts";
import type { FoldSpec } from "./checkpoint.ts";
import {
  featureStability,
  type StabilityOptions,
  type StabilityReport,
} from "./stability.ts";

/** Fewest permutations from which a 90% band (5th to 95th percentile) is read. */
export const MIN_NULL_REPEATS = 20;

/** Options of {@linkcode stabilityNull}. */
export interface StabilityNullOptions {
  /** Label permutations. @default 20 */
  readonly repeats?: number;
  /** Seed of the permutations. @default 0 */
  readonly seed?: number;
  /** Stability thresholds (as in the real analysis). */
  readonly stability?: StabilityOptions;
}

/** A figure's null distribution: mean and 90% band over the permutations. */
export interface NullBand {
  readonly mean: number;
  /** 5th and 95th percentiles (linear interpolation); NaN with fewer than 20 repeats. */
  readonly p05: number;
  readonly p95: number;
}

/** The null of each stability figure. */
export interface StabilityNullResult {
  readonly repeats: number;
  /** Per feature: share of permutations in which it was classed stable. */
  readonly falseStableRate: {
    readonly feature: string;
    readonly rate: number;
  }[];
  /** Mean and max over permutations of the share of stable features. */
  readonly meanStableShare: number;
  readonly maxStableShare: number;
  /** Share of stable features. */
  readonly stableShare: NullBand;
  /** Mean Spearman correlation of consecutive folds' importance. */
  readonly meanRankSpearman: NullBand;
  /** Per feature: its sign consistency and top-k persistence under the null. */
  readonly features: {
    readonly feature: string;
    readonly signConsistency: NullBand;
    readonly topKPersistence: NullBand;
  }[];
}

/** Mean and 90% band of a sample (band NaN with fewer than {@linkcode MIN_NULL_REPEATS}). */
function band(values: readonly number[]): NullBand {
  const ok = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mean = ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : NaN;
  const enough = ok.length >= MIN_NULL_REPEATS;
  return {
    mean,
    p05: enough ? quantileSorted(ok, 0.05) : NaN,
    p95: enough ? quantileSorted(ok, 0.95) : NaN,
  };
}

/**
 * Re-run the fold training `repeats` times with the labels permuted across all rows (a
 * seeded shuffle that destroys any feature-label link; same folds, same model, cold
 * start, no selection, no permutation importance) and apply the same stability
 * definition to the intrinsic importance. Every figure of the real analysis gets its
 * null: the stable share, the consecutive-fold Spearman (folds that share most of their
 * training rows agree by construction, so this null is high) and each feature's sign
 * consistency and top-k persistence.
 *
 * @param x Features (n x p).
 * @param y Targets.
 * @param folds Fold row ranges.
 * @param train Training options (model, names, dates; warm start is switched off).
 * @param options Repeats, seed, thresholds.
 * @returns The null distribution of every figure.
 * @example
 * ```ts
 * import { stabilityNull } from "./stability_null.ts";
 * import assert from "node:assert/strict";
 * const n = 120, x = { data: Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i * 1.7)), rows: n, cols: 2 };
 * const y = Float64Array.from({ length: n }, (_, i) => Math.cos(i * 0.9));
 * const dates = Array.from({ length: n }, (_, i) => `2020-01-01T00:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}Z`);
 * const folds = [0, 1, 2].map((k) => ({ trainStart: k * 30, trainEnd: k * 30 + 29, testStart: k * 30 + 30, testEnd: k * 30 + 59 }));
 * const r = stabilityNull(x, y, folds, { model: "ridge", featureNames: ["a", "b"], dates }, { repeats: 2 });
 * assert.equal(r.falseStableRate.length, 2);
 * assert.ok(Number.isNaN(r.stableShare.p95)); // a band needs 20 permutations
 * ```
 */
export function stabilityNull(
  x: Matrix,
  y: Float64Array,
  folds: readonly FoldSpec[],
  train: TrainFoldsOptions,
  options: StabilityNullOptions = {},
): StabilityNullResult {
  const repeats = options.repeats ?? MIN_NULL_REPEATS;
  const rng = createRng(options.seed ?? 0);
  const names = train.featureNames, counts = new Float64Array(names.length);
  const shares: number[] = [], spearmans: number[] = [];
  const signs = names.map((): number[] => []);
  const tops = names.map((): number[] => []);
  for (let k = 0; k < repeats; k++) {
    const perm = permutation(y.length, rng);
    const yp = Float64Array.from(perm, (i) => y[i]);
    const fits = trainFolds(x, yp, folds, {
      ...train,
      warmStart: false,
      checkpoints: [],
      selection: { kind: "none" },
      permutationRepeats: 0,
    });
    const r = featureStability(
      names,
      fits.map((f) => ({
        fold: f.fold,
        importance: f.importance,
        sign: f.sign,
      })),
      options.stability,
    );
    r.features.forEach((f, j) => {
      counts[j] += f.stable ? 1 : 0;
      signs[j].push(f.signConsistency);
      tops[j].push(f.topKPersistence);
    });
    shares.push(r.stableShare);
    spearmans.push(r.meanRankSpearman);
  }
  return {
    repeats,
    falseStableRate: names.map((feature, j) => ({
      feature,
      rate: repeats > 0 ? counts[j] / repeats : NaN,
    })),
    meanStableShare: band(shares).mean,
    maxStableShare: shares.length ? Math.max(...shares) : NaN,
    stableShare: band(shares),
    meanRankSpearman: band(spearmans),
    features: names.map((feature, j) => ({
      feature,
      signConsistency: band(signs[j]),
      topKPersistence: band(tops[j]),
    })),
  };
}

/** Where a real figure falls against its null band. */
export type NullComparison = "above" | "within" | "below" | "no band";

/** Compare a real figure with its null's 90% band. */
export function compareToNull(real: number, b: NullBand): NullComparison {
  if (!Number.isFinite(b.p05) || !Number.isFinite(b.p95)) return "no band";
  if (!Number.isFinite(real)) return "no band";
  return real > b.p95 ? "above" : real < b.p05 ? "below" : "within";
}

/** The verdict of a stability analysis: each headline figure against its null. */
export interface StabilityVerdict {
  readonly stableShare: NullComparison;
  readonly meanRankSpearman: NullComparison;
  /** True only when the stable share is above its null's 95th percentile. */
  readonly stableBeyondChance: boolean;
  /** One sentence per figure, e.g. "stable share 0.0% is within the null's 90% band ...". */
  readonly text: string;
}

/**
 * Compare the real stability figures with their nulls. The verdict is the comparison:
 * a stable share that the permuted labels reach as often is no evidence of stability,
 * whatever the roadmap's target says.
 *
 * @param real The real analysis.
 * @param nul Its null (same folds, permuted labels).
 * @returns The comparison of each figure and a sentence.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stabilityVerdict } from "./stability_null.ts";
 * const b = (mean: number, p05: number, p95: number) => ({ mean, p05, p95 });
 * const v = stabilityVerdict({ stableShare: 0.5, meanRankSpearman: 0.48 }, { repeats: 20, stableShare: b(0.05, 0, 0.1), meanRankSpearman: b(0.7, 0.6, 0.8) });
 * assert.equal(v.stableShare, "above");
 * assert.equal(v.meanRankSpearman, "below");
 * assert.ok(v.stableBeyondChance);
 * ```
 */
export function stabilityVerdict(
  real: Pick<StabilityReport, "stableShare" | "meanRankSpearman">,
  nul: Pick<
    StabilityNullResult,
    "repeats" | "stableShare" | "meanRankSpearman"
  >,
): StabilityVerdict {
  const share = compareToNull(real.stableShare, nul.stableShare);
  const rho = compareToNull(real.meanRankSpearman, nul.meanRankSpearman);
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const f2 = (v: number) => v.toFixed(3);
  const say = (
    name: string,
    c: NullComparison,
    v: string,
    b: NullBand,
    fmt: (v: number) => string,
  ) =>
    c === "no band"
      ? `${name} ${v} has no null band (needs ${MIN_NULL_REPEATS} label permutations, has ${nul.repeats})`
      : `${name} ${v} is ${
        c === "within" ? "within" : c
      } the null's 90% band [${fmt(b.p05)}, ${fmt(b.p95)}]`;
  return {
    stableShare: share,
    meanRankSpearman: rho,
    stableBeyondChance: share === "above",
    text: `${
      say(
        "The stable share",
        share,
        pct(real.stableShare),
        nul.stableShare,
        pct,
      )
    }; ${
      say(
        "the consecutive-fold Spearman",
        rho,
        f2(real.meanRankSpearman),
        nul.meanRankSpearman,
        f2,
      )
    } (${nul.repeats} permuted-label runs on the same folds). ${
      share === "above"
        ? "More features are stable than chance makes stable."
        : "The stable features are no more than chance makes stable."
    }`,
  };
}
