/**
 * One stress path evaluated: compounded P&L, drawdown, worst day, the ex-ante VaR from
 * the returns before the path and the risk guard's breaches along it.
 *
 * @module
 */
import type { RiskLimits } from "./config.ts";
import { createRiskGuard, updateRiskGuard } from "./risk_guard.ts";
import { valueAtRisk, type VarMethod } from "./value_at_risk.ts";

/** Fewest returns before a path from which a VaR is estimated. */
export const MIN_VAR_RETURNS = 20;

/** VaR settings and limits of one stress run. */
export interface PathSettings {
  readonly limits: RiskLimits;
  readonly confidence: number;
  readonly varMethod?: VarMethod;
}

/** What a path gives (losses and drawdowns as positive fractions). */
export interface PathOutcome {
  readonly start: string;
  readonly end: string;
  readonly days: number;
  readonly pnl: number;
  readonly maxDrawdown: number;
  readonly worstDay: number;
  readonly worstDayDate: string;
  readonly var: number;
  readonly varObservations: number;
  readonly varNote: string;
  readonly varBreaches: number;
  readonly limitBreaches: number;
  readonly breachRules: readonly string[];
  readonly killSwitchDate: string;
}

/**
 * Evaluate one path of daily portfolio returns.
 *
 * @param path Daily simple returns of the book along the scenario.
 * @param dates One date per path return.
 * @param pre The returns before the path the VaR is estimated from (at least
 *   {@linkcode MIN_VAR_RETURNS}, else the VaR is NaN and `varNote` says why).
 * @param book The constant weights, checked once against the exposure limits.
 * @param s Limits and VaR settings.
 * @returns The outcome.
 */
export function evaluatePath(
  path: Float64Array,
  dates: readonly string[],
  pre: Float64Array,
  book: Readonly<Record<string, number>>,
  s: PathSettings,
): PathOutcome {
  const enough = pre.length >= MIN_VAR_RETURNS;
  const v = enough
    ? valueAtRisk(pre, { method: s.varMethod, confidence: s.confidence }).var
    : NaN;
  let eq = 1, peak = 1, mdd = 0, worst = Infinity, worstDate = "", breaches = 0;
  let guard = createRiskGuard(1);
  for (let t = 0; t < path.length; t++) {
    eq *= 1 + path[t];
    peak = Math.max(peak, eq);
    mdd = Math.max(mdd, 1 - eq / peak);
    if (path[t] < worst) {
      worst = path[t];
      worstDate = dates[t];
    }
    if (Number.isFinite(v) && path[t] < -v) breaches++;
    // exposure limits are checked once (weights are constant); drawdown / loss every day
    guard = updateRiskGuard(guard, {
      date: dates[t],
      equity: eq,
      weights: t === 0 ? book : undefined,
    }, s.limits);
  }
  return {
    start: dates[0] ?? "",
    end: dates.at(-1) ?? "",
    days: path.length,
    pnl: eq - 1,
    maxDrawdown: mdd,
    worstDay: worst,
    worstDayDate: worstDate,
    var: v,
    varObservations: pre.length,
    varNote: enough
      ? ""
      : `needs ${MIN_VAR_RETURNS} returns, has ${pre.length}`,
    varBreaches: Number.isFinite(v) ? breaches : NaN,
    limitBreaches: guard.breaches.length,
    breachRules: [...new Set(guard.breaches.map((b) => b.rule))],
    killSwitchDate: guard.haltedOn,
  };
}
