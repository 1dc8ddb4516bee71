/**
 * `time_zone_mix`: the source date texts mix naive (`2020-01-02`, `2020-01-02 09:30`) and
 * zoned (`...T09:30:00Z`, `...+01:00`) timestamps anywhere in the table; the rows of the
 * rarer kind are reported. Needs a `ts_raw` column. Not repairable (the naive rows' zone
 * is unknown).
 *
 * @module
 */
import { EG_ROW } from "../_context.ts";
import type { SanityRule } from "./_rule.ts";

const ZONED =
  `regexp_matches(ts_raw, '\\d[T ]\\d{2}:\\d{2}.*(Z|[+-]\\d{2}(:?\\d{2})?)$')`;

/** Naive and zoned timestamps mixed (only rows with a ':' can be zoned: one cheap scan). */
export const timeZoneMix: SanityRule = {
  id: "time_zone_mix",
  explain: "naive and zoned timestamps mixed",
  kind: "set",
  reach: () => 0, // the file's own date texts
  hits: (ctx) =>
    ctx.tsRaw === null ? null : `WITH k AS (SELECT z, c - z AS n FROM (SELECT
        (SELECT count(*) FROM norm WHERE contains(ts_raw, ':') AND ${ZONED}) AS z,
        (SELECT count(ts_raw) FROM norm) AS c))
    SELECT symbol, ${EG_ROW} AS eg,
      CASE WHEN z <= n THEN 'zoned' ELSE 'naive' END || ' among ' || z || ' zoned, ' || n || ' naive' AS note
    FROM (SELECT *, coalesce(contains(ts_raw, ':') AND ${ZONED}, false) AS zoned FROM norm
      WHERE ts_raw IS NOT NULL AND (SELECT z > 0 AND n > 0 FROM k)), k
    WHERE zoned = (z <= n)`,
};
