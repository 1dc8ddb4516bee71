/**
 * Risk management: position sizing, VaR / CVaR models and their backtests, Ledoit-Wolf
 * covariance, stress tests, and the limits / risk guard shared by backtests and paper
 * trading (every check answers ALLOW / CLIP / DENY with a reason).
 *
 * Conventions: daily simple returns; 252 periods a year; VaR, CVaR, drawdown and loss
 * LIMITS are positive fractions of capital; weights are notional / equity; a value at t
 * uses data up to t (rolling VaR for day t uses data up to t - 1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { applyLimits, parseRiskLimits, rollingVar, varBacktest } from "./mod.ts";
 * const r = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i * 12.9898) * 0.01);
 * const v = rollingVar(r, { method: "historical", window: 250, confidence: 0.95 });
 * const bt = varBacktest(r, v, 0.95);
 * assert.equal(bt.observations, 150);
 * const limits = parseRiskLimits({ maxGrossExposure: 1 }, "example");
 * const { weights } = applyLimits({ A: 0.8, B: 0.8 }, limits);
 * assert.ok(Math.abs(weights.A + weights.B - 1) < 1e-12);
 * ```
 *
 * @module
 */
export {
  chiSquareCdf,
  chiSquarePValue,
  lnGamma,
  regularizedGammaP,
} from "./chi_square.ts";
export { ewmaVariance, rollingStd } from "./volatility.ts";
export type { EwmaOptions } from "./volatility.ts";
export { fixedFractionSize, kellyFraction } from "./sizing.ts";
export type {
  FixedFractionOptions,
  KellyOptions,
  PositionSize,
} from "./sizing.ts";
export { scaleToTargetVol, volTargetScale } from "./vol_target.ts";
export type { VolTargetOptions } from "./vol_target.ts";
export {
  cornishFisherQuantile,
  valueAtRisk,
  VAR_METHODS,
} from "./value_at_risk.ts";
export type { VarMethod, VarOptions, VarResult } from "./value_at_risk.ts";
export { crossProducts, ledoitWolf } from "./ledoit_wolf.ts";
export type { LedoitWolfOptions, ShrunkCovariance } from "./ledoit_wolf.ts";
export { portfolioVar } from "./portfolio_var.ts";
export type {
  PortfolioVarOptions,
  PortfolioVarResult,
} from "./portfolio_var.ts";
export { rollingVar } from "./rolling_var.ts";
export type { RollingVarOptions } from "./rolling_var.ts";
export { breachTests, varBacktest } from "./var_backtest.ts";
export type { VarBacktestResult } from "./var_backtest.ts";
export {
  HistoricalScenarioSchema,
  parseRiskLimits,
  RiskLimitsSchema,
  ShockScenarioSchema,
  StressScenarioFileSchema,
  StressScenarioSchema,
} from "./config.ts";
export type { RiskLimits, StressScenario } from "./config.ts";

export { correlationClusters } from "./clusters.ts";
export type { CorrelationInput } from "./clusters.ts";
export { applyLimits } from "./apply_limits.ts";
export type {
  LimitDecision,
  LimitResult,
  LimitState,
  RiskAction,
} from "./apply_limits.ts";
export { checkOrder } from "./check_order.ts";
export type { Order, OrderCheck, PortfolioState } from "./check_order.ts";
export { checkPortfolio } from "./check_portfolio.ts";
export type {
  BookState,
  BreachAction,
  BreachRecord,
  PortfolioCheck,
} from "./check_portfolio.ts";
export {
  createRiskGuard,
  haltDecision,
  haltRiskGuard,
  updateRiskGuard,
} from "./risk_guard.ts";
export type { RiskDecision, RiskVerdict } from "./risk_decision.ts";
export type { GuardMark, RiskGuardState } from "./risk_guard.ts";
export {
  aloneWeights,
  DEFAULT_SCENARIOS,
  interleaveScopes,
  PORTFOLIO_SCOPE,
  runStress,
  runStressScope,
  STRESS_VAR_WINDOW,
} from "./stress.ts";
export { MIN_VAR_RETURNS } from "./_stress_path.ts";
export { panelReturns, pricePanel } from "./price_panel.ts";
export type { PricePanel } from "./price_panel.ts";
export type { StressAsset, StressOptions, StressResult } from "./stress.ts";
