/**
 * `extreme_move`: |ln(close/prev close)| (close to close), |ln(open/prev close)|
 * (overnight) or |ln(close/open)| (intraday) above `maxMove` (default 0.25, i.e. about
 * +28%/-22%; the worst S&P 500 days 2008-10-13 (+11.6%) and 2020-03-16 (-12%) pass).
 * The threshold is per business day of spacing: a bar sp business days after the
 * previous one is flagged above maxMove * sqrt(sp) (random-walk scaling), so daily bars
 * use maxMove itself, a bar after the 2001-09-11 closure sqrt(5) times it, and monthly
 * bars (sp ~ 21) about 4.6 times it (the worst months of the built-in monthly stocks,
 * e.g. AAPL -32% in 2000-09, pass).
 * Bars flagged as likely unadjusted splits are reported there instead. Not repairable.
 *
 * @module
 */
import { EG_DAY, type SanityRule } from "./_rule.ts";

/** Extreme one-bar moves. */
export const extremeMove: SanityRule = {
  id: "extreme_move",
  explain: "an extreme one-bar move",
  kind: "set",
  reach: () => 1, // the previous close
  hits: () =>
    `SELECT e.symbol, ${EG_DAY} AS eg,
      printf('log moves: close/prev %.3f, open/prev %.3f, close/open %.3f', lcc, e.lon, lid) AS note
    FROM (SELECT * FROM moves
      WHERE greatest(abs(lcc), abs(lon), abs(lid)) > $max_move * sqrt(greatest(sp, 1))) AS e
    ANTI JOIN splits AS s ON e.symbol = s.symbol AND e.rn = s.rn`,
};
