/**
 * DataSanity for live bars: the per-bar subset of `lib/sanity`'s rules that can be decided
 * from one new bar and the history before it, cheap enough for every bar of a session.
 * A bar that fails is kept away from the strategy and raises a `data_quality` alert.
 *
 * @module
 */
import { crLog } from "../_shared/cr_math.ts";
import type { History } from "./history.ts";
import type { Bar } from "../backtest/mod.ts";

/** Largest |log return| accepted from one bar to the next (crash days pass). */
export const MAX_ABS_LOG_MOVE = 0.25;

/**
 * Check one bar against the rules; returns `undefined` when clean, else the problem.
 *
 * Rules: finite values, positive prices, high >= low, open and close inside [low, high],
 * non-negative volume (NaN volume allowed), a date that parses and is later than the
 * symbol's last bar, and |ln(close / previous close)| <= {@linkcode MAX_ABS_LOG_MOVE}.
 */
export function checkBar(bar: Bar, history: History): string | undefined {
  const { open, high, low, close, volume } = bar;
  if (
    !/^\d{4}-\d{2}-\d{2}/.test(bar.date) || Number.isNaN(Date.parse(bar.date))
  ) return `unparsable date "${bar.date}"`;
  if (![open, high, low, close].every(Number.isFinite)) {
    return "non-finite price";
  }
  if (!(open > 0 && high > 0 && low > 0 && close > 0)) {
    return "non-positive price";
  }
  if (high < low) return `high ${high} below low ${low}`;
  if (open < low || open > high || close < low || close > high) {
    return "open or close outside [low, high]";
  }
  if (volume < 0) return `negative volume ${volume}`;
  const c = history.columns.get(bar.symbol);
  if (c && c.n > 0) {
    if (bar.date <= c.dates[c.n - 1]) {
      return `date ${bar.date} not after the previous bar ${c.dates[c.n - 1]}`;
    }
    const move = crLog(close / c.close[c.n - 1]);
    if (Math.abs(move) > MAX_ABS_LOG_MOVE) {
      return `one-bar move of ${(move * 100).toFixed(1)}% (log) exceeds ${
        MAX_ABS_LOG_MOVE * 100
      }%`;
    }
  }
  return undefined;
}
