/**
 * Pair screening: Engle-Granger on every pair of N series with a multiple-testing
 * correction, ranked.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import { adjustPValues, type PValueCorrection } from "../metrics/mod.ts";
import {
  _engleGranger,
  type EngleGrangerOptions,
  type EngleGrangerResult,
} from "./cointegration.ts";

/** Options of {@linkcode screenPairs}. */
export interface ScreenPairsOptions extends
  Pick<
    EngleGrangerOptions,
    "log" | "trend" | "lags" | "autolag" | "maxLags"
  > {
  /** One name per series (symbols). @default "0", "1", ... */
  readonly names?: readonly string[];
  /** "both": test a on b and b on a and keep the larger p-value (the result does not
   * depend on the order of the series); "forward": only the earlier series on the later
   * one (statsmodels `coint(a, b)`). @default "both" */
  readonly direction?: "both" | "forward";
  /** Multiple-testing correction over the pairs tested. @default "holm" */
  readonly correction?: PValueCorrection;
  /** Level at which an adjusted p-value is significant. @default 0.05 */
  readonly alpha?: number;
  /** Fewer common finite rows than this and the pair is skipped. @default 60 */
  readonly minObservations?: number;
}

/** One tested pair. */
export interface PairCandidate {
  readonly a: string;
  readonly b: string;
  /** Positions of a and b in the input. */
  readonly indexA: number;
  readonly indexB: number;
  /** Common finite rows used. */
  readonly observations: number;
  /** The pair's p-value: a on b ("forward"), or the larger of both directions. */
  readonly pValue: number;
  /** p-value after the correction over every tested pair. */
  readonly adjustedPValue: number;
  /** adjustedPValue <= alpha. */
  readonly significant: boolean;
  /** Engle-Granger of a on b: beta in a_t = alpha + beta b_t + u_t, statistic, p-value. */
  readonly hedgeRatio: number;
  readonly intercept: number;
  readonly stat: number;
  readonly pValueForward: number;
  /** b on a (NaN with direction "forward"). */
  readonly statReverse: number;
  readonly pValueReverse: number;
  /** Half-life in bars of the a-on-b residual spread (NaN when not mean reverting). */
  readonly halfLifeDays: number;
}

/** A pair {@linkcode screenPairs} could not test, and why. */
export interface SkippedPair {
  readonly a: string;
  readonly b: string;
  /** Common finite rows. */
  readonly observations: number;
  readonly reason: string;
}

/** Result of {@linkcode screenPairs}. */
export interface PairScreen {
  /** Every tested pair, most significant first (p-value, then statistic, then names). */
  readonly candidates: readonly PairCandidate[];
  /** Pairs not tested (too few common rows, or a regression that cannot be run). */
  readonly skipped: readonly SkippedPair[];
  /** Number of tests m the correction accounted for (= candidates.length). */
  readonly tests: number;
  readonly correction: PValueCorrection;
  readonly alpha: number;
  readonly direction: "both" | "forward";
}

/**
 * Screen every pair (i < j) of the series for cointegration. Each pair uses the rows
 * where both series are finite (and positive with `log`); Engle-Granger as
 * {@linkcode engleGranger} (statsmodels `coint`: trend, AIC/BIC lags, MacKinnon
 * p-values for N = 2); the pair's p-values are then adjusted for the m pairs tested
 * (`adjustPValues`: Holm by default, or Bonferroni, Benjamini-Hochberg/-Yekutieli).
 * Uses the whole sample: screen on a training window, trade after it. Cost: m = N(N-1)/2
 * tests (twice that with "both").
 *
 * @param series N >= 2 series of equal length, aligned on one calendar (NaN = no bar).
 * @param options Names, test settings, direction, correction, alpha.
 * @returns Frozen ranked candidates and the skipped pairs.
 * @throws {RangeError} On fewer than 2 series, unequal lengths or a bad option.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { screenPairs } from "./screen_pairs.ts";
 * const base = Float64Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 9) + i / 5);
 * const twin = base.map((v, i) => v * Math.exp(0.02 * Math.sin(i * i)));
 * const other = Float64Array.from({ length: 300 }, (_, i) => 50 + 0.001 * i * i);
 * const r = screenPairs([base, twin, other], { names: ["A", "B", "C"] });
 * assert.equal(r.tests, 3);
 * assert.deepEqual([r.candidates[0].a, r.candidates[0].b], ["A", "B"]);
 * assert.ok(r.candidates[0].significant);
 * ```
 */
