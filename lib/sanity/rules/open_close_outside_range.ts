/**
 * `open_close_outside_range`: open or close outside [low, high] on a bar whose high >= low.
 * RELAXED widens the range: high = max(open, high, close), low = min(open, low, close)
 * (uses the bar's own values only).
 *
 * @module
 */
import { FINITE_OHLC, type SanityRule } from "./_rule.ts";

/** SQL predicate over `norm`. */
export const OUTSIDE_PREDICATE =
  `(${FINITE_OHLC} AND high >= low AND (open < low OR open > high OR close < low OR close > high))`;

/** Open or close outside the bar's range. */
export const openCloseOutsideRange: SanityRule = {
  id: "open_close_outside_range",
  explain: "open or close outside [low, high]",
  kind: "row",
  predicate: () => `(${OUTSIDE_PREDICATE})`,
};
