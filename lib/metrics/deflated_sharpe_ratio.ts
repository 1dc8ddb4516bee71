/**
 * Deflated Sharpe ratio (Bailey & Lopez de Prado 2014).
 *
 * @module
 */
import { nanMeanStd } from "./_stats.ts";
import { normalInv } from "./normal.ts";
import {
  _perPeriodScale,
  _psr,
  type ProbabilisticSharpeOptions,
} from "./probabilistic_sharpe_ratio.ts";

/** Euler-Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/** Options of {@linkcode deflatedSharpeRatio}. */
export interface DeflatedSharpeOptions
  extends Omit<ProbabilisticSharpeOptions, "benchmarkSharpe"> {
  /** The number of configurations tried N, or the Sharpe ratios of all of them (same
   * units as the observed Sharpe; then N = their count and, unless
   * `trialSharpeVariance` is given, V = their sample variance, ddof 1). */
  readonly trials: number | Float64Array;
  /** Variance V of the Sharpe ratios across the trials (same units as the observed
   * Sharpe, squared). Required when `trials` is a number. */
  readonly trialSharpeVariance?: number;
}

/** Result of {@linkcode deflatedSharpeRatio}. */
export interface DeflatedSharpe {
  /** Deflated Sharpe ratio: PSR against the expected maximum Sharpe (a probability). */
  readonly dsr: number;
  /** Expected maximum Sharpe of N unskilled trials, in the units of the input. */
  readonly expectedMaxSharpe: number;
  /** Probabilistic Sharpe ratio against 0. */
  readonly psr: number;
}

/**
 * Expected maximum of N Sharpe ratios drawn with zero mean and variance V (the null of
 * no skill): E[max SR] = sqrt(V) ((1 - g) Z^-1(1 - 1/N) + g Z^-1(1 - 1/(N e))), g the
 * Euler-Mascheroni constant; 0 for N = 1.
 *
 * @param trials Number of independent trials N >= 1.
 * @param variance Variance V of the trial Sharpe ratios (>= 0).
 * @returns The expected maximum Sharpe, in the units of V's square root.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expectedMaxSharpe } from "./deflated_sharpe_ratio.ts";
 * assert.ok(Math.abs(expectedMaxSharpe(100, 0.5 / 250) - 0.1132) < 1e-4);
 * ```
 */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (!(Number.isInteger(trials) && trials >= 1)) {
    throw new RangeError(
      `Cannot compute the expected maximum Sharpe: "trials" expected an integer >= 1, got ${trials}`,
    );
  }
  if (!(variance >= 0)) {
    throw new RangeError(
      `Cannot compute the expected maximum Sharpe: "trialSharpeVariance" expected a number >= 0, got ${variance}`,
    );
  }
  if (trials === 1) return 0;
  const z1 = normalInv(1 - 1 / trials);
  const z2 = normalInv(1 - 1 / (trials * Math.E));
  return Math.sqrt(variance) * ((1 - EULER_GAMMA) * z1 + EULER_GAMMA * z2);
}

/**
 * Deflated Sharpe ratio: the probability that the true Sharpe exceeds the best Sharpe
 * expected from N unskilled trials, DSR = PSR(SR0) with SR0 = `expectedMaxSharpe(N, V)`
 * and PSR(SR0) = Phi((SR - SR0) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1)/4 SR^2)),
 * g4 = excessKurtosis + 3. All Sharpe ratios (observed, trial values, V) are PER PERIOD
 * (not annualised) unless `annualized` is true, when they are converted with
 * sqrt(periodsPerYear) (V with periodsPerYear). `expectedMaxSharpe` is returned in the
 * units of the input.
 *
 * Reference: Bailey, D. H. and Lopez de Prado, M. (2014), "The deflated Sharpe ratio:
 * correcting for selection bias, backtest overfitting and non-normality", Journal of
 * Portfolio Management 40(5), 94-107. Their example (SR 2.5 a year over 1,250 days,
 * 250 a year, N = 100, V = 0.5 a year, skew -3, kurtosis 10) gives DSR ~ 0.90.
 *
 * @param observedSharpe The selected configuration's Sharpe ratio.
 * @param opts `trials`, `trialSharpeVariance`, `nObs`, `skew`, `excessKurtosis`,
 *   `annualized`, `periodsPerYear`.
 * @returns `{ dsr, expectedMaxSharpe, psr }`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deflatedSharpeRatio } from "./deflated_sharpe_ratio.ts";
 * const r = deflatedSharpeRatio(2.5, {
 *   annualized: true, periodsPerYear: 250, nObs: 1250, trials: 100,
 *   trialSharpeVariance: 0.5, skew: -3, excessKurtosis: 7,
 * });
 * assert.ok(Math.abs(r.dsr - 0.9004) < 1e-3);
 * ```
 */
export function deflatedSharpeRatio(
  observedSharpe: number,
  opts: DeflatedSharpeOptions,
): DeflatedSharpe {
  const scale = _perPeriodScale(opts);
  let n: number, v: number;
  if (typeof opts.trials === "number") {
    n = opts.trials;
    v = opts.trialSharpeVariance ?? NaN;
  } else if (opts.trials instanceof Float64Array) {
    const s = nanMeanStd(opts.trials, 1);
    n = s.n;
    v = opts.trialSharpeVariance ?? s.std * s.std;
  } else {
    throw new TypeError(
      `Cannot compute the deflated Sharpe ratio: "trials" expected a number or a Float64Array, got ${typeof opts
        .trials}`,
    );
  }
  if (n === 1 && Number.isNaN(v)) v = 0;
  const sr0 = expectedMaxSharpe(n, v * scale * scale);
  const sr = observedSharpe * scale;
  const skew = opts.skew ?? 0, ek = opts.excessKurtosis ?? 0;
  return Object.freeze({
    dsr: _psr(sr, sr0, opts.nObs, skew, ek),
    expectedMaxSharpe: sr0 / scale,
    psr: _psr(sr, 0, opts.nObs, skew, ek),
  });
}
