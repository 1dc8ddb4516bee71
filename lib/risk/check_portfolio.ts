/**
 * Post-trade / mark-to-market check of a whole book against the limits.
 *
 * @module
 */
import type { RiskLimits } from "./config.ts";
import { correlationClusters, type CorrelationInput } from "./clusters.ts";

/** What the system does about a breach. */
export type BreachAction = "HALT" | "BLOCK_NEW_RISK" | "REDUCE";

/** One logged breach (plain record, stored as-is). */
export interface BreachRecord {
  /** Bar date (ISO) or "" when unknown. */
  readonly date: string;
  /** Rule id: "max-drawdown", "daily-loss", "max-position:SYM", "max-gross", "max-leverage", "max-net", "correlation:A+B". */
  readonly rule: string;
  /** Observed value (drawdowns and losses as positive fractions). */
  readonly value: number;
  readonly limit: number;
  readonly action: BreachAction;
}

/** A book as weights, with the equity marks the drawdown rules need. */
export interface BookState {
  readonly date?: string;
  readonly equity: number;
  /** Highest equity so far (>= equity). */
  readonly peakEquity: number;
  /** Equity at the start of the current day. */
  readonly dayStartEquity: number;
  /** Weights (notional / equity) by symbol. */
  readonly weights: Readonly<Record<string, number>>;
  readonly correlation?: CorrelationInput;
}

/** Answer of {@linkcode checkPortfolio}. */
export interface PortfolioCheck {
  readonly breaches: BreachRecord[];
  /** True when the drawdown limit is reached (halt and, if configured, flatten). */
  readonly killSwitch: boolean;
}

const EPS = 1e-9;

type AddBreach = (
  rule: string,
  value: number,
  limit: number,
  action: BreachAction,
) => void;

/** Per-symbol, gross, leverage, net and cluster exposure breaches (REDUCE). */
function exposureBreaches(
  state: BookState,
  limits: RiskLimits,
  add: AddBreach,
): void {
  let gross = 0, net = 0;
  for (const [s, w] of Object.entries(state.weights)) {
    if (!Number.isFinite(w)) continue;
    gross += Math.abs(w);
    net += w;
    if (Math.abs(w) > limits.maxPositionWeight + EPS) {
      add(`max-position:${s}`, Math.abs(w), limits.maxPositionWeight, "REDUCE");
    }
    if (!limits.allowShort && w < -EPS) add(`no-short:${s}`, w, 0, "REDUCE");
  }
  if (gross > limits.maxGrossExposure + EPS) {
    add("max-gross", gross, limits.maxGrossExposure, "REDUCE");
  }
  if (gross > limits.maxLeverage + EPS) {
    add("max-leverage", gross, limits.maxLeverage, "REDUCE");
  }
  if (Math.abs(net) > limits.maxNetExposure + EPS) {
    add("max-net", Math.abs(net), limits.maxNetExposure, "REDUCE");
  }
  if (!state.correlation) return;
  for (
    const cl of correlationClusters(
      state.correlation,
      limits.correlationThreshold,
    )
  ) {
    if (cl.length < 2) continue;
    const g = cl.reduce((a, s) => a + Math.abs(state.weights[s] ?? 0), 0);
    if (g > limits.maxCorrelatedWeight + EPS) {
      add(
        `correlation:${cl.join("+")}`,
        g,
        limits.maxCorrelatedWeight,
        "REDUCE",
      );
    }
  }
}

/**
 * Check a book: drawdown from peak (1 - equity / peak >= maxDrawdown -> kill switch),
 * loss since the day start (>= dailyLossLimit), each |weight|, gross (vs
 * maxGrossExposure and maxLeverage), |net| and correlated clusters. A value breaches
 * when it exceeds its limit by more than 1e-9 (drawdown/loss: reaches it).
 *
 * @param state Equity marks and weights.
 * @param limits Validated limits.
 * @returns Breaches (in rule order) and the kill-switch flag.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkPortfolio } from "./check_portfolio.ts";
 * import { RiskLimitsSchema } from "./config.ts";
 * const limits = RiskLimitsSchema.parse({ maxDrawdown: 0.1 });
 * const r = checkPortfolio({ equity: 85, peakEquity: 100, dayStartEquity: 86, weights: { A: 0.5 } }, limits);
 * assert.equal(r.killSwitch, true);
 * assert.equal(r.breaches[0].rule, "max-drawdown");
 * ```
 */
export function checkPortfolio(
  state: BookState,
  limits: RiskLimits,
): PortfolioCheck {
  const date = state.date ?? "";
  const out: BreachRecord[] = [];
  const add: AddBreach = (rule, value, limit, action) =>
    out.push({ date, rule, value, limit, action });
  const dd = state.peakEquity > 0 ? 1 - state.equity / state.peakEquity : 0;
  const killSwitch = dd >= limits.maxDrawdown - 1e-12;
  if (killSwitch) add("max-drawdown", dd, limits.maxDrawdown, "HALT");
  const loss = state.dayStartEquity > 0
    ? 1 - state.equity / state.dayStartEquity
    : 0;
  if (loss >= limits.dailyLossLimit - 1e-12) {
    add("daily-loss", loss, limits.dailyLossLimit, "BLOCK_NEW_RISK");
  }
  exposureBreaches(state, limits, add);
  return { breaches: out, killSwitch };
}
