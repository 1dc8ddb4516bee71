/**
 * `future_date`: a bar dated after `now` (a UTC day, default today). RELAXED drops these
 * rows.
 *
 * @module
 */
import type { SanityRule } from "./_rule.ts";

/** Dates after `now`. */
export const futureDate: SanityRule = {
  id: "future_date",
  explain: "a date in the future",
  kind: "row",
  predicate: () => `CAST(ts AS DATE) > CAST($now AS DATE)`,
};
