/**
 * `stale_price`: the same open, high, low and close on at least `staleDays` consecutive
 * bars, with zero (or no) volume on the repeats. Count = runs; the example date is the
 * first repeated bar. OHLC are compared by hash; only zero-volume bars are joined to the
 * bar before them, so the rule is one cheap scan when volumes are positive. Not
 * repairable.
 *
 * @module
 */
import type { SanityRule } from "./_rule.ts";

/** Stale runs. */
export const stalePrice: SanityRule = {
  id: "stale_price",
  explain: "the same OHLC repeated with zero volume",
  kind: "set",
  reach: (opts) => opts.staleDays, // a run of staleDays bars and the bar before it
  hits: (_ctx, opts) =>
    `SELECT symbol, strftime(min(ts), '%Y-%m-%d') AS eg, (count(*) + 1) || ' identical bars' AS note
    FROM (SELECT a.symbol, a.ts, a.rn - row_number() OVER (PARTITION BY a.symbol ORDER BY a.rn) AS g
      FROM (SELECT symbol, ts, rn, h FROM moves WHERE v0) AS a
      JOIN moves AS b ON b.symbol = a.symbol AND b.rn = a.rn - 1 AND b.h = a.h)
    GROUP BY symbol, g HAVING count(*) + 1 >= ${opts.staleDays}`,
};
