/**
 * Trading strategies as pure position kernels, a registry with parameter grids,
 * pairs / statistical-arbitrage tools (ADF and Engle-Granger as statsmodels' adfuller
 * and coint, MacKinnon tables, pair screening with a multiple-testing correction, hedge
 * ratios, half-life), walk-forward ensembles with in-sample weights, regime-aware
 * switching/sizing, and the research runs of `deno task strategies` (ensembles per
 * weighting method, regime-aware momentum variants) that notebooks call directly.
 *
 * Conventions: a position (weight) at t is decided at the close of t from data <= t and
 * earns the return from t to t+1; weights are in [-1, 1] with gross exposure <= 1;
 * Sharpe is annualised with 252 days and sample std (n - 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { engleGranger, getStrategy, pairsPositions } from "./mod.ts";
 * const b = Float64Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 9) + i / 5);
 * const a = b.map((v, i) => v * Math.exp(0.02 * Math.sin(i * i)));
 * const eg = engleGranger(a, b);
 * assert.ok(eg.cointegrated && Math.abs(eg.hedgeRatio - 1) < 0.05);
 * const pos = pairsPositions(a, b, { hedgeWindowDays: 60, zWindowDays: 20 });
 * assert.equal(pos.a.length, 300);
 * assert.equal(getStrategy("pairs").symbols, 2);
 * ```
 *
 * @module
 */
export type { ParamGrid, Strategy, StrategyParams } from "./types.ts";
export { getStrategy, STRATEGIES } from "./registry.ts";
export { momentumPositions } from "./momentum.ts";
export type { MomentumOptions } from "./momentum.ts";
export { crossSectionalMomentum } from "./cross_sectional_momentum.ts";
export type { CrossSectionalOptions } from "./cross_sectional_momentum.ts";
export { zScorePositions } from "./zscore.ts";
export type { ZScoreOptions } from "./zscore.ts";
export { rsi, rsiPositions } from "./rsi.ts";
export type { RsiOptions } from "./rsi.ts";
export { maCrossoverPositions } from "./ma_crossover.ts";
export type { MaCrossoverOptions } from "./ma_crossover.ts";
export { breakoutPositions } from "./breakout.ts";
export type { BreakoutOptions } from "./breakout.ts";
export { predictionPositions } from "./ml_strategy.ts";
export type { PredictionOptions } from "./ml_strategy.ts";
export { adfTest } from "./adf.ts";
export type { AdfOptions, AdfResult, AutoLag } from "./adf.ts";
export { mackinnonCrit, mackinnonP } from "./mackinnon.ts";
export type {
  CriticalValues,
  MackinnonOptions,
  TrendTerm,
} from "./mackinnon.ts";
export { engleGranger } from "./cointegration.ts";
export type {
  EngleGrangerOptions,
  EngleGrangerResult,
} from "./cointegration.ts";
export { screenPairs } from "./screen_pairs.ts";
export { alignCloses } from "./align_closes.ts";
export type { AlignedCloses } from "./align_closes.ts";
export type {
  PairCandidate,
  PairScreen,
  ScreenPairsOptions,
  SkippedPair,
} from "./screen_pairs.ts";
export { kalmanHedgeRatio, rollingHedgeRatio } from "./hedge_ratio.ts";
export type { HedgeRatioSeries, KalmanOptions } from "./hedge_ratio.ts";
export { halfLife } from "./half_life.ts";
export { pairsPositions } from "./pairs.ts";
export type { PairsOptions, PairsPositions } from "./pairs.ts";
export { ensembleWeights } from "./ensemble_weights.ts";
export type {
  EnsembleMethod,
  EnsembleWeightOptions,
} from "./ensemble_weights.ts";
export { runEnsembleWalkForward } from "./ensemble_walk_forward.ts";
export type {
  EnsembleContribution,
  EnsembleFold,
  EnsembleWalkForwardOptions,
  EnsembleWalkForwardResult,
} from "./ensemble_walk_forward.ts";
export { regimeScaledPositions, regimeSwitchPositions } from "./regime.ts";
export { componentReturns } from "./component_returns.ts";
export type { ComponentSpec } from "./component_returns.ts";
export { oosRows, oosStats } from "./oos_stats.ts";
export {
  ENSEMBLE_COMPONENTS,
  ENSEMBLE_METHODS,
  foldsFor,
  runEnsembles,
} from "./run_ensembles.ts";
export type {
  EnsembleFoldOut,
  EnsembleOutcome,
  EnsembleRun,
  WalkOptions,
} from "./run_ensembles.ts";
export {
  HMM_SCALES,
  REGIME_VARIANTS,
  runRegimeVariants,
  SWITCH_CANDIDATES,
  VOL_SCALES,
} from "./regime_variants.ts";
export type { RegimeFoldOut, RegimeOutcome } from "./regime_variants.ts";
export type {
  ComponentSummary,
  OosStats,
  StrategyRunSummary,
} from "./run_summary.ts";
