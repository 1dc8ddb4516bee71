/**
 * The one risk-limits config, shared by backtests and paper trading, and the stress
 * scenario schema. Parse untrusted input with `parseConfig(RiskLimitsSchema, raw, source)`.
 *
 * Units: weights and exposures are fractions of equity (notional / equity; 1 = 100%).
 * Drawdowns and losses are POSITIVE fractions (`maxDrawdown: 0.2` halts at equity 20%
 * below its peak), although `maxDrawdown()` in lib/metrics is negative.
 *
 * @module
 */
import { z } from "zod";
import { dateOrder, IsoDateSchema } from "../_shared/schemas.ts";
import { parseConfig } from "../_shared/config.ts";

const frac = z.number().finite().positive();

/**
 * Risk limits. Defaults (applied by `parseConfig`): maxDrawdown 0.2, dailyLossLimit 0.05,
 * maxPositionWeight 1, maxGrossExposure 1, maxNetExposure 1, maxLeverage 2,
 * maxOrderFraction 1, maxOrderShares none, correlationThreshold 0.8,
 * maxCorrelatedWeight 1, allowShort true, flattenOnKill true.
 */
export const RiskLimitsSchema = z.strictObject({
  /** Kill switch: halt (sticky; flatten if flattenOnKill) when equity / peak - 1 <= -maxDrawdown. */
  maxDrawdown: frac.max(1).default(0.2),
  /**
   * A flag, not a halt: no new risk for the rest of the day when
   * equity / dayStart - 1 <= -dailyLossLimit (reductions still pass; clears next day).
   */
  dailyLossLimit: frac.max(1).default(0.05),
  /** Max |weight| of one symbol. */
  maxPositionWeight: frac.default(1),
  /** Max sum of |weights| (strategy level). */
  maxGrossExposure: frac.default(1),
  /** Max |sum of weights|. */
  maxNetExposure: z.number().finite().nonnegative().default(1),
  /** Account ceiling on gross notional / equity; the gross cap is min(this, maxGrossExposure). */
  maxLeverage: frac.default(2),
  /** Max |order notional| / equity for exposure-increasing orders. */
  maxOrderFraction: frac.default(1),
  /** Max |order| in shares (paper trading); omitted = no share cap. */
  maxOrderShares: z.number().int().positive().optional(),
  /** Pairwise correlation above which assets form one cluster (connected components). */
  correlationThreshold: z.number().min(-1).max(1).default(0.8),
  /** Max sum of |weights| inside one correlated cluster. */
  maxCorrelatedWeight: frac.default(1),
  /** Whether negative weights are allowed. */
  allowShort: z.boolean().default(true),
  /** On the kill switch, target flat (true) or only block new risk (false). */
  flattenOnKill: z.boolean().default(true),
});

/** Validated risk limits (all defaults resolved). */
export type RiskLimits = z.infer<typeof RiskLimitsSchema>;

/** A historical replay window: ISO dates, inclusive. */
export const HistoricalScenarioSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.literal("historical").default("historical"),
  start: IsoDateSchema,
  end: IsoDateSchema,
}).superRefine(dateOrder("start", "end"));

/** A hypothetical shock applied to the last `windowDays` of history. */
export const ShockScenarioSchema = z.strictObject({
  name: z.string().min(1),
  kind: z.enum(["price-shock", "vol-scale", "correlation-one"]),
  /** price-shock: day-1 return of every asset, e.g. -0.2. */
  shock: z.number().finite().gt(-1).optional(),
  /** vol-scale: multiplier k on deviations from the mean. */
  factor: z.number().finite().positive().optional(),
  /** Base window (trading days, most recent). */
  windowDays: z.number().int().min(2).default(252),
});

/** A stress scenario. */
export const StressScenarioSchema = z.union([
  HistoricalScenarioSchema,
  ShockScenarioSchema,
]);

/** A stress scenario file: `{ "scenarios": [...] }`. */
export const StressScenarioFileSchema = z.strictObject({
  scenarios: z.array(StressScenarioSchema).min(1),
});

/** A validated stress scenario. */
export type StressScenario = z.infer<typeof StressScenarioSchema>;

/**
 * Validate risk limits from an untrusted source (JSON file, flags, notebook).
 *
 * @param raw The raw value (`{}` gives all defaults).
 * @param source Where it came from, named in errors (e.g. `"config/risk_limits.json"`).
 * @returns Limits with defaults resolved.
 * @throws {ConfigError} naming the field, e.g. `field "maxDrawdown": expected ...`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseRiskLimits } from "./config.ts";
 * assert.equal(parseRiskLimits({}, "defaults").maxDrawdown, 0.2);
 * assert.throws(() => parseRiskLimits({ maxDrawdown: -0.2 }, "x.json"), /maxDrawdown/);
 * ```
 */
export function parseRiskLimits(raw: unknown, source: string): RiskLimits {
  return parseConfig(RiskLimitsSchema, raw, source);
}
