/**
 * The risk guard: a by-value state machine (plain object in, new object out) that
 * tracks peak equity, day-start equity, the kill switch and a breach log. Backtests
 * (weights and shares) and paper sessions call the same {@linkcode updateRiskGuard} on
 * every mark, and {@linkcode haltRiskGuard} for a manual kill request.
 *
 * The two loss rules, decided once for backtests and paper alike:
 * - drawdown from the peak >= `maxDrawdown` HALTS: the kill switch is sticky for the rest
 *   of the run (flattening when `flattenOnKill`); only a new guard (a new session) clears it;
 * - a loss since the day's start >= `dailyLossLimit` FLAGS the day (`dailyLossHit`): no
 *   order may add risk for the rest of that day (reductions still pass), and the flag
 *   clears on the next day's first mark. With daily bars, "the rest of the day" is the
 *   orders decided at that day's close.
 *
 * @module
 */
import type { RiskLimits } from "./config.ts";
import type { CorrelationInput } from "./clusters.ts";
import { type BreachRecord, checkPortfolio } from "./check_portfolio.ts";
import type { RiskDecision } from "./risk_decision.ts";

/** Guard state. Never mutated: every update returns a new object. */
export interface RiskGuardState {
  readonly peakEquity: number;
  readonly dayStartEquity: number;
  /** Current day (first 10 characters of the last mark's date), "" before any mark. */
  readonly day: string;
  readonly lastEquity: number;
  /** Kill switch tripped (sticky until a new guard is created). */
  readonly halted: boolean;
  /** Date of the mark that tripped the kill switch, "" if not tripped. */
  readonly haltedOn: string;
  /** Rule that tripped it ("max-drawdown" or "manual"), "" if not tripped. */
  readonly haltRule: string;
  /** Why, in words (e.g. "drawdown 8.30% reached the 8.00% limit"), "" if not tripped. */
  readonly haltReason: string;
  /** Daily loss limit hit on the current day. */
  readonly dailyLossHit: boolean;
  /** Every breach seen, in time order (exposure breaches logged once per mark). */
  readonly breaches: readonly BreachRecord[];
}

/** One mark-to-market observation. */
export interface GuardMark {
  /** ISO date or instant of the mark. */
  readonly date: string;
  readonly equity: number;
  /** Weights held at the mark (after price drift); omitted = not checked. */
  readonly weights?: Readonly<Record<string, number>>;
  readonly correlation?: CorrelationInput;
}

/**
 * A fresh guard.
 *
 * @param initialEquity Starting equity (> 0); it is the first peak and day start.
 * @returns The initial state.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRiskGuard } from "./risk_guard.ts";
 * assert.equal(createRiskGuard(100).halted, false);
 * ```
 */
export function createRiskGuard(initialEquity: number): RiskGuardState {
  if (!(initialEquity > 0)) {
    throw new RangeError(`Initial equity must be > 0, got ${initialEquity}`);
  }
  return {
    peakEquity: initialEquity,
    dayStartEquity: initialEquity,
    day: "",
    lastEquity: initialEquity,
    halted: false,
    haltedOn: "",
    haltRule: "",
    haltReason: "",
    dailyLossHit: false,
    breaches: [],
  };
}

/**
 * Fold one mark into the guard. On a new day the day-start equity becomes the last
 * equity of the previous day and the daily-loss flag clears. The peak is updated, then
 * {@linkcode checkPortfolio} runs; a drawdown breach trips the (sticky) kill switch, a
 * daily-loss breach sets `dailyLossHit`, and every breach is appended to the log.
 *
 * @param guard Current state (not mutated).
 * @param mark Date, equity and optionally the weights held.
 * @param limits Validated limits.
 * @returns The new state.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRiskGuard, updateRiskGuard } from "./risk_guard.ts";
 * import { RiskLimitsSchema } from "./config.ts";
 * const limits = RiskLimitsSchema.parse({ maxDrawdown: 0.1, dailyLossLimit: 0.5 });
 * let g = createRiskGuard(100);
 * g = updateRiskGuard(g, { date: "2020-01-02", equity: 120 }, limits);
 * g = updateRiskGuard(g, { date: "2020-01-03", equity: 107 }, limits);
 * assert.equal(g.halted, true);
 * assert.equal(g.haltedOn, "2020-01-03");
 * assert.deepEqual(g.breaches.map((b) => b.rule), ["max-drawdown"]);
 * ```
 */
export function updateRiskGuard(
  guard: RiskGuardState,
  mark: GuardMark,
  limits: RiskLimits,
): RiskGuardState {
  if (!Number.isFinite(mark.equity)) {
    throw new RangeError(
      `Equity must be finite, got ${mark.equity} on ${mark.date}`,
    );
  }
  const day = mark.date.slice(0, 10);
  const newDay = day !== guard.day;
  const dayStartEquity = newDay ? guard.lastEquity : guard.dayStartEquity;
  const peakEquity = Math.max(guard.peakEquity, mark.equity);
  const check = checkPortfolio({
    date: mark.date,
    equity: mark.equity,
    peakEquity,
    dayStartEquity,
    weights: mark.weights ?? {},
    correlation: mark.correlation,
  }, limits);
  const trip = check.killSwitch && !guard.halted;
  const lossHit = check.breaches.some((b) => b.rule === "daily-loss");
  const logged = guard.halted
    ? check.breaches.filter((b) => b.rule !== "max-drawdown")
    : check.breaches;
  const dd = check.breaches.find((b) => b.rule === "max-drawdown");
  return {
    peakEquity,
    dayStartEquity,
    day,
    lastEquity: mark.equity,
    halted: guard.halted || check.killSwitch,
    haltedOn: trip ? mark.date : guard.haltedOn,
    haltRule: trip ? "max-drawdown" : guard.haltRule,
    haltReason: trip && dd ? drawdownReason(dd) : guard.haltReason,
    dailyLossHit: (newDay ? false : guard.dailyLossHit) || lossHit,
    breaches: logged.length ? [...guard.breaches, ...logged] : guard.breaches,
  };
}

function drawdownReason(b: BreachRecord): string {
  return `drawdown ${(b.value * 100).toFixed(2)}% reached the ${
    (b.limit * 100).toFixed(2)
  }% limit`;
}

/**
 * Trip the kill switch by hand (a manual kill request); no-op when already halted.
 *
 * @param guard Current state (not mutated).
 * @param date Date of the bar the request is handled on.
 * @param reason Why, as given with the request.
 * @returns The halted state.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRiskGuard, haltRiskGuard } from "./risk_guard.ts";
 * const g = haltRiskGuard(createRiskGuard(100), "2020-01-02", "operator stop");
 * assert.deepEqual([g.halted, g.haltedOn, g.haltRule], [true, "2020-01-02", "manual"]);
 * ```
 */
export function haltRiskGuard(
  guard: RiskGuardState,
  date: string,
  reason: string,
): RiskGuardState {
  if (guard.halted) return guard;
  return {
    ...guard,
    halted: true,
    haltedOn: date,
    haltRule: "manual",
    haltReason: reason,
  };
}

/**
 * The HALT decision of a guard that tripped between `before` and `after`, if it did.
 *
 * @param before State before the mark.
 * @param after State after it.
 * @param date Date of the mark.
 * @returns The decision, or undefined when the guard did not trip on this mark.
 */
export function haltDecision(
  before: RiskGuardState,
  after: RiskGuardState,
  date: string,
): RiskDecision | undefined {
  if (before.halted || !after.halted) return undefined;
  return {
    date,
    symbol: "",
    stage: "guard",
    action: "HALT",
    rule: after.haltRule,
    reason: after.haltReason,
  };
}
