/**
 * `missing_value`: a NULL or non-finite (NaN, ±Infinity) symbol, date, open, high, low or
 * close, or a non-finite volume or adjusted close. A NULL volume or adjusted close means
 * "the source has none" and is accepted. RELAXED drops these rows.
 *
 * @module
 */
import { MISSING_PREDICATE, type SanityRule } from "./_rule.ts";

/** Missing or non-finite values. */
export const missingValue: SanityRule = {
  id: "missing_value",
  explain: "a missing or non-finite value",
  kind: "row",
  predicate: () => `(${MISSING_PREDICATE})`,
};
