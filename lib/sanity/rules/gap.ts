/**
 * `gap`: a run of missing business days (Mon-Fri) between two bars longer than
 * `maxGapDays`, scaled by the symbol's typical bar spacing s (the median spacing in
 * business days: 1 for daily bars, 5 weekly, ~21 monthly): flagged when
 * spacing - s > maxGapDays * s. Holidays are business days here, so the 4-day closure
 * after 2001-09-11 (Mon 09-10 -> Mon 09-17: 4 missing) passes the default 5, and 40
 * missing days fail. The example date is the bar after the gap. The median is computed
 * only for symbols with a candidate gap. Not repairable.
 *
 * @module
 */
import { EG_DAY, type SanityRule } from "./_rule.ts";

/** Gaps between bars. */
export const gap: SanityRule = {
  id: "gap",
  explain: "too many missing business days between bars",
  kind: "set",
  reach: () => 1, // the previous bar (the typical spacing is taken over the bars validated)
  hits: () =>
    `SELECT g.symbol, ${EG_DAY} AS eg,
      (g.sp - 1) || ' business days missing (typical spacing ' || m.med || ')' AS note
    FROM (SELECT symbol, ts, sp FROM moves WHERE sp > 1 + $max_gap) AS g
    JOIN (SELECT symbol, greatest(quantile_disc(sp, 0.5), 1) AS med FROM moves
      WHERE sp IS NOT NULL AND symbol IN (SELECT symbol FROM moves WHERE sp > 1 + $max_gap)
      GROUP BY symbol) AS m ON g.symbol = m.symbol
    WHERE g.sp - m.med > $max_gap * m.med`,
};
