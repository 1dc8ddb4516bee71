/**
 * From a target weight to an order in shares: the sizing rule shared by the execution
 * backtest and paper trading.
 *
 * @module
 */

/** How target weights become share quantities (the paper config's `sizing` block). */
export interface SizingRule {
  /** Fraction of equity a target weight of 1 stands for. */
  readonly fraction: number;
  /** Trade fractional shares (else whole shares, toward zero). */
  readonly fractionalShares: boolean;
  /** Skip orders whose notional is below this fraction of equity. */
  readonly minTradeFraction: number;
}

/**
 * Shares to trade toward a target weight at the decision bar's close:
 * `target * fraction * equity / price` (whole shares toward zero unless fractional) minus
 * what is held and what open orders will still bring; 0 when that is no change or its
 * notional is below `minTradeFraction * equity`.
 *
 * @param target Target weight (fraction of equity, before `fraction`).
 * @param price Reference price (the decision bar's close).
 * @param equity Account equity at that close.
 * @param held Signed shares held.
 * @param pending Signed shares of open orders not yet filled.
 * @param sizing The sizing rule.
 * @returns Signed shares to order (0 = no order).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { orderDelta } from "./order_sizing.ts";
 * const sizing = { fraction: 1, fractionalShares: false, minTradeFraction: 0.001 };
 * assert.equal(orderDelta(0.5, 100, 10_000, 20, 0, sizing), 30);
 * assert.equal(orderDelta(0.5, 100, 10_000, 50, 0, sizing), 0);
 * ```
 */
export function orderDelta(
  target: number,
  price: number,
  equity: number,
  held: number,
  pending: number,
  sizing: SizingRule,
): number {
  let want = (target * sizing.fraction * equity) / price;
  if (!sizing.fractionalShares) want = Math.trunc(want);
  const delta = want - held - pending;
  if (
    Math.abs(delta * price) < sizing.minTradeFraction * equity || delta === 0
  ) return 0;
  return delta;
}
