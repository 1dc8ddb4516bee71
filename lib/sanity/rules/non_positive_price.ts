/**
 * `non_positive_price`: open, high, low, close (or adjusted close) <= 0. RELAXED drops
 * these rows.
 *
 * @module
 */
import { FINITE_OHLC, type SanityRule } from "./_rule.ts";

/** SQL predicate over `norm`. */
export const NON_POSITIVE_PREDICATE =
  `(${FINITE_OHLC} AND (least(open, high, low, close) <= 0
  OR coalesce(isfinite(adj_close) AND adj_close <= 0, false)))`;

/** Prices at or below zero. */
export const nonPositivePrice: SanityRule = {
  id: "non_positive_price",
  explain: "a price at or below zero",
  kind: "row",
  predicate: () => `(${NON_POSITIVE_PREDICATE})`,
};
