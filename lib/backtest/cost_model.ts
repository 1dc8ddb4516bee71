/**
 * The cost convention of the project, in one file: what a basis point is, what trading a
 * unit of turnover costs a weights backtest, and what a fill in shares costs (slippage on
 * the price, commission per share with a minimum, commission in bps of notional). Every
 * backtest (weights or shares), the simulated broker of paper trading, its reconciliation,
 * the allocation walk-forward and the optimiser charge costs through these functions, so
 * changing the convention here changes it everywhere.
 *
 * @module
 */

/** Execution costs of fills in shares (the paper config's `broker` block). */
export interface CostModel {
  /** Slippage against the trader, in basis points of the reference price. @default 0 */
  readonly slippageBps?: number;
  /** Commission per share. @default 0 */
  readonly commissionPerShare?: number;
  /** Minimum commission per fill. @default 0 */
  readonly commissionMin?: number;
  /** Commission in basis points of traded notional. @default 0 */
  readonly commissionBps?: number;
}

/**
 * Basis points as a fraction: `bps / 1e4` (1 bp = 0.01%).
 *
 * @param bps Basis points.
 * @returns The fraction.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { bpsToFraction } from "./cost_model.ts";
 * assert.equal(bpsToFraction(25), 0.0025);
 * ```
 */
export function bpsToFraction(bps: number): number {
  return bps / 1e4;
}

/**
 * Cost of a weights fill as a fraction of equity: `rate * turnover`, with turnover the
 * sum of |weight changes| (fractions of equity) and `rate` the cost per unit of turnover
 * (`bpsToFraction(costBps)` plus any slippage rate).
 *
 * @param rate Cost per unit of turnover, as a fraction.
 * @param turnover Sum of |weight changes| of the fill.
 * @returns The cost as a fraction of equity.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { turnoverCost } from "./cost_model.ts";
 * assert.equal(turnoverCost(0.001, 2), 0.002);
 * ```
 */
export function turnoverCost(rate: number, turnover: number): number {
  return rate * turnover;
}

/**
 * Price of a fill in shares: the reference price moved against the trader by
 * `slippageBps` (buys pay `ref * (1 + s)`, sells receive `ref * (1 - s)`).
 *
 * @param ref Reference price (the open of t+1 or the close of t, per the fill timing).
 * @param buy True for a buy.
 * @param model Slippage in bps.
 * @returns The fill price.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillPrice } from "./cost_model.ts";
 * assert.equal(fillPrice(100, true, { slippageBps: 10 }), 100.1);
 * ```
 */
export function fillPrice(ref: number, buy: boolean, model: CostModel): number {
  const s = bpsToFraction(model.slippageBps ?? 0);
  return ref * (buy ? 1 + s : 1 - s);
}

/**
 * Commission of a fill in account currency:
 * `max(commissionPerShare * quantity, commissionMin) + commissionBps of quantity * price`.
 *
 * @param quantity Shares filled (positive).
 * @param price Fill price.
 * @param model Commission settings.
 * @returns The commission (>= 0).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fillCommission } from "./cost_model.ts";
 * assert.equal(fillCommission(100, 50, { commissionPerShare: 0.005, commissionMin: 1, commissionBps: 1 }), 1.5);
 * ```
 */
export function fillCommission(
  quantity: number,
  price: number,
  model: CostModel,
): number {
  return Math.max(
    (model.commissionPerShare ?? 0) * quantity,
    model.commissionMin ?? 0,
  ) + bpsToFraction(quantity * price * (model.commissionBps ?? 0));
}
