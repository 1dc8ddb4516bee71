/**
 * `out_of_order`: a row that comes, in source-line order, after a row of the same symbol
 * with a later timestamp (i.e. its line is greater than the smallest line of the rows
 * dated after it). Ties in time are duplicates, not disorder. Needs a `line` column (a
 * table has no order of its own); rows with missing values are left to `missing_value`.
 * The exact rows are computed only for symbols where some bar's line is below the line of
 * the bar before it in time. RELAXED sorts: `line` is renumbered in (symbol, ts) order.
 *
 * @module
 */
import { EG_DAY, type SanityRule } from "./_rule.ts";

/** SQL of the out-of-order rows of `moves` (columns symbol, eg). */
export const OUT_OF_ORDER_ROWS = `SELECT symbol, ${EG_DAY} AS eg FROM (
    SELECT symbol, ts, line, min(line) OVER (PARTITION BY symbol ORDER BY ts, line
      ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_line
    FROM moves WHERE symbol IN (SELECT symbol FROM moves WHERE line < pline))
  WHERE line > later_line`;

/** Rows out of time order. */
export const outOfOrder: SanityRule = {
  id: "out_of_order",
  explain: "a row after a row with a later date",
  kind: "set",
  reach: () => 0, // the order of the file's own lines
  hits: (ctx) =>
    ctx.line === null
      ? null
      : `SELECT symbol, eg, NULL AS note FROM (${OUT_OF_ORDER_ROWS})`,
};
