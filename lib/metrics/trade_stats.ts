/**
 * Trade statistics from per-trade P&L.
 *
 * @module
 */
import { assertSameLength, assertSeries } from "./_validate.ts";

/** Result of {@linkcode tradeStats}. */
export interface TradeStatsResult {
  /** Number of trades with a non-NaN P&L. */
  readonly trades: number;
  /** wins / trades, a win being pnl > 0 (zero-P&L trades count as non-wins). */
  readonly winRate: number;
  /** avgWin / |avgLoss| (NaN without a win or without a loss). */
  readonly payoffRatio: number;
  /** sum(wins) / |sum(losses)|; Infinity with wins and no losses; NaN with neither. */
  readonly profitFactor: number;
  /** Mean P&L of the winning trades (NaN without wins). */
  readonly avgWin: number;
  /** Mean P&L of the losing trades, a NEGATIVE number (NaN without losses). */
  readonly avgLoss: number;
  /** Mean P&L per trade = winRate * avgWin + lossRate * avgLoss. */
  readonly expectancy: number;
  /** Mean holding period in periods (days for daily bars) of the counted trades; NaN
   * when `holdingDays` is not given. */
  readonly avgHoldingDays: number;
}

/**
 * Win rate, payoff ratio, profit factor and expectancy of a list of closed trades.
 * A trade wins when pnl > 0 and loses when pnl < 0; a zero-P&L trade is counted in
 * `trades` (so it lowers the win rate) but is neither a win nor a loss. Trades whose P&L
 * is NaN are skipped entirely. The P&L unit (currency or return) carries through.
 *
 * @param pnl P&L of each trade.
 * @param holdingDays Optional holding period of each trade, same length.
 * @returns Frozen statistics; with no trade every ratio is NaN and `trades` is 0.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tradeStats } from "./trade_stats.ts";
 * const s = tradeStats(new Float64Array([0.02, -0.01, 0.04, 0]));
 * assert.equal(s.trades, 4);
 * assert.equal(s.winRate, 0.5);
 * assert.ok(Math.abs(s.profitFactor - 6) < 1e-12 && Math.abs(s.payoffRatio - 3) < 1e-12);
 * assert.ok(Math.abs(s.expectancy - 0.0125) < 1e-15);
 * ```
 */
export function tradeStats(
  pnl: Float64Array,
  holdingDays?: Float64Array,
): TradeStatsResult {
  assertSeries(pnl, "pnl");
  if (holdingDays !== undefined) {
    assertSeries(holdingDays, "holdingDays");
    assertSameLength(pnl, holdingDays, "holdingDays");
  }
  let n = 0, wins = 0, losses = 0, sumWin = 0, sumLoss = 0, hold = 0;
  for (let i = 0; i < pnl.length; i++) {
    const p = pnl[i];
    if (Number.isNaN(p)) continue;
    n++;
    if (holdingDays) hold += holdingDays[i];
    if (p > 0) wins++, sumWin += p;
    else if (p < 0) losses++, sumLoss += p;
  }
  const avgWin = wins > 0 ? sumWin / wins : NaN;
  const avgLoss = losses > 0 ? sumLoss / losses : NaN;
  let profitFactor = NaN;
  if (losses > 0) profitFactor = sumWin / -sumLoss;
  else if (wins > 0) profitFactor = Infinity;
  return Object.freeze({
    trades: n,
    winRate: n > 0 ? wins / n : NaN,
    payoffRatio: avgWin / -avgLoss,
    profitFactor,
    avgWin,
    avgLoss,
    expectancy: n > 0 ? (sumWin + sumLoss) / n : NaN,
    avgHoldingDays: holdingDays && n > 0 ? hold / n : NaN,
  });
}
