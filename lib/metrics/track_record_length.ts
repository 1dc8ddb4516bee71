/**
 * Minimum track record length and minimum backtest length (Bailey & Lopez de Prado).
 *
 * @module
 */
import { expectedMaxSharpe } from "./deflated_sharpe_ratio.ts";
import { normalInv } from "./normal.ts";
import {
  _perPeriodScale,
  type ProbabilisticSharpeOptions,
} from "./probabilistic_sharpe_ratio.ts";

/** Options of {@linkcode minTrackRecordLength}. */
export interface MinTrackRecordOptions
  extends Omit<ProbabilisticSharpeOptions, "nObs"> {
  /** Confidence 1 - alpha that the true Sharpe exceeds the benchmark. @default 0.95 */
  readonly confidence?: number;
}

/**
 * Minimum track record length: the number of observations needed before the observed
 * Sharpe ratio SR is significantly above SR* at the given confidence, for returns with
 * skewness g3 and kurtosis g4 = excessKurtosis + 3,
 * MinTRL = 1 + (1 - g3 SR + (g4 - 1)/4 SR^2) (Z_c / (SR - SR*))^2, Z_c = Phi^-1(confidence).
 * At n = MinTRL the probabilistic Sharpe ratio equals the confidence exactly. Sharpe
 * ratios are PER PERIOD unless `annualized` (then divided by sqrt(periodsPerYear));
 * the result is in periods either way (divide by periodsPerYear for years). Infinity
 * when SR <= SR* (no track record is long enough); NaN when the variance term is not
 * positive or an input is NaN.
 *
 * Reference: Bailey, D. H. and Lopez de Prado, M. (2012), "The Sharpe ratio efficient
 * frontier", Journal of Risk 15(2), 3-44, eq. for MinTRL.
 *
 * @param observedSharpe Observed Sharpe ratio (per period by default).
 * @param opts `benchmarkSharpe`, `skew`, `excessKurtosis`, `confidence`, `annualized`,
 *   `periodsPerYear`.
 * @returns The minimum number of observations (not rounded).
 * @throws {RangeError} When confidence is not in (0, 1) or periodsPerYear <= 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { minTrackRecordLength, probabilisticSharpeRatio } from "./mod.ts";
 * const n = minTrackRecordLength(1, { annualized: true, skew: -1, excessKurtosis: 3 });
 * assert.ok(Math.abs(n / 252 - 2.89) < 0.01); // about three years of daily data
 * const psr = probabilisticSharpeRatio(1, { annualized: true, nObs: n, skew: -1, excessKurtosis: 3 });
 * assert.ok(Math.abs(psr - 0.95) < 1e-12);
 * ```
 */
export function minTrackRecordLength(
  observedSharpe: number,
  opts: MinTrackRecordOptions = {},
): number {
  const scale = _perPeriodScale({ ...opts, nObs: 2 });
  const c = opts.confidence ?? 0.95;
  if (!(c > 0 && c < 1)) {
    throw new RangeError(
      `Cannot compute the minimum track record length: "confidence" expected a number in (0, 1), got ${c}`,
    );
  }
  const sr = observedSharpe * scale;
  const srStar = (opts.benchmarkSharpe ?? 0) * scale;
  const skew = opts.skew ?? 0, ek = opts.excessKurtosis ?? 0;
  const v = 1 - skew * sr + ((ek + 2) / 4) * sr * sr;
  if (!(v > 0) || Number.isNaN(sr - srStar)) return NaN;
  if (!(sr > srStar)) return Infinity;
  const z = normalInv(c);
  return 1 + v * (z / (sr - srStar)) ** 2;
}

/**
 * Minimum backtest length in YEARS: the history needed so that the best of N
 * independent unskilled configurations is not expected to show an annualised Sharpe
 * ratio of `targetSharpe` in sample,
 * MinBTL = ((1 - g) Z^-1(1 - 1/N) + g Z^-1(1 - 1/(N e)))^2 / targetSharpe^2
 * (g the Euler-Mascheroni constant; the numerator is `expectedMaxSharpe(N, 1)`). It is
 * below the simpler bound 2 ln N / targetSharpe^2. 0 for N = 1.
 *
 * Reference: Bailey, D. H., Borwein, J., Lopez de Prado, M. and Zhu, Q. J. (2014),
 * "Pseudo-mathematics and financial charlatanism: the effects of backtest overfitting
 * on out-of-sample performance", Notices of the AMS 61(5), 458-471: with five years of
 * data, no more than about 45 independent configurations should be tried for a target
 * Sharpe of 1.
 *
 * @param trials Number of independent configurations tried N (integer >= 1).
 * @param targetSharpe The annualised in-sample Sharpe ratio to guard against (> 0).
 * @returns Years of data.
 * @throws {RangeError} When N is not an integer >= 1 or the target is not > 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { minBacktestLength } from "./track_record_length.ts";
 * const years = minBacktestLength(45, 1);
 * assert.ok(years > 4.9 && years < 5); // the paper's "45 trials in 5 years"
 * assert.ok(years < 2 * Math.log(45));
 * ```
 */
export function minBacktestLength(
  trials: number,
  targetSharpe: number,
): number {
  if (!(Number.isFinite(targetSharpe) && targetSharpe > 0)) {
    throw new RangeError(
      `Cannot compute the minimum backtest length: "targetSharpe" expected a number > 0, got ${targetSharpe}`,
    );
  }
  return (expectedMaxSharpe(trials, 1) / targetSharpe) ** 2;
}
