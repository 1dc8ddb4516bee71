/**
 * Trade statistics from a trade ledger.
 *
 * @module
 */
import type { Trade, TradeStats } from "./types.ts";

/**
 * Win rate, average win/loss, payoff ratio and profit factor over every trade of the
 * ledger (an open final trade counts with its marked-to-market pnl). A trade wins when
 * `pnl > 0` and loses when `pnl < 0`; a zero-pnl trade counts in `trades` only.
 * `payoffRatio = avgWin / |avgLoss|`, `profitFactor = sum(wins) / |sum(losses)|`
 * (Infinity with wins and no losses; NaN without trades).
 *
 * @param trades A ledger from `tradeLedger` / `runBacktest`.
 * @returns Frozen statistics.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summarizeTrades } from "./summarize_trades.ts";
 * const t = (pnl: number) => ({ direction: 1 as const, entryIndex: 0, entryDate: "a", exitIndex: 1, exitDate: "b", holdingDays: 1, pnl, closed: true });
 * const s = summarizeTrades([t(0.02), t(-0.01), t(0.04)]);
 * assert.equal(s.winRate, 2 / 3);
 * assert.ok(Math.abs(s.profitFactor - 6) < 1e-12 && Math.abs(s.payoffRatio - 3) < 1e-12);
 * ```
 */
export function summarizeTrades(trades: readonly Trade[]): TradeStats {
  let wins = 0, losses = 0, sumWin = 0, sumLoss = 0, hold = 0;
  for (const t of trades) {
    hold += t.holdingDays;
    if (t.pnl > 0) {
      wins++;
      sumWin += t.pnl;
    } else if (t.pnl < 0) {
      losses++;
      sumLoss += t.pnl;
    }
  }
  const n = trades.length;
  const avgWin = wins > 0 ? sumWin / wins : NaN;
  const avgLoss = losses > 0 ? sumLoss / losses : NaN;
  let profitFactor = NaN;
  if (losses > 0) profitFactor = sumWin / -sumLoss;
  else if (wins > 0) profitFactor = Infinity;
  return Object.freeze({
    trades: n,
    winRate: n > 0 ? wins / n : NaN,
    avgWin,
    avgLoss,
    payoffRatio: avgWin / -avgLoss,
    profitFactor,
    avgHoldingDays: n > 0 ? hold / n : NaN,
  });
}
