/**
 * `duplicate_exact`: a (symbol, timestamp) that occurs more than once with identical
 * OHLCV (and adjusted close). Count = duplicated timestamps. Repeats are found among rows
 * with finite positive prices; all rows of a repeated timestamp are then compared.
 * RELAXED keeps the last row (highest source line).
 *
 * @module
 */
import { EG_DAY, type SanityRule } from "./_rule.ts";

/**
 * SQL grouping the repeated timestamps: `n` rows, `v` distinct versions. The rows of
 * `norm` are first narrowed to the symbols that have a repeat (one list, usually empty):
 * without it DuckDB may build the semi-join's hash table over every row of `norm` (on a
 * staged table of 15 M rows, ~18 s for no repeat at all).
 */
export const DUPLICATE_GROUPS = `SELECT symbol, ${EG_DAY} AS eg, count(*) AS n,
    count(DISTINCT hash(open, high, low, close, volume, adj_close)) AS v
  FROM norm
  WHERE list_contains((SELECT coalesce(list(DISTINCT symbol), []) FROM moves WHERE dup), symbol)
    AND (symbol, ts) IN (SELECT (symbol, ts) FROM moves WHERE dup)
  GROUP BY symbol, ts`;

/** Exact duplicates. */
export const duplicateExact: SanityRule = {
  id: "duplicate_exact",
  explain: "a timestamp repeated with identical values",
  kind: "set",
  reach: () => 0,
  hits: () =>
    `SELECT symbol, eg, n || ' copies' AS note FROM (${DUPLICATE_GROUPS}) WHERE v = 1`,
};
