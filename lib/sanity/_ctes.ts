/**
 * The common table expressions every rule reads:
 * - `norm`: every row of the table with standard column names (`rid` = rowid, `x0, x1, ...`
 *   = lookahead columns as DOUBLE; absent optional columns are NULL);
 * - `moves` (materialised, kept narrow): the rows with a date and finite positive prices,
 *   sorted once by (symbol, ts) (ties, i.e. duplicates, in any order). Prices are
 *   ADJUSTED where the row has an adjusted close (open and close times adj_close/close),
 *   so a split in the traded prices of a source with a correct adjusted close is no jump.
 *   Columns: the (adjusted) close, the previous close `pc`, the next close `nc` (only
 *   with lookahead columns), the row number `rn`, log moves `lon` = ln(open/pc),
 *   `lcc` = ln(close/pc), `lid` = ln(close/open), the spacing `sp` in business days,
 *   `pline` (the line of the previous bar in time that has one - rows merged in from the
 *   store have none: `line < pline` marks a symbol whose lines may be out of order), `h` (hash of the raw OHLC), `v0` (zero or no volume) and
 *   `dup` (same timestamp as the previous bar). At most five window functions, one sort.
 * - `splits` (materialised): the likely unadjusted splits and the jumps matching a split
 *   recorded in `corporate_actions` (see `rules/unadjusted_split.ts`).
 *
 * @module
 */
import { businessDayExpr, type SanityContext } from "./_context.ts";
import type { SanityOptions } from "./config.ts";
import { splitRows } from "./rules/unadjusted_split.ts";

/** SQL of `norm` (also used by the repairs). */
export function normSql(ctx: SanityContext): string {
  const x = ctx.lookahead.map((c, i) => `, ${c.expr} AS x${i}`).join("");
  return `SELECT rowid AS rid, coalesce(${ctx.symbol}, '') AS symbol, ${ctx.symbol} IS NULL AS sym_null,
    ${
    ctx.line ?? "CAST(NULL AS BIGINT)"
  } AS line, TRY_CAST(ts AS TIMESTAMP) AS ts,
    ${ctx.tsRaw ?? "CAST(NULL AS VARCHAR)"} AS ts_raw,
    CAST(open AS DOUBLE) AS open, CAST(high AS DOUBLE) AS high, CAST(low AS DOUBLE) AS low,
    CAST(close AS DOUBLE) AS close, ${ctx.adjClose} AS adj_close, ${ctx.volume} AS volume${x}
  FROM ${ctx.table}`;
}

/** Adjustment factor adj_close / close when the row has a usable adjusted close, else 1. */
const ADJUST =
  `(CASE WHEN isfinite(adj_close) AND adj_close > 0 THEN adj_close / close ELSE 1 END)`;

function movesSql(ctx: SanityContext): string {
  const x = ctx.lookahead.map((_, i) => `, x${i}`).join("");
  const nc = ctx.lookahead.length > 0
    ? "lead(ac) OVER w"
    : "CAST(NULL AS DOUBLE)";
  const pline = ctx.line === null
    ? "CAST(NULL AS BIGINT)"
    : "lag(line IGNORE NULLS) OVER w";
  return `SELECT symbol, line, ts, ac AS close${x}, pc, nc, rn, pline, h, v0,
    ln(ao / pc) AS lon, ln(ac / pc) AS lcc, lid,
    ${businessDayExpr("ts")} - ${businessDayExpr("pts")} AS sp, ts = pts AS dup
  FROM (SELECT *, lag(ac) OVER w AS pc, lag(ts) OVER w AS pts, row_number() OVER w AS rn,
      ${nc} AS nc, ${pline} AS pline
    FROM (SELECT symbol, line, ts${x}, close * ${ADJUST} AS ac, open * ${ADJUST} AS ao,
        ln(close / open) AS lid, hash(open, high, low, close) AS h,
        coalesce(volume, 0) = 0 AS v0 FROM norm
      WHERE ts IS NOT NULL AND isfinite(open + high + low + close)
        AND least(open, high, low, close) > 0)
    WINDOW w AS (PARTITION BY symbol ORDER BY ts))`;
}

/**
 * The `WITH` clause (without the keyword) defining `norm`, `moves` and `splits` (the
 * likely unadjusted splits, read by two rules).
 *
 * @param ctx Table context.
 * @param opts Thresholds (the split rule's window).
 * @returns SQL text binding `$split_tol`.
 */
export function ctesSql(ctx: SanityContext, opts: SanityOptions): string {
  return `norm AS NOT MATERIALIZED (${normSql(ctx)}),
  moves AS MATERIALIZED (${movesSql(ctx)}),
  splits AS MATERIALIZED (${splitRows(ctx, opts)})`;
}
