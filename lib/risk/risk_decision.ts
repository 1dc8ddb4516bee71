/**
 * The log line of every risk decision, written the same way by backtests and paper
 * sessions so the two can be compared decision by decision.
 *
 * @module
 */

/** A risk check's answer; HALT is the kill switch tripping (sticky for the run). */
export type RiskVerdict = "ALLOW" | "CLIP" | "DENY" | "HALT";

/** One decision of the risk layer. */
export interface RiskDecision {
  /** Bar (date) the decision was made on. */
  readonly date: string;
  /** Symbol of the order or target; "" for a portfolio-level decision (HALT). */
  readonly symbol: string;
  /**
   * `"guard"`: the mark-to-market guard (kill switch); `"order"`: the pre-trade check of
   * an order or target at the decision bar's close; `"fill"`: the check repeated at the
   * fill price (the open of the next bar) so slippage, commission and gaps cannot push
   * the book past a limit.
   */
  readonly stage: "guard" | "order" | "fill";
  readonly action: RiskVerdict;
  /** Rule id (e.g. "max-gross", "max-drawdown", "manual"), "none" when allowed in full. */
  readonly rule: string;
  readonly reason: string;
}
