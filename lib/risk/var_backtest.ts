/**
 * VaR backtests: Kupiec (1995) proportion of failures, Christoffersen (1998)
 * independence, and their sum, the conditional coverage test.
 *
 * A breach (exception) on day t is a loss above the VaR forecast: r_t < -VaR_t. Days where
 * the forecast or the return is NaN are skipped. p = 1 - confidence is the expected rate.
 *
 * - LR_uc = -2 ln[(1-p)^(T-x) p^x] + 2 ln[(1-x/T)^(T-x) (x/T)^x] ~ chi2(1)
 * - LR_ind = -2 ln[(1-pi)^(n00+n10) pi^(n01+n11)]
 *   + 2 ln[(1-pi01)^n00 pi01^n01 (1-pi11)^n10 pi11^n11] ~ chi2(1),
 *   pi01 = n01/(n00+n01), pi11 = n11/(n10+n11), pi = (n01+n11)/(n00+n01+n10+n11),
 *   n_ij = number of days in state j after a day in state i (1 = breach); 0 ln 0 = 0.
 * - LR_cc = LR_uc + LR_ind ~ chi2(2).
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import { chiSquarePValue } from "./chi_square.ts";

/** Result of {@linkcode varBacktest}. */
export interface VarBacktestResult {
  /** Days with both a return and a forecast. */
  readonly observations: number;
  readonly breaches: number;
  /** breaches / observations. */
  readonly breachRate: number;
  /** Expected rate 1 - confidence. */
  readonly expectedRate: number;
  readonly kupiecLR: number;
  readonly kupiecPValue: number;
  readonly christoffersenLR: number;
  readonly christoffersenPValue: number;
  readonly conditionalCoverageLR: number;
  readonly conditionalCoveragePValue: number;
  /** Transition counts [n00, n01, n10, n11]. */
  readonly transitions: readonly [number, number, number, number];
}

const xlogy = (x: number, y: number): number => (x === 0 ? 0 : x * crLog(y));

/**
 * Kupiec and Christoffersen tests on a 0/1 breach sequence.
 *
 * @param hits 1 for a breach, 0 otherwise (NaN entries skipped).
 * @param confidence VaR confidence c (expected breach rate 1 - c).
 * @returns Statistics and chi-square p-values.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { breachTests } from "./var_backtest.ts";
 * const hits = new Float64Array(100);
 * hits[10] = 1;
 * const r = breachTests(hits, 0.99);
 * assert.equal(r.kupiecLR, 0);
 * assert.equal(r.kupiecPValue, 1);
 * ```
 */
export function breachTests(
  hits: ArrayLike<number>,
  confidence: number,
): VarBacktestResult {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Confidence must be in (0, 1), got ${confidence}`);
  }
  const p = 1 - confidence;
  let T = 0, x = 0, prev = -1;
  let n00 = 0, n01 = 0, n10 = 0, n11 = 0;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    if (Number.isNaN(h)) continue;
    const b = h > 0 ? 1 : 0;
    T++;
    x += b;
    if (prev === 0) b ? n01++ : n00++;
    else if (prev === 1) b ? n11++ : n10++;
    prev = b;
  }
  const phat = T > 0 ? x / T : NaN;
  const uc = T > 0
    ? -2 * (xlogy(T - x, 1 - p) + xlogy(x, p)) +
      2 * (xlogy(T - x, 1 - phat) + xlogy(x, phat))
    : NaN;
  const pi01 = n01 / (n00 + n01), pi11 = n11 / (n10 + n11);
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  let ind = -2 * (xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi)) +
    2 * (xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) +
        xlogy(n11, pi11));
  if (n00 + n01 + n10 + n11 === 0) ind = NaN;
  const cc = uc + ind;
  return {
    observations: T,
    breaches: x,
    breachRate: phat,
    expectedRate: p,
    kupiecLR: uc,
    kupiecPValue: pv(uc, 1),
    christoffersenLR: ind,
    christoffersenPValue: pv(ind, 1),
    conditionalCoverageLR: cc,
    conditionalCoveragePValue: pv(cc, 2),
    transitions: [n00, n01, n10, n11],
  };
}

function pv(lr: number, dof: number): number {
  if (Number.isNaN(lr)) return NaN;
  return chiSquarePValue(Math.max(0, lr), dof);
}

/**
 * Backtest VaR forecasts against realised returns: a breach is r_t < -var_t (VaR as a
 * positive loss), then {@linkcode breachTests}.
 *
 * @param returns Realised daily returns.
 * @param forecasts VaR forecast for each day (made with data before that day), NaN = none.
 * @param confidence The forecasts' confidence.
 * @returns Counts, rates, LR statistics and p-values.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { varBacktest } from "./var_backtest.ts";
 * const r = varBacktest(new Float64Array([-0.05, 0.01, 0.0]), new Float64Array([0.02, 0.02, NaN]), 0.99);
 * assert.equal(r.breaches, 1);
 * assert.equal(r.observations, 2);
 * ```
 */
export function varBacktest(
  returns: ArrayLike<number>,
  forecasts: ArrayLike<number>,
  confidence: number,
): VarBacktestResult {
  if (returns.length !== forecasts.length) {
    throw new RangeError(
      `Returns and forecasts must have the same length, got ${returns.length} and ${forecasts.length}`,
    );
  }
  const hits = new Float64Array(returns.length);
  for (let t = 0; t < returns.length; t++) {
    const r = returns[t], v = forecasts[t];
    hits[t] = Number.isFinite(r) && Number.isFinite(v) ? (r < -v ? 1 : 0) : NaN;
  }
  return breachTests(hits, confidence);
}
