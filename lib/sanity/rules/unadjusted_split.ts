/**
 * `unadjusted_split`: an overnight jump ln(open/prev close) within `splitTolerance` of the
 * log of a split ratio (2:1, 3:1, 3:2, 4:1, 5:1, 7:1, 8:1, 10:1, 20:1 and the reverse
 * splits) that does not revert: none of the next `splitRevertDays` closes gets back past
 * half the jump, and the jump does not itself undo a jump of the previous
 * `splitRevertDays` bars (the rebound after a one-bar glitch). Only bars at most 3
 * business days after the previous one are candidates (an overnight jump; on weekly or
 * monthly bars a split cannot be told from a big period move). Only candidate bars are
 * joined to their neighbours, so the rule costs one scan on clean data. Prices are
 * adjusted where the source has an adjusted close. Not repairable here (needs the split
 * ratio and date from a corporate-actions source).
 *
 * A split recorded in the store's `corporate_actions` (from a provider) tells a real
 * split from a bad print: a bar on the recorded ex-date whose overnight jump is within
 * `splitTolerance` of the recorded ratio is a split (any ratio, reverting or not) and is
 * flagged by neither this rule nor `extreme_move`; the same jump on a day without a
 * recorded split is still flagged.
 *
 * @module
 */
import { crLog } from "../../_shared/cr_math.ts";
import type { SanityContext } from "../_context.ts";
import type { SanityOptions } from "../config.ts";
import { EG_DAY, type SanityRule } from "./_rule.ts";

/** Split ratios (new price / old price) of unadjusted forward and reverse splits. */
export const SPLIT_RATIOS: readonly number[] = [2, 3, 4, 5, 7, 8, 10, 20, 1.5]
  .flatMap((r) => [1 / r, r]);

const NEAR = `least(${
  SPLIT_RATIOS.map((r) => `abs(lon - ${crLog(r)})`).join(", ")
})`;
const SMALLEST = crLog(1.5);
const HALF = "ln(c.pc) + c.lon / 2";

/**
 * SQL of the splits in `moves`: columns symbol, rn, ts, lon and `recorded` (the jump
 * matches a split recorded for that day), one row per bar.
 */
export function splitRows(ctx: SanityContext, opts: SanityOptions): string {
  const likely = likelySplits(opts);
  if (ctx.recordedSplits === null) {
    return `SELECT *, false AS recorded FROM (${likely})`;
  }
  const recorded = `SELECT m.symbol, m.rn, m.ts, m.lon FROM moves AS m
    JOIN (${ctx.recordedSplits}) AS r ON r.symbol = m.symbol AND r.day = CAST(m.ts AS DATE)
    WHERE abs(m.lon - r.lratio) < $split_tol`;
  return `SELECT symbol, rn, ts, lon, bool_or(recorded) AS recorded FROM (
      SELECT *, false AS recorded FROM (${likely})
      UNION ALL SELECT *, true AS recorded FROM (${recorded}))
    GROUP BY symbol, rn, ts, lon`;
}

/** SQL of the likely unadjusted splits in `moves` (columns symbol, rn, ts, lon). */
function likelySplits(opts: SanityOptions): string {
  const n = opts.splitRevertDays;
  const candidates = `SELECT symbol, rn, ts, pc, lon FROM moves
    WHERE sp <= 3 AND abs(lon) > ${SMALLEST} - $split_tol AND ${NEAR} < $split_tol`;
  return `SELECT c.symbol, c.rn, c.ts, c.lon FROM (${candidates}) AS c
    JOIN moves AS m ON m.symbol = c.symbol AND m.rn BETWEEN c.rn - ${
    n + 1
  } AND c.rn + ${n}
    GROUP BY c.symbol, c.rn, c.ts, c.pc, c.lon
    HAVING CASE WHEN c.lon < 0
      THEN NOT coalesce(max(ln(m.close)) FILTER (WHERE m.rn > c.rn) > ${HALF}, false)
        AND NOT coalesce(min(ln(m.close)) FILTER (WHERE m.rn < c.rn - 1) < ${HALF}, false)
      ELSE NOT coalesce(min(ln(m.close)) FILTER (WHERE m.rn > c.rn) < ${HALF}, false)
        AND NOT coalesce(max(ln(m.close)) FILTER (WHERE m.rn < c.rn - 1) > ${HALF}, false)
    END`;
}

/** Likely unadjusted splits not recorded as splits (rows of the `splits` CTE built from {@linkcode splitRows}). */
export const unadjustedSplit: SanityRule = {
  id: "unadjusted_split",
  explain: "a jump close to a split ratio that does not revert",
  kind: "set",
  // a candidate reads splitRevertDays + 1 bars before it and splitRevertDays after it,
  // so a bar changes the verdict on candidates that far away, whose windows reach as far again
  reach: (opts) => 2 * opts.splitRevertDays + 2,
  hits: () =>
    `SELECT symbol, ${EG_DAY} AS eg, printf('open/prev close = %.4f', exp(lon)) AS note
    FROM splits WHERE NOT recorded`,
};
