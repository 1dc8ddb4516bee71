/**
 * `lookahead`: a supplied `returns`/`label`/`target` column (see `lookaheadColumns`) whose
 * direction agrees with the NEXT bar's close-to-close change more often than chance and
 * more often than with the SAME bar's change.
 *
 * Direction of a value x: sign(x) when the column has negative values, else
 * sign(x - (min + max) / 2) (0/1 class labels). Over the rows where x, the same-bar and
 * the next-bar changes all have a direction, with n such rows and k_next agreements with
 * the next bar: z = (k_next - n/2) / sqrt(n/4) (binomial test against 50%, normal
 * approximation). Flagged when z > `lookaheadZ` (default 4, one-sided p ~ 3e-5) and
 * k_next > k_same. The reported rows are the agreeing ones. An honest same-bar return
 * column agrees with the same bar (k_same ~ n) and with the next bar only by chance.
 * Not repairable (drop the column at the source).
 *
 * @module
 */
import { sqlString } from "../../data/mod.ts";
import { EG_DAY, type SanityRule } from "./_rule.ts";

function columnSql(name: string, i: number): string {
  const lit = sqlString(name);
  return `SELECT symbol, ${EG_DAY} AS eg, printf(
      'column %s: next-bar sign agreement %.1f%% vs same-bar %.1f%% (z = %.1f, n = %d)',
      ${lit}, 100 * an / n, 100 * asame / n, (an - n / 2) / sqrt(n / 4), n) AS note
    FROM (
      SELECT symbol, ts, dx, dn, count_if(dx * dn > 0) OVER s AS an,
        count_if(dx * ds > 0) OVER s AS asame, count(*) OVER s AS n
      FROM (
        SELECT symbol, ts, sign(x${i} - mid) AS dx, sign(close - pc) AS ds, sign(nc - close) AS dn
        FROM moves, (SELECT CASE WHEN min(x${i}) < 0 THEN 0 ELSE (min(x${i}) + max(x${i})) / 2 END AS mid
          FROM moves WHERE isfinite(x${i}))
        WHERE isfinite(x${i}) AND pc IS NOT NULL AND nc IS NOT NULL)
      WHERE dx <> 0 AND ds <> 0 AND dn <> 0
      WINDOW s AS (PARTITION BY symbol))
    WHERE n > 0 AND (an - n / 2) / sqrt(n / 4) > $la_z AND an > asame AND dx * dn > 0`;
}

/** Lookahead contamination of supplied columns. */
export const lookahead: SanityRule = {
  id: "lookahead",
  explain: "a supplied column that follows the next bar's change",
  kind: "set",
  reach: () => 1, // the previous and the next close
  hits: (ctx) =>
    ctx.lookahead.length === 0
      ? null
      : ctx.lookahead.map((c, i) => columnSql(c.name, i)).join("\nUNION ALL\n"),
};
