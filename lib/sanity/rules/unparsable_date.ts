/**
 * `unparsable_date`: the source date text (`ts_raw`) did not parse (`ts` is NULL). The
 * example is the raw text. Needs a `ts_raw` column. RELAXED drops these rows.
 *
 * @module
 */
import type { SanityRule } from "./_rule.ts";

/** Dates that do not parse. */
export const unparsableDate: SanityRule = {
  id: "unparsable_date",
  explain: "a date that does not parse",
  kind: "row",
  predicate: (ctx) =>
    ctx.tsRaw === null ? null : `(ts IS NULL AND ts_raw IS NOT NULL)`,
};
