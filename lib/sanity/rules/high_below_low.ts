/**
 * `high_below_low`: high < low. Not repairable (which one is wrong is unknown).
 *
 * @module
 */
import { FINITE_OHLC, type SanityRule } from "./_rule.ts";

/** High below low. */
export const highBelowLow: SanityRule = {
  id: "high_below_low",
  explain: "high below low",
  kind: "row",
  predicate: () => `(${FINITE_OHLC} AND high < low)`,
};
