/**
 * Conventions every report states (DESIGN.md): when fills happen, annualisation,
 * drawdown sign.
 *
 * @module
 */

/** Fill timing of walk-forward backtests (lib/backtest fill "close"). */
export const BACKTEST_FILLS =
  "Backtest fills: a position decided with data up to the close of day t is filled at the close of t and earns the close-to-close return to t+1; costs (bps of turnover) are charged on every change.";

/** Fill timing of paper sessions (lib/paper simulated broker). */
export const PAPER_FILLS =
  "Paper fills: orders decided at the close of day t fill at the open of t+1 (market orders, moved against the trader by the slippage in bps; limit/stop orders within the bar); positions are marked at every close.";

/** Annualisation and sign conventions. */
export const STATS_CONVENTION =
  "Statistics: daily simple returns, 252 periods a year, Sharpe = mean / std(n-1) * sqrt(252), risk-free 0; drawdowns are shown as positive percentages (a 12% drawdown is a 12% fall from the running peak).";

/** The conventions list for a report about backtests and/or paper sessions. */
export function conventions(
  what: { backtest?: boolean; paper?: boolean } = { backtest: true },
): string[] {
  const out: string[] = [];
  if (what.backtest !== false) out.push(BACKTEST_FILLS);
  if (what.paper) out.push(PAPER_FILLS);
  out.push(STATS_CONVENTION);
  return out;
}
