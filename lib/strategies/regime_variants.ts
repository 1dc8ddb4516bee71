/**
 * Regime-aware variants of the momentum strategy (registry defaults) against the plain
 * strategy, walk-forward and out of sample only (the research kernel of
 * `deno task strategies`, part b).
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
 * row t (lib/backtest, the same convention as the ensemble components).
 *
 * @module
 */
import type { Bars } from "../_shared/types.ts";
import type { Fold } from "../backtest/mod.ts";
import { regimeTransitions } from "../regime/mod.ts";
import { oosStats } from "./oos_stats.ts";
import type { OosStats } from "./run_summary.ts";
import {
  earnedReturns,
  foldPositions,
  type RegimeFoldOut,
  regimeSeries,
} from "./_regime_folds.ts";

export {
  HMM_SCALES,
  type RegimeFoldOut,
  SWITCH_CANDIDATES,
  VOL_SCALES,
} from "./_regime_folds.ts";

/** The variants, plain first. */
export const REGIME_VARIANTS = [
  "momentum",
  "momentum_vol_scaled",
  "momentum_vol_switch",
  "momentum_hmm_scaled",
  "momentum_hmm_switch",
] as const;

/** One variant's out-of-sample outcome. */
export interface RegimeOutcome {
  readonly name: (typeof REGIME_VARIANTS)[number];
  readonly stats: OosStats;
  readonly oos: { readonly dates: string[]; readonly returns: Float64Array };
  /** Label changes over the OOS rows (null for the plain strategy). */
  readonly transitions: number | null;
  readonly folds: RegimeFoldOut[];
}

/**
 * Run every regime-aware variant over the folds (fit on each training window, evaluate on
 * its test window; test windows must not overlap).
 *
 * @param bars One symbol's bars.
 * @param folds Walk-forward folds (e.g. from `foldsFor`).
 * @param costBps Cost per unit of turnover, bps.
 * @returns One outcome per variant, in REGIME_VARIANTS order.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleBars } from "../data/samples.ts";
 * import { foldsFor } from "./run_ensembles.ts";
 * import { REGIME_VARIANTS, runRegimeVariants } from "./regime_variants.ts";
 * const bars = await readSampleBars("AAPL");
 * const r = runRegimeVariants(bars, foldsFor(bars.dates.length, { train: 504, test: 252, costBps: 1 }), 1);
 * assert.deepEqual(r.map((o) => o.name), [...REGIME_VARIANTS]);
 * assert.equal(r[0].oos.returns.length, 756);
 * ```
 */
export function runRegimeVariants(
  bars: Bars,
  folds: readonly Fold[],
  costBps: number,
): RegimeOutcome[] {
  const s = regimeSeries(bars, costBps);
  const V = REGIME_VARIANTS.length;
  const rets: number[][] = Array.from({ length: V }, () => []);
  const details: RegimeFoldOut[][] = Array.from({ length: V }, () => []);
  const volL: number[] = [], hmmL: number[] = [], dates: string[] = [];
  for (const f of folds) {
    const fp = foldPositions(s, f, bars.dates);
    for (let v = 0; v < V; v++) {
      const r = earnedReturns(s.close, fp.pos[v], costBps);
      rets[v].push(...r.subarray(f.testStart, f.testEnd));
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
