/**
 * Probabilistic Sharpe ratio (Bailey & Lopez de Prado 2012).
 *
 * @module
 */
import { normalCdf } from "./normal.ts";

/** Options of {@linkcode probabilisticSharpeRatio}. */
export interface ProbabilisticSharpeOptions {
  /** Number of return observations T behind the observed Sharpe (>= 2). */
  readonly nObs: number;
  /** Sharpe ratio to beat, in the same units as the observed one.
   * @default {0} */
  readonly benchmarkSharpe?: number;
  /** Skewness of the returns (see `skewness`).
   * @default {0} */
  readonly skew?: number;
  /** EXCESS kurtosis of the returns (Fisher: 0 for normal returns; see `kurtosis`).
   * @default {0} */
  readonly excessKurtosis?: number;
  /** true when the Sharpe ratios given are annualised; they are then divided by
   * sqrt(periodsPerYear) to per-period values first.
   * @default {false} */
  readonly annualized?: boolean;
  /** Periods per year, used only when `annualized` is true.
   * @default {252} */
  readonly periodsPerYear?: number;
}

/**
 * Probabilistic Sharpe ratio: the probability that the true Sharpe ratio exceeds
 * SR* given the observed SR over T observations with non-normal returns,
 * PSR = Phi( (SR - SR*) sqrt(T - 1) / sqrt(1 - g3 SR + (g4 - 1)/4 SR^2) ),
 * with g3 the skewness and g4 = excessKurtosis + 3 the (Pearson) kurtosis.
 * The Sharpe ratios are PER PERIOD (not annualised) unless `annualized` is set.
 * NaN when the variance term is not positive or an input is NaN.
 *
 * Reference: Bailey, D. H. and Lopez de Prado, M. (2012), "The Sharpe ratio efficient
 * frontier", Journal of Risk 15(2), eq. for PSR.
 *
 * @param observedSharpe Observed Sharpe ratio (per period by default).
 * @param opts `nObs` (required), `benchmarkSharpe`, `skew`, `excessKurtosis`,
 *   `annualized`, `periodsPerYear`.
 * @returns A probability in [0, 1].
 * @throws {RangeError} When nObs < 2 or periodsPerYear <= 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { probabilisticSharpeRatio } from "./probabilistic_sharpe_ratio.ts";
 * // SR = 0 against SR* = 0 is a coin flip
 * assert.equal(probabilisticSharpeRatio(0, { nObs: 100 }), 0.5);
 * ```
 */
export function probabilisticSharpeRatio(
  observedSharpe: number,
  opts: ProbabilisticSharpeOptions,
): number {
  const scale = _perPeriodScale(opts);
  return _psr(
    observedSharpe * scale,
    (opts.benchmarkSharpe ?? 0) * scale,
    opts.nObs,
    opts.skew ?? 0,
    opts.excessKurtosis ?? 0,
  );
}

/** Validate nObs / periodsPerYear; the factor turning the given Sharpes per period. */
export function _perPeriodScale(
  opts: { nObs: number; annualized?: boolean; periodsPerYear?: number },
): number {
  if (!(Number.isFinite(opts?.nObs) && opts.nObs >= 2)) {
    throw new RangeError(
      `Cannot compute the Sharpe ratio's significance: "nObs" expected a number >= 2, got ${opts?.nObs}`,
    );
  }
  if (!opts.annualized) return 1;
  const ppy = opts.periodsPerYear ?? 252;
  if (!(Number.isFinite(ppy) && ppy > 0)) {
    throw new RangeError(
      `Cannot compute the Sharpe ratio's significance: "periodsPerYear" expected a finite number > 0, got ${ppy}`,
    );
  }
  return 1 / Math.sqrt(ppy);
}

/** PSR kernel on per-period Sharpe ratios. */
export function _psr(
  sr: number,
  srStar: number,
  n: number,
  skew: number,
  excessKurt: number,
): number {
  const v = 1 - skew * sr + ((excessKurt + 2) / 4) * sr * sr;
  if (!(v > 0)) return NaN;
  return normalCdf(((sr - srStar) * Math.sqrt(n - 1)) / Math.sqrt(v));
}
