/**
 * Trade statistics from a trade ledger.
 *
 * @module
 */
import { tradeStats } from "../metrics/mod.ts";
import type { Trade, TradeStats } from "./types.ts";

/**
 * Win rate, average win/loss, payoff ratio, profit factor and expectancy over every trade
 * of the ledger (an open final trade counts with its marked-to-market pnl), by lib/metrics
 * `tradeStats` on the trades' pnl and holding days. A trade wins when
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
  const pnl = Float64Array.from(trades, (t) => t.pnl);
  const hold = Float64Array.from(trades, (t) => t.holdingDays);
  return tradeStats(pnl, hold);
}