export function screenPairs(
  series: readonly Float64Array[],
  options: ScreenPairsOptions = {},
): PairScreen {
  const n = series.length;
  if (n < 2) {
    throw new RangeError(
      `screenPairs needs at least 2 series, got ${n}`,
    );
  }
  const len = series[0].length;
  series.forEach((s, i) => {
    if (!(s instanceof Float64Array) || s.length !== len) {
      throw new RangeError(
        `screenPairs needs Float64Arrays of equal length: series 0 has ${len} values, series ${i} has ${s?.length}`,
      );
    }
  });
  const names = options.names ?? series.map((_, i) => String(i));
  if (names.length !== n) {
    throw new RangeError(
      `screenPairs needs one name per series: got ${names.length} names for ${n} series`,
    );
  }
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`screenPairs alpha must be in (0, 1), got ${alpha}`);
  }
  return _screenPairs(series, names, alpha, options);
}

function _screenPairs(
  series: readonly Float64Array[],
  names: readonly string[],
  alpha: number,
  options: ScreenPairsOptions,
): PairScreen {
  const log = options.log ?? true, trend = options.trend ?? "c";
  const direction = options.direction ?? "both";
  const correction = options.correction ?? "holm";
  const minObs = options.minObservations ?? 60;
  const cols = series.map((s) =>
    s.map((v) => (log ? (v > 0 ? crLog(v) : NaN) : v))
  );
  const tested: Omit<PairCandidate, "adjustedPValue" | "significant">[] = [];
  const skipped: SkippedPair[] = [];
  const skip = (i: number, j: number, observations: number, reason: string) =>
    skipped.push(
      Object.freeze({ a: names[i], b: names[j], observations, reason }),
    );
  for (let i = 0; i < cols.length; i++) {
    for (let j = i + 1; j < cols.length; j++) {
      const [x, y] = commonRows(cols[i], cols[j]);
      if (x.length < minObs) {
        skip(i, j, x.length, `fewer than ${minObs} common rows`);
        continue;
      }
      let fwd: EngleGrangerResult;
      let rev: Pick<EngleGrangerResult, "stat" | "pValue">;
      try {
        fwd = _engleGranger(x, [y], trend, options);
        rev = direction === "both"
          ? _engleGranger(y, [x], trend, options)
          : { stat: NaN, pValue: NaN };
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        skip(i, j, x.length, e.message);
        continue;
      }
      tested.push({
        a: names[i],
        b: names[j],
        indexA: i,
        indexB: j,
        observations: x.length,
        pValue: direction === "both"
          ? Math.max(fwd.pValue, rev.pValue)
          : fwd.pValue,
        hedgeRatio: fwd.hedgeRatio,
        intercept: fwd.intercept,
        stat: fwd.stat,
        pValueForward: fwd.pValue,
        statReverse: rev.stat,
        pValueReverse: rev.pValue,
        halfLifeDays: fwd.halfLifeDays,
      });
    }
  }
  const adjusted = adjustPValues(
    Float64Array.from(tested, (t) => t.pValue),
    correction,
  );
  const candidates = tested
    .map((t, k) =>
      Object.freeze({
        ...t,
        adjustedPValue: adjusted[k],
        significant: adjusted[k] <= alpha,
      })
    )
    .sort((u, v) =>
      u.pValue - v.pValue || weakerStat(u) - weakerStat(v) ||
      u.indexA - v.indexA || u.indexB - v.indexB
    );
  return Object.freeze({
    candidates: Object.freeze(candidates),
    skipped: Object.freeze(skipped),
    tests: candidates.length,
    correction,
    alpha,
    direction,
  });
}

/** The less negative of the two directions' statistics (the forward one alone). */
function weakerStat(c: Pick<PairCandidate, "stat" | "statReverse">): number {
  const s = Number.isNaN(c.statReverse)
    ? c.stat
    : Math.max(c.stat, c.statReverse);
  return s === -Infinity ? -Number.MAX_VALUE : s;
}

/** The rows where both columns are finite. */
function commonRows(
  a: Float64Array,
  b: Float64Array,
): [Float64Array, Float64Array] {
  let m = 0;
  for (let t = 0; t < a.length; t++) {
    if (Number.isFinite(a[t]) && Number.isFinite(b[t])) m++;
  }
  const x = new Float64Array(m), y = new Float64Array(m);
  for (let t = 0, k = 0; t < a.length; t++) {
    if (Number.isFinite(a[t]) && Number.isFinite(b[t])) {
      x[k] = a[t];
      y[k++] = b[t];
    }
  }
  return [x, y];
}
